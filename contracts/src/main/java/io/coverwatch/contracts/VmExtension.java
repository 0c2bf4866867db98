package io.coverwatch.contracts;

/**
 * A VM or Arc machine extension. Identify it by publisher and type (case-insensitive); its name is free text.
 *
 * @param provisioningState for example {@code Succeeded} or {@code Failed}
 * @param statusMessage     the extension's own status message, kept for diagnosis
 */
public record VmExtension(
        String name,
        String publisher,
        String type,
        String typeHandlerVersion,
        String provisioningState,
        String statusMessage) {

    public boolean is(String expectedPublisher, String expectedType) {
        return publisher != null
                && type != null
                && publisher.equalsIgnoreCase(expectedPublisher)
                && type.equalsIgnoreCase(expectedType);
    }
}
