package io.coverwatch.inventory.azure;

import com.azure.resourcemanager.resourcegraph.models.QueryRequest;
import com.azure.resourcemanager.resourcegraph.models.QueryRequestOptions;
import com.azure.resourcemanager.resourcegraph.models.QueryResponse;
import com.azure.resourcemanager.resourcegraph.models.ResultFormat;
import com.azure.resourcemanager.resources.models.Subscription;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads the estate: the visible subscriptions from Resource Manager, everything else through Resource Graph. */
@ApplicationScoped
public class AzureDiscovery {

    /** The resource types whose properties are mapped; other rows keep only their envelope. */
    static final String MODELLED_TYPES = "'microsoft.compute/virtualmachines', "
            + "'microsoft.compute/virtualmachines/extensions', 'microsoft.hybridcompute/machines', "
            + "'microsoft.hybridcompute/machines/extensions', 'microsoft.azurestackhci/clusters'";

    /** Every resource, with extensions as rows of their own (folded into their machine by the sync). */
    static final String RESOURCES_QUERY = "resources"
            + " | extend properties = iff(type in~ (" + MODELLED_TYPES + "), properties, dynamic(null))"
            + " | project id, name, type, location, resourceGroup, subscriptionId, tags, properties"
            + " | order by id asc";

    /** Defender plans and auto-provisioning settings of every subscription. */
    static final String SECURITY_QUERY = "securityresources"
            + " | where type in~ ('microsoft.security/pricings', 'microsoft.security/autoprovisioningsettings')"
            + " | project id, name, type, subscriptionId, properties"
            + " | order by id asc";

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
            Map<String, String> tags = subscription.innerModel().tags();
            result.add(new VisibleSubscription(
                    subscription.subscriptionId(), subscription.displayName(), tags == null ? Map.of() : tags));
        }
        return result;
    }

    /** All resource rows of these subscriptions (at most {@value #SUBSCRIPTIONS_PER_QUERY}), every page. */
    public List<JsonNode> resources(List<String> subscriptionIds) {
        return query(RESOURCES_QUERY, subscriptionIds);
    }

    /** All security rows (pricings, auto-provisioning settings) of these subscriptions, every page. */
    public List<JsonNode> securityResources(List<String> subscriptionIds) {
        return query(SECURITY_QUERY, subscriptionIds);
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
