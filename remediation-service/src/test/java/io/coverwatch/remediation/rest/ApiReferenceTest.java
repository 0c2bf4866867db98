package io.coverwatch.remediation.rest;

import io.coverwatch.localinfra.LocalInfraTestResource;
import io.coverwatch.security.testing.ApiReferenceContract;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** remediation-service's API reference: every operation, parameter and schema described; Swagger UI on management. */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
class ApiReferenceTest extends ApiReferenceContract {}
