package io.coverwatch.notification.rest;

import io.coverwatch.localinfra.LocalInfraTestResource;
import io.coverwatch.localinfra.LocalTokenIssuer;
import io.coverwatch.security.testing.ApiAccess;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every operation of notification-service's API: 401 without a token, 403 without its role. */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
class ApiAccessTest {

    LocalTokenIssuer issuer;

    @TestHTTPResource(value = "/openapi?format=json", management = true)
    URL openApi;

    @TestFactory
    Stream<DynamicTest> everyOperationNeedsATokenWithItsRole() {
        return ApiAccess.of(openApi, issuer).tests();
    }
}
