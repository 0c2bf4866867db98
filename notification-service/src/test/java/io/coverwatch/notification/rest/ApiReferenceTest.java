package io.coverwatch.notification.rest;

import io.coverwatch.localinfra.LocalInfraTestResource;
import io.coverwatch.security.testing.ApiReferenceContract;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** notification-service's API reference: every operation, parameter and schema described; Swagger UI on management. */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
class ApiReferenceTest extends ApiReferenceContract {}
