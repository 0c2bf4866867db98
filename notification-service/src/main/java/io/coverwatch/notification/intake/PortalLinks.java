package io.coverwatch.notification.intake;

/** Links into the Azure portal. */
public final class PortalLinks {

    private PortalLinks() {}

    /** The portal page of a resource; {@code portal} is the configured portal (sovereign clouds have their own). */
    public static String resource(String portal, String resourceId) {
        return portal + "/#@/resource" + resourceId;
    }
}
