package io.coverwatch.inventory.azure;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.resourcemanager.resourcegraph.models.QueryRequest;
import com.azure.resourcemanager.resourcegraph.models.QueryRequestOptions;
import com.azure.resourcemanager.resourcegraph.models.QueryResponse;
import com.azure.resourcemanager.resourcegraph.models.ResultFormat;
import com.azure.resourcemanager.resources.models.Subscription;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.coverwatch.contracts.WorkspaceSetting;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Reads the estate: the visible subscriptions from Resource Manager, everything Resource Graph has a table for through
 * Resource Graph, and Defender's workspace settings (no Resource Graph table) through Resource Manager's pipeline.
 */
@ApplicationScoped
public class AzureDiscovery {

    private static final Logger LOG = Logger.getLogger(AzureDiscovery.class);

    static final String EXTENSION_TYPES =
            "'microsoft.compute/virtualmachines/extensions', 'microsoft.hybridcompute/machines/extensions'";

    /** The resource types whose properties are mapped; other rows keep only their envelope. */
    static final String MODELLED_TYPES = "'microsoft.compute/virtualmachines', 'microsoft.hybridcompute/machines', "
            + "'microsoft.azurestackhci/clusters', 'microsoft.insights/datacollectionrules', " + EXTENSION_TYPES;

    private static final String RESOURCES_PROJECTION =
            " | extend properties = iff(type in~ (" + MODELLED_TYPES + "), properties, dynamic(null))"
                    + " | project id, name, type, location, resourceGroup, subscriptionId, tags, properties"
                    + " | order by id asc";

    /** Every resource, with extensions as rows of their own (folded into their machine by the mapping). */
    static final String RESOURCES_QUERY = "resources" + RESOURCES_PROJECTION;

    /** A targeted read names the resources it wants by {@code target}: the resource, or an extension's machine. */
    static final String RESOURCES_TARGET = "resources | extend target = iff(type in~ (" + EXTENSION_TYPES + "), "
            + "tostring(split(tolower(id), '/extensions/')[0]), tolower(id))";

    /** Defender plans and auto-provisioning settings of every subscription. */
    static final String SECURITY_QUERY = "securityresources"
            + " | where type in~ ('microsoft.security/pricings', 'microsoft.security/autoprovisioningsettings')"
            + " | project id, name, type, subscriptionId, properties"
            + " | order by id asc";

    private static final String ASSOCIATIONS =
            "insightresources | where type =~ 'microsoft.insights/datacollectionruleassociations'";

    private static final String ASSOCIATIONS_PROJECTION =
            " | project id, name, type, subscriptionId, properties | order by id asc";

    /** Data collection rule associations (data collection endpoint associations come along; the mapping skips them). */
    static final String ASSOCIATIONS_QUERY = ASSOCIATIONS + ASSOCIATIONS_PROJECTION;

    /** A targeted read names associations by {@code target}: the resource they are associated with. */
    static final String ASSOCIATIONS_TARGET = ASSOCIATIONS + " | extend target = tostring(split(tolower(id), "
            + "'/providers/microsoft.insights/datacollectionruleassociations/')[0])";

    /** Assignments of the Microsoft cloud security benchmark initiative. */
    static final String POLICY_QUERY = "policyresources"
            + " | where type =~ 'microsoft.authorization/policyassignments'"
            + " | where tolower(tostring(properties.policyDefinitionId)) endswith '/" + AzureMapping.MCSB_INITIATIVE
            + "'"
            + " | project id, name, type, subscriptionId, properties"
            + " | order by id asc";

    /** Defender's own recommendations on every resource, and its secure score of each subscription. */
    static final String DEFENDER_QUERY = "securityresources"
            + " | where type in~ ('microsoft.security/assessments', 'microsoft.security/securescores')"
            + " | project id, name, type, subscriptionId, properties"
            + " | order by id asc";

    private static final String POLICY_STATES = "policyresources"
            + " | where type =~ 'microsoft.policyinsights/policystates'"
            + " | where tostring(properties.complianceState) =~ 'NonCompliant'"
            + " and tostring(properties.policyDefinitionAction) =~ 'deny'";

    private static final String POLICY_STATES_PROJECTION =
            " | project id, name, type, subscriptionId, properties | order by id asc";

    /** The resources that do not comply with a deny policy, with the assignment (for machines and extensions). */
    static final String POLICY_STATES_QUERY = POLICY_STATES + POLICY_STATES_PROJECTION;

    /** A targeted read names policy states by {@code target}: the resource, or an extension's machine. */
    static final String POLICY_STATES_TARGET = POLICY_STATES
            + " | extend target = tostring(split(tolower(tostring(properties.resourceId)), '/extensions/')[0])";

    /** Microsoft Sentinel solutions, which name the workspace Sentinel is on. */
    static final String SENTINEL_QUERY = "resources"
            + " | where type =~ 'microsoft.operationsmanagement/solutions' and name startswith 'SecurityInsights('"
            + " | project id, name, type, subscriptionId, properties"
            + " | order by id asc";

    /** The only API version of {@code Microsoft.Security/workspaceSettings}. */
    static final String WORKSPACE_SETTINGS_API_VERSION = "2017-08-01-preview";

    /** Resource Graph accepts at most this many subscriptions per request. */
    static final int SUBSCRIPTIONS_PER_QUERY = 1000;

    private final AzureClients clients;
    private final AzureConfig config;
    private final ObjectMapper json = new ObjectMapper();

    AzureDiscovery(AzureClients clients, AzureConfig config) {
        this.clients = clients;
        this.config = config;
    }

    /** A subscription the identity can see. */
    public record VisibleSubscription(String subscriptionId, String displayName, Map<String, String> tags) {}

    public List<VisibleSubscription> visibleSubscriptions() {
        List<VisibleSubscription> result = new ArrayList<>();
        for (Subscription subscription :
                clients.resourceManager().subscriptions().list()) {
            result.add(visible(subscription));
        }
        return result;
    }

    /** One subscription, or empty when the identity cannot see it (Resource Manager answers 403 or 404). */
    public Optional<VisibleSubscription> subscription(String subscriptionId) {
        try {
            return Optional.of(visible(clients.resourceManager().subscriptions().getById(subscriptionId)));
        } catch (HttpResponseException e) {
            int status = e.getResponse() == null ? -1 : e.getResponse().getStatusCode();
            if (status == 403 || status == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static VisibleSubscription visible(Subscription subscription) {
        Map<String, String> tags = subscription.innerModel().tags();
        return new VisibleSubscription(
                subscription.subscriptionId(), subscription.displayName(), tags == null ? Map.of() : tags);
    }

    /** All resource rows of these subscriptions (at most {@value #SUBSCRIPTIONS_PER_QUERY}), every page. */
    public List<JsonNode> resources(List<String> subscriptionIds) {
        return query(RESOURCES_QUERY, subscriptionIds);
    }

    /** The rows of these resources (lower-cased IDs) and of their extensions, in these subscriptions. */
    public List<JsonNode> resources(List<String> subscriptionIds, Collection<String> resourceKeys) {
        return query(RESOURCES_TARGET + targetIn(resourceKeys) + RESOURCES_PROJECTION, subscriptionIds);
    }

    /** All security rows (pricings, auto-provisioning settings) of these subscriptions, every page. */
    public List<JsonNode> securityResources(List<String> subscriptionIds) {
        return query(SECURITY_QUERY, subscriptionIds);
    }

    /** All data collection rule association rows of these subscriptions. */
    public List<JsonNode> associations(List<String> subscriptionIds) {
        return query(ASSOCIATIONS_QUERY, subscriptionIds);
    }

    /** The association rows of these resources (lower-cased IDs), in these subscriptions. */
    public List<JsonNode> associations(List<String> subscriptionIds, Collection<String> resourceKeys) {
        return query(ASSOCIATIONS_TARGET + targetIn(resourceKeys) + ASSOCIATIONS_PROJECTION, subscriptionIds);
    }

    /** Defender's recommendations (assessments) and secure scores in these subscriptions, every page. */
    public List<JsonNode> defenderAssessmentsAndScores(List<String> subscriptionIds) {
        return query(DEFENDER_QUERY, subscriptionIds);
    }

    /** The non-compliant deny policy states of these subscriptions, every page. */
    public List<JsonNode> denyPolicyStates(List<String> subscriptionIds) {
        return query(POLICY_STATES_QUERY, subscriptionIds);
    }

    /** The non-compliant deny policy states of these resources (lower-cased IDs) and their extensions. */
    public List<JsonNode> denyPolicyStates(List<String> subscriptionIds, Collection<String> resourceKeys) {
        return query(POLICY_STATES_TARGET + targetIn(resourceKeys) + POLICY_STATES_PROJECTION, subscriptionIds);
    }

    /** The Microsoft cloud security benchmark assignments of these subscriptions. */
    public List<JsonNode> policyAssignments(List<String> subscriptionIds) {
        return query(POLICY_QUERY, subscriptionIds);
    }

    /**
     * Defender's workspace per subscription (keyed lower-case). A subscription whose settings could not be read (no
     * Security Reader, for example) is missing: its workspace is unknown. Sentinel is looked up in one Resource Graph
     * query over the subscriptions that hold the configured workspaces.
     */
    public Map<String, WorkspaceSetting> workspaces(List<String> subscriptionIds) {
        Map<String, List<JsonNode>> settings = new HashMap<>();
        Flux.fromIterable(subscriptionIds)
                .flatMap(
                        subscriptionId -> Mono.fromCallable(() -> workspaceSettings(subscriptionId)
                                        .map(found -> Map.entry(key(subscriptionId), found)))
                                .subscribeOn(Schedulers.boundedElastic()),
                        config.restConcurrency())
                .toIterable()
                .forEach(found -> found.ifPresent(entry -> settings.put(entry.getKey(), entry.getValue())));
        List<String> workspaceSubscriptions = settings.values().stream()
                .flatMap(List::stream)
                .map(setting -> AzureMapping.text(setting.path("properties"), "workspaceId"))
                .map(workspaceId -> AzureMapping.idSegment(workspaceId, "subscriptions"))
                .filter(Objects::nonNull)
                .map(AzureDiscovery::key)
                .distinct()
                .toList();
        Set<String> sentinel = sentinelWorkspaces(workspaceSubscriptions);
        Map<String, WorkspaceSetting> result = new HashMap<>();
        for (String subscriptionId : subscriptionIds) {
            List<JsonNode> found = settings.get(key(subscriptionId));
            if (found != null) {
                result.put(key(subscriptionId), AzureMapping.workspaceSetting(subscriptionId, found, sentinel));
            }
        }
        return result;
    }

    /** The workspaces with Sentinel among these subscriptions; none when they cannot be read (logged). */
    private Set<String> sentinelWorkspaces(List<String> subscriptionIds) {
        Set<String> workspaces = new HashSet<>();
        for (List<String> batch : Batches.of(subscriptionIds, SUBSCRIPTIONS_PER_QUERY)) {
            try {
                workspaces.addAll(AzureMapping.sentinelWorkspaceIds(query(SENTINEL_QUERY, batch)));
            } catch (RuntimeException e) {
                LOG.warnf(
                        "Cannot tell whether Sentinel is on the workspaces in subscriptions %s: %s",
                        batch, AzureSync.describe(e));
            }
        }
        return workspaces;
    }

    /**
     * {@code GET /subscriptions/{id}/providers/Microsoft.Security/workspaceSettings}, every page; empty when it
     * fails (logged), since the workspace is then unknown rather than the sync failed.
     */
    private Optional<List<JsonNode>> workspaceSettings(String subscriptionId) {
        List<JsonNode> settings = new ArrayList<>();
        String url = clients.resourceManagerEndpoint() + "subscriptions/" + subscriptionId
                + "/providers/Microsoft.Security/workspaceSettings?api-version=" + WORKSPACE_SETTINGS_API_VERSION;
        try {
            while (url != null) {
                try (HttpResponse response = clients.pipeline()
                        .send(new HttpRequest(HttpMethod.GET, url))
                        .block()) {
                    byte[] body = response.getBodyAsBinaryData().toBytes();
                    if (response.getStatusCode() != 200) {
                        LOG.warnf(
                                "Workspace settings of subscription %s: HTTP %d %s",
                                subscriptionId, response.getStatusCode(), new String(body, StandardCharsets.UTF_8));
                        return Optional.empty();
                    }
                    JsonNode page = json.readTree(body);
                    page.path("value").forEach(settings::add);
                    url = AzureMapping.text(page, "nextLink");
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.warnf("Workspace settings of subscription %s: %s", subscriptionId, AzureSync.describe(e));
            return Optional.empty();
        }
        return Optional.of(settings);
    }

    /** {@code | where target in ('a', 'b')}, each ID a KQL string literal. */
    static String targetIn(Collection<String> keys) {
        return " | where target in ("
                + keys.stream().map(AzureDiscovery::kqlString).collect(Collectors.joining(", ")) + ")";
    }

    /** A KQL single-quoted string literal: backslash and quote escaped, so an ID cannot end the literal. */
    static String kqlString(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    private static String key(String subscriptionId) {
        return subscriptionId.toLowerCase(Locale.ROOT);
    }

    List<JsonNode> query(String query, List<String> subscriptionIds) {
        List<JsonNode> rows = new ArrayList<>();
        String skipToken = null;
        do {
            QueryRequestOptions options = new QueryRequestOptions()
                    .withResultFormat(ResultFormat.OBJECT_ARRAY)
                    .withTop(config.pageSize());
            if (skipToken != null) {
                options.withSkipToken(skipToken);
            }
            QueryResponse page = clients.resourceGraph()
                    .resourceProviders()
                    .resources(new QueryRequest()
                            .withSubscriptions(subscriptionIds)
                            .withQuery(query)
                            .withOptions(options));
            JsonNode data = json.valueToTree(page.data());
            if (data != null && data.isArray()) {
                data.forEach(rows::add);
            }
            skipToken = page.skipToken();
        } while (skipToken != null && !skipToken.isEmpty());
        return rows;
    }
}
