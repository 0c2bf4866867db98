package io.coverwatch.evaluation.rest;

import io.coverwatch.evaluation.rules.Control;
import io.coverwatch.evaluation.rules.ResourceKind;
import io.coverwatch.evaluation.rules.agent.AgentHealth;
import io.coverwatch.evaluation.rules.coverage.CoverageReport.PlanState;
import io.coverwatch.security.openapi.DescribedSchemas;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFilter;

/**
 * Describes the rules' types in the OpenAPI document. The rules are plain Java and carry no OpenAPI annotation (the
 * floor plan keeps MicroProfile out of them), so the edge that shows them says what they mean.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
// Quarkus finds a build-time filter by the OASFilter it names itself, not by its superclass's.
public class DomainSchemas extends DescribedSchemas implements OASFilter {

    public DomainSchemas() {
        super(Map.of(
                AgentHealth.class,
                "The state of a machine's monitoring agents: HEALTHY (the Azure Monitor Agent sent a heartbeat within the"
                        + " threshold), AMA_DOWN (its last heartbeat is older, or an installed AMA never sent one),"
                        + " AWAITING_FIRST_HEARTBEAT (AMA installed on a machine known for less than the threshold),"
                        + " NO_AGENT (no agent reports and no AMA is installed), POWERED_OFF (the VM is deallocated or"
                        + " stopped), DISCONNECTED (the Arc machine is Disconnected or Expired), LEGACY_AGENT (only the"
                        + " legacy Log Analytics agent reports).",
                Control.class,
                "A secure-score control, a group of rules with its weight: ENABLE_ENHANCED_SECURITY_FEATURES (10 points),"
                        + " MONITOR_MACHINES (8), ENABLE_ENDPOINT_PROTECTION (4), CONFIGURE_DATA_COLLECTION (4),"
                        + " REMEDIATE_SECURITY_CONFIGURATIONS (4).",
                ResourceKind.class,
                "The resource kind the rules know, from the ARM type, each with the Defender plan that protects it;"
                        + " OTHER is any type without a model, which no plan protects (a blind spot).",
                PlanState.class,
                "Whether a kind's Defender plan covers it in the subscription: COVERED (the plan is on), NOT_COVERED (off,"
                        + " tier Free, or absent), BLIND_SPOT (no Defender plan protects this kind), UNKNOWN (the"
                        + " subscription has not been reported yet)."));
    }
}
