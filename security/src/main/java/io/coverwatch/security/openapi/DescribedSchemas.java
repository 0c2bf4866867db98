package io.coverwatch.security.openapi;

import java.util.Map;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * Describes domain types in a service's OpenAPI document. Domain packages are plain Java and carry no OpenAPI
 * annotation (the floor plan keeps MicroProfile out of them), so the service's REST edge says what they mean, through a
 * build-time filter extending this one. A description whose type no operation shows fails the build, so none goes
 * stale.
 */
public abstract class DescribedSchemas implements OASFilter {

    private final Map<Class<?>, String> descriptions;

    protected DescribedSchemas(Map<Class<?>, String> descriptions) {
        this.descriptions = Map.copyOf(descriptions);
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Map<String, Schema> schemas = openAPI.getComponents().getSchemas();
        descriptions.forEach((type, description) -> {
            Schema schema = schemas.get(type.getSimpleName());
            if (schema == null) {
                throw new IllegalStateException(type.getName() + " is described but no operation shows it");
            }
            schema.setDescription(description);
        });
    }
}
