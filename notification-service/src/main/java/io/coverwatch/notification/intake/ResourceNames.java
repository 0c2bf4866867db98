package io.coverwatch.notification.intake;

/** The name Azure gives a resource: the last segment of its ID. */
final class ResourceNames {

    private ResourceNames() {}

    static String of(String resourceId) {
        String trimmed = resourceId.endsWith("/") ? resourceId.substring(0, resourceId.length() - 1) : resourceId;
        return trimmed.substring(trimmed.lastIndexOf('/') + 1);
    }
}
