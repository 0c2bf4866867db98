package io.coverwatch.inventory.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coverwatch.contracts.AzureResource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The official Azure REST examples in the project's shared {@code azure-samples} (beside the checkout; SOURCES.md
 * there names each file's origin), the few this module adds in its test resources ({@code azure-samples/SOURCES.md}),
 * and Resource Graph rows made from them.
 */
public final class AzureSamples {

    static final ObjectMapper JSON = new ObjectMapper();

    private static final Path SAMPLES =
            Path.of(System.getProperty("coverwatch.repo.root", "..")).resolve("../shared/azure-samples");

    private AzureSamples() {}

    /** A sample's 200 response body (a fresh copy each time). */
    public static ObjectNode body(String sample) {
        return (ObjectNode) file(sample).path("responses").path("200").path("body");
    }

    /**
     * A sample file as it is (also for those that are not REST examples, such as JSON schemas): the shared file, else
     * this module's test resource.
     */
    public static JsonNode file(String sample) {
        Path shared = SAMPLES.resolve(sample);
        try (InputStream in = Files.exists(shared)
                ? Files.newInputStream(shared)
                : AzureSamples.class.getResourceAsStream("/azure-samples/" + sample)) {
            if (in == null) {
                throw new IllegalArgumentException("no sample " + sample);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * An ARM payload as Resource Graph returns it: under a new ID, the type lower-cased, with subscriptionId and
     * resourceGroup columns and without the child {@code resources} a GET may embed.
     */
    static ObjectNode row(ObjectNode armPayload, String id) {
        ObjectNode row = armPayload.deepCopy();
        row.remove("resources");
        row.put("id", id);
        row.put("name", id.substring(id.lastIndexOf('/') + 1));
        row.put("type", row.path("type").asText().toLowerCase(Locale.ROOT));
        row.put("subscriptionId", AzureMapping.idSegment(id, "subscriptions"));
        String resourceGroup = AzureMapping.idSegment(id, "resourceGroups");
        if (resourceGroup != null) {
            row.put("resourceGroup", resourceGroup.toLowerCase(Locale.ROOT));
        }
        return row;
    }

    /**
     * Resource Graph's {@code properties.extended.instanceView} for a VM, from the Compute instance-view sample: the
     * power state as {@code powerState.code} and the OS name and version.
     */
    static ObjectNode extendedInstanceView(JsonNode computeInstanceView) {
        ObjectNode extended = JSON.createObjectNode();
        extended.put("osName", computeInstanceView.path("osName").asText());
        extended.put("osVersion", computeInstanceView.path("osVersion").asText());
        for (JsonNode status : computeInstanceView.path("statuses")) {
            if (status.path("code").asText().startsWith("PowerState/")) {
                extended.putObject("powerState")
                        .put("code", status.path("code").asText())
                        .put("displayStatus", status.path("displayStatus").asText());
            }
        }
        return extended;
    }

    /**
     * A data collection rule association of a resource, as {@code insightresources} holds it: the association
     * sample's first entry (which names a rule) moved onto that resource and rule.
     */
    static ObjectNode dcrAssociation(String resourceId, String name, String dataCollectionRuleId) {
        ObjectNode association = (ObjectNode) body("insights/datacollectionruleassociations_list_by_resource.json")
                .path("value")
                .path(0);
        ObjectNode row =
                row(association, resourceId + "/providers/Microsoft.Insights/dataCollectionRuleAssociations/" + name);
        ((ObjectNode) row.path("properties")).put("dataCollectionRuleId", dataCollectionRuleId);
        return row;
    }

    /**
     * The data collection rule sample under a new ID, its Windows event sources replaced by one source reading these
     * XPath queries into {@code Microsoft-SecurityEvent} (kept as the sample has them when none are given).
     */
    static ObjectNode dataCollectionRule(String id, String... xPathQueries) {
        ObjectNode rule = row(body("insights/datacollectionrules_get.json"), id);
        if (xPathQueries.length > 0) {
            ObjectNode properties = (ObjectNode) rule.path("properties");
            ArrayNode sources = ((ObjectNode) properties.path("dataSources")).putArray("windowsEventLogs");
            ObjectNode source = sources.addObject().put("name", "securityEvents");
            source.putArray("streams").add("Microsoft-SecurityEvent");
            ArrayNode queries = source.putArray("xPathQueries");
            for (String query : xPathQueries) {
                queries.add(query);
            }
            ((ArrayNode) properties.path("dataFlows"))
                    .addObject()
                    .<ObjectNode>set("streams", JSON.createArrayNode().add("Microsoft-SecurityEvent"))
                    .set("destinations", JSON.createArrayNode().add("centralWorkspace"));
        }
        return rule;
    }

    /** The policy assignment sample as an assignment of this definition to this subscription, named {@code name}. */
    static ObjectNode policyAssignment(String subscriptionId, String name, String policyDefinitionId) {
        String scope = "/subscriptions/" + subscriptionId;
        ObjectNode row = row(
                body("policy/policyassignments_get.json"),
                scope + "/providers/Microsoft.Authorization/policyAssignments/" + name);
        ((ObjectNode) row.path("properties"))
                .put("policyDefinitionId", policyDefinitionId)
                .put("scope", scope);
        return row;
    }

    /** The solution sample as Microsoft Sentinel ({@code SecurityInsights(<workspace>)}) on this workspace. */
    static ObjectNode sentinelSolution(String resourceGroupId, String workspaceId) {
        String workspaceName = workspaceId.substring(workspaceId.lastIndexOf('/') + 1);
        ObjectNode row = row(
                body("operationsmanagement/solutions_get.json"),
                resourceGroupId + "/providers/Microsoft.OperationsManagement/solutions/SecurityInsights("
                        + workspaceName + ")");
        ((ObjectNode) row.path("properties")).put("workspaceResourceId", workspaceId);
        return row;
    }

    /**
     * The official assessment list's first entry (REST shape, as continuous export sends it) as a recommendation on
     * this resource, in this state since this time.
     */
    public static ObjectNode assessment(
            String resourceId, String key, String displayName, String statusCode, String statusChangeDate) {
        ObjectNode assessment = (ObjectNode)
                body("security/assessments_list.json").path("value").path(0);
        assessment.put("id", resourceId + "/providers/Microsoft.Security/assessments/" + key);
        assessment.put("name", key);
        ObjectNode properties = (ObjectNode) assessment.path("properties");
        ((ObjectNode) properties.path("resourceDetails")).put("id", resourceId);
        properties.put("displayName", displayName);
        properties.putObject("status").put("code", statusCode).put("statusChangeDate", statusChangeDate);
        return assessment;
    }

    /** The official secure score list's {@code ascScore}, moved into this subscription. */
    public static ObjectNode secureScore(String subscriptionId) {
        ObjectNode score = (ObjectNode)
                body("security/securescores_list.json").path("value").path(0);
        score.put("id", "/subscriptions/" + subscriptionId + "/providers/Microsoft.Security/secureScores/ascScore");
        return score;
    }

    /**
     * A {@code policyresources} policy state row: the official policy state example (its OData annotations dropped)
     * as a resource's non-compliance with a policy of this effect from this assignment.
     */
    static ObjectNode policyState(String resourceId, String assignmentId, String effect) {
        ObjectNode state = (ObjectNode) body("policy/policystates_query_resource_scope.json")
                .path("value")
                .path(0);
        state.remove(List.of("@odata.id", "@odata.context"));
        state.put("resourceId", resourceId);
        state.put("resourceType", AzureResource.typeOf(resourceId).orElseThrow());
        state.put("subscriptionId", AzureMapping.idSegment(resourceId, "subscriptions"));
        state.put("resourceGroup", AzureMapping.idSegment(resourceId, "resourceGroups"));
        state.put("policyAssignmentId", assignmentId);
        state.put("policyAssignmentName", assignmentId.substring(assignmentId.lastIndexOf('/') + 1));
        state.put("policyDefinitionAction", effect);
        state.put("complianceState", "NonCompliant");
        ObjectNode row = JSON.createObjectNode();
        row.set("properties", state);
        row.put("type", AzureMapping.POLICY_STATE_TYPE);
        String id = resourceId + "/providers/Microsoft.PolicyInsights/policyStates/"
                + UUID.nameUUIDFromBytes((resourceId + assignmentId).getBytes(StandardCharsets.UTF_8));
        return row(row, id);
    }

    /** The Compute extension sample as an AMA/MDE/… extension of a VM (the official examples only have placeholders). */
    static ObjectNode vmExtension(
            String vmId, String name, String publisher, String type, String provisioningState, String message) {
        ObjectNode row = row(body("compute/virtualmachineextensions_get.json"), vmId + "/extensions/" + name);
        ObjectNode properties = (ObjectNode) row.path("properties");
        properties.put("publisher", publisher);
        properties.put("type", type);
        properties.put("provisioningState", provisioningState);
        ObjectNode instanceView = (ObjectNode) properties.path("instanceView");
        instanceView.put("name", name);
        instanceView.put("type", type);
        ArrayNode statuses = instanceView.putArray("statuses");
        statuses.addObject()
                .put("code", "ProvisioningState/" + provisioningState.toLowerCase(Locale.ROOT))
                .put("level", provisioningState.equals("Succeeded") ? "Info" : "Error")
                .put("message", message);
        return row;
    }
}
