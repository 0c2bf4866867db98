package io.coverwatch.remediation.rest;

import io.coverwatch.localinfra.LocalInfraTestResource;
import io.coverwatch.security.testing.ApiReference;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import org.junit.jupiter.api.Test;

/** remediation-service's API reference: every operation, parameter and schema described; Swagger UI on management. */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
class ApiReferenceTest {

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
