package io.coverwatch.remediation.execution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ArmAnswerTest {

    private static final String CHANGE = "PUT /subscriptions/1111/…/prod-web-01/extensions/AzureMonitorWindowsAgent";

    @Test
    void aPolicyDenialIsPermanentAndNamesArmsCodeAndMessage() {
        ArmAnswer answer = ArmAnswer.of(
                403,
                "{\"error\":{\"code\":\"RequestDisallowedByPolicy\",\"target\":\"AzureMonitorWindowsAgent\","
                        + "\"message\":\"Resource 'AzureMonitorWindowsAgent' was disallowed by policy.\"}}");

        assertEquals(
                new ExecutionOutcome.Failed(
                        CHANGE + ": RequestDisallowedByPolicy: Resource 'AzureMonitorWindowsAgent' was disallowed by"
                                + " policy. (HTTP 403)",
                        false),
                answer.failure(CHANGE));
    }

    @Test
    void missingPermissionsArePermanent() {
        ArmAnswer answer = ArmAnswer.of(
                403,
                "{\"error\":{\"code\":\"AuthorizationFailed\",\"message\":\"The client 'coverwatch' does not have"
                        + " authorization to perform action 'Microsoft.Compute/virtualMachines/extensions/write'.\"}}");

        ExecutionOutcome.Failed failed = answer.failure(CHANGE);

        assertFalse(failed.transientFailure());
        assertTrue(failed.detail().contains(": AuthorizationFailed: The client 'coverwatch'"), failed.detail());
    }

    @Test
    void throttlingTimeoutsAndServerErrorsAreTransient() {
        for (int status : new int[] {408, 429, 500, 502, 503, 504}) {
            assertTrue(ArmAnswer.of(status, "{\"error\":{\"code\":\"X\",\"message\":\"y\"}}")
                    .failure(CHANGE)
                    .transientFailure());
        }
        for (int status : new int[] {400, 401, 403, 404, 409}) {
            assertFalse(ArmAnswer.of(status, "{\"error\":{\"code\":\"X\",\"message\":\"y\"}}")
                    .failure(CHANGE)
                    .transientFailure());
        }
    }

    @Test
    void anErrorWithoutTheEnvelopeOrWithoutJsonIsStillReported() {
        assertEquals(
                "ResourceNotFound: The Resource 'prod-web-01' was not found.",
                ArmAnswer.of(
                                404,
                                "{\"code\":\"ResourceNotFound\",\"message\":\"The Resource 'prod-web-01' was not"
                                        + " found.\"}")
                        .error());
        assertEquals(
                "<html>Bad Gateway</html>",
                ArmAnswer.of(502, "<html>Bad Gateway</html>").error());
        assertEquals("no error body", ArmAnswer.of(503, "").error());
        assertEquals(201, ArmAnswer.of(502, "x".repeat(500)).error().length());
    }

    @Test
    void anExtensionBeingCreatedOrA202IsInProgressAFinalStateOrAPricingIsNot() {
        assertTrue(ArmAnswer.of(201, "{\"properties\":{\"provisioningState\":\"Creating\"}}")
                .inProgress());
        assertTrue(ArmAnswer.of(200, "{\"properties\":{\"provisioningState\":\"Updating\"}}")
                .inProgress());
        assertTrue(ArmAnswer.of(202, "").inProgress());
        assertFalse(ArmAnswer.of(200, "{\"properties\":{\"provisioningState\":\"Succeeded\"}}")
                .inProgress());
        assertFalse(ArmAnswer.of(200, "{\"properties\":{\"pricingTier\":\"Standard\"}}")
                .inProgress());
        assertEquals(Optional.empty(), ArmAnswer.of(200, "{}").provisioningState());
        assertEquals(
                "HTTP 201, provisioningState Creating",
                ArmAnswer.of(201, "{\"properties\":{\"provisioningState\":\"Creating\"}}")
                        .summary());
    }
}
