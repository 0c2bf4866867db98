package io.coverwatch.remediation.rest;

import io.coverwatch.remediation.catalog.RemediationAction;
import io.coverwatch.remediation.safety.PolicyMode;
import io.coverwatch.security.openapi.DescribedSchemas;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFilter;

/**
 * Describes the catalog's and the safety rules' types in the OpenAPI document. Those packages are plain Java and carry
 * no OpenAPI annotation (the floor plan keeps MicroProfile out of them), so the edge that shows them says what they
 * mean.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
// Quarkus finds a build-time filter by the OASFilter it names itself, not by its superclass's.
public class DomainSchemas extends DescribedSchemas implements OASFilter {

    public DomainSchemas() {
        super(Map.of(
                RemediationAction.class,
                "A change Coverwatch knows how to make in Azure: INSTALL_AMA (the Azure Monitor Agent extension on a VM"
                        + " or an Arc machine), INSTALL_MDE (the Defender for Endpoint extension), ASSOCIATE_DCR (the"
                        + " configured data collection rule with a machine), REINSTALL_EXTENSION (a failed or silent"
                        + " agent extension, bounded attempts), ENABLE_AUTO_PROVISIONING (Defender for Cloud's"
                        + " auto-provisioning for a subscription), ENABLE_DEFENDER_PLAN (a Defender plan for a"
                        + " subscription; it costs money), CREATE_POLICY_EXEMPTION (exempts a machine from the policy"
                        + " assignment that blocks the Defender for Cloud extensions).",
                PolicyMode.class,
                "What a remediation policy allows: AUTO (execute without asking), APPROVAL (wait for a person's"
                        + " approval), NEVER (never execute)."));
    }
}
