package io.coverwatch.inventory.resource;

/** What recording one sighting of a resource did to the inventory. */
public enum Sighting {
    /** Inventory did not know the resource: stored and published. */
    CREATED,
    /** Its state differed from the last one seen: stored and published. */
    CHANGED,
    /** The same state as last seen: only its last-seen time moved, nothing was published. */
    UNCHANGED
}
