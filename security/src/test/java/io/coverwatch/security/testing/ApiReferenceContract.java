package io.coverwatch.security.testing;

import io.quarkus.test.common.http.TestHTTPResource;
import java.net.URL;
import org.junit.jupiter.api.Test;

/**
 * The API reference every service keeps: every operation, parameter and schema of its OpenAPI document described, and
 * Swagger UI on the management port. A service's {@code @QuarkusTest} extends it.
 */
public abstract class ApiReferenceContract {

    @TestHTTPResource(value = "/openapi?format=json", management = true)
    URL openApi;

    @TestHTTPResource(value = "/swagger-ui/", management = true)
    URL swaggerUi;

    @Test
    void everyOperationParameterAndSchemaIsDescribed() {
        ApiReference.of(openApi).check();
    }

    @Test
    void swaggerUiAnswersOnTheManagementPort() {
        ApiReference.checkSwaggerUi(swaggerUi);
    }
}
