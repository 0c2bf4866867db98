package io.coverwatch.contracts;

import jakarta.validation.constraints.Size;

/**
 * A VM or Arc machine extension. Identify it by publisher and type (case-insensitive); its name is free text.
 *
 * @param provisioningState for example {@code Succeeded} or {@code Failed}
 * @param statusMessage     the extension's own status message, kept for diagnosis
 */
public record VmExtension(
        @Size(max = 256) String name,
        @Size(max = 256) String publisher,
        @Size(max = 256) String type,
        @Size(max = 64) String typeHandlerVersion,
        @Size(max = 64) String provisioningState,
        @Size(max = 4096) String statusMessage) {

    public boolean is(String expectedPublisher, String expectedType) {
        return publisher != null
                && type != null
                && publisher.equalsIgnoreCase(expectedPublisher)
                && type.equalsIgnoreCase(expectedType);
    }
}
