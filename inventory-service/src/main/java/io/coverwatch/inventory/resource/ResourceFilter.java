package io.coverwatch.inventory.resource;

/**
 * Which resources a listing shows; every part is optional and the parts combine.
 *
 * @param tag    {@code key=value}, or a bare {@code key} for any value
 * @param text   matched case-insensitively anywhere in the name or the ARM ID
 * @param origin the source that last reported the resource: api, demo, azure-rm or event-hubs
 */
public record ResourceFilter(String subscriptionId, String type, String tag, String text, String origin) {}
