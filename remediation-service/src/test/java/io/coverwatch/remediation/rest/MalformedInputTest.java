package io.coverwatch.remediation.rest;

import io.coverwatch.localinfra.LocalInfraTestResource;
import io.coverwatch.localinfra.LocalTokenIssuer;
import io.coverwatch.security.testing.MalformedInput;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every operation of remediation-service's API answers bad input 4xx with problem+json, and the service stays ready. */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
class MalformedInputTest {

    LocalTokenIssuer issuer;

    @TestHTTPResource(value = "/openapi?format=json", management = true)
    URL openApi;

    @TestHTTPResource(value = "/health/ready", management = true)
    URL readiness;

    @TestFactory
    Stream<DynamicTest> badInputIsRefusedWithAProblem() {
        return MalformedInput.of(openApi, readiness, issuer).tests();
    }
}
