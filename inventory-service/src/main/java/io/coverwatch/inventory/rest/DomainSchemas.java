package io.coverwatch.inventory.rest;

import io.coverwatch.inventory.resource.Sighting;
import io.coverwatch.security.openapi.DescribedSchemas;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFilter;

/**
 * Describes the resource inventory's types in the OpenAPI document: they carry no OpenAPI annotation, as every
 * service's domain types, so the edge that shows them says what they mean.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
// Quarkus finds a build-time filter by the OASFilter it names itself, not by its superclass's.
public class DomainSchemas extends DescribedSchemas implements OASFilter {

    public DomainSchemas() {
        super(Map.of(
                Sighting.class,
                "What submitting a resource did: CREATED (inventory did not know it; stored and published), CHANGED"
                        + " (its state differed from the last one seen; stored and published), UNCHANGED (only its"
                        + " last-seen time moved; nothing published)."));
    }
}
