package io.coverwatch.inventory.azure;

import com.fasterxml.jackson.databind.JsonNode;
import io.coverwatch.contracts.DataCollectionRuleDetails;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Data collection rules ({@code Microsoft.Insights/dataCollectionRules}): which Windows security events a rule
 * collects, and which Log Analytics workspace it sends them to.
 *
 * <p>The security event level is read from the XPath queries ({@code Channel!XPath}) of the rule's {@code
 * dataSources.windowsEventLogs}, the way the Microsoft Sentinel / Defender for Cloud connector "Windows Security Events
 * via AMA" writes them:
 *
 * <ul>
 *   <li>{@value DataCollectionRuleDetails#ALL}: a query reads the whole Security channel, {@code Security!*}.
 *   <li>{@value DataCollectionRuleDetails#COMMON} / {@value DataCollectionRuleDetails#MINIMAL}: every Security query
 *       has the connector's form {@code Security!*[System[(EventID=n) or (EventID=m) ...]]} and their event IDs
 *       together are exactly the connector's Common / Minimal set (Microsoft Sentinel's reference "Windows security
 *       event sets that can be sent to Microsoft Sentinel"). The AppLocker IDs 8001-8007 of those sets are left out
 *       of the comparison: the connector reads them from the two AppLocker channels (and, for Common, from Security
 *       too), so a rule with or without the AppLocker queries collects the same security events.
 *   <li>{@value DataCollectionRuleDetails#NONE}: the rule reads Windows event logs, but no query reads the Security
 *       channel.
 *   <li>null: the rule reads no Windows event logs at all (a Linux-only rule), so the level does not apply.
 *   <li>{@value DataCollectionRuleDetails#CUSTOM}: anything else: another set of IDs, another XPath form, or a bare
 *       {@code Security!} whose empty filter Coverwatch does not guess at.
 * </ul>
 *
 * Channel names are compared case-insensitively, as Windows compares them.
 */
public final class DataCollectionRules {

    /** The Sentinel / Defender "Minimal" set. */
    static final Set<Integer> MINIMAL = Set.of(
            1102, 4624, 4625, 4657, 4663, 4688, 4700, 4702, 4719, 4720, 4722, 4723, 4724, 4727, 4728, 4732, 4735, 4737,
            4739, 4740, 4754, 4755, 4756, 4767, 4799, 4825, 4946, 4948, 4956, 5024, 5033, 8001, 8002, 8003, 8004, 8005,
            8006, 8007, 8222);

    /** The Sentinel / Defender "Common" set. */
    static final Set<Integer> COMMON = Set.of(
            1, 299, 300, 324, 340, 403, 404, 410, 411, 412, 413, 431, 500, 501, 1100, 1102, 1107, 1108, 4608, 4610,
            4611, 4614, 4622, 4624, 4625, 4634, 4647, 4648, 4649, 4657, 4661, 4662, 4663, 4665, 4666, 4667, 4688, 4670,
            4672, 4673, 4674, 4675, 4689, 4697, 4700, 4702, 4704, 4705, 4716, 4717, 4718, 4719, 4720, 4722, 4723, 4724,
            4725, 4726, 4727, 4728, 4729, 4733, 4732, 4735, 4737, 4738, 4739, 4740, 4742, 4744, 4745, 4746, 4750, 4751,
            4752, 4754, 4755, 4756, 4757, 4760, 4761, 4762, 4764, 4767, 4768, 4771, 4774, 4778, 4779, 4781, 4793, 4797,
            4798, 4799, 4800, 4801, 4802, 4803, 4825, 4826, 4870, 4886, 4887, 4888, 4893, 4898, 4902, 4904, 4905, 4907,
            4931, 4932, 4933, 4946, 4948, 4956, 4985, 5024, 5033, 5059, 5136, 5137, 5140, 5145, 5632, 6144, 6145, 6272,
            6273, 6278, 6416, 6423, 6424, 8001, 8002, 8003, 8004, 8005, 8006, 8007, 8222, 26401, 30004);

    /** AppLocker events, which the connector's sets read from the AppLocker channels. */
    private static final Set<Integer> APPLOCKER =
            IntStream.rangeClosed(8001, 8007).boxed().collect(Collectors.toUnmodifiableSet());

    private static final Map<String, Set<Integer>> LEVEL_BY_SET = Map.of(
            DataCollectionRuleDetails.MINIMAL, withoutAppLocker(MINIMAL),
            DataCollectionRuleDetails.COMMON, withoutAppLocker(COMMON));

    private static final String SECURITY_CHANNEL = "security";

    /** {@code *[System[(EventID=n) or (EventID=m) ...]]}, the connector's event ID filter. */
    private static final Pattern EVENT_ID_FILTER = Pattern.compile(
            "\\*\\[\\s*System\\s*\\[\\s*(\\(\\s*EventID\\s*=\\s*\\d+\\s*\\)(\\s+or\\s+\\(\\s*EventID\\s*=\\s*\\d+\\s*\\))*)"
                    + "\\s*\\]\\s*\\]");

    private static final Pattern EVENT_ID = Pattern.compile("EventID\\s*=\\s*(\\d+)");

    private DataCollectionRules() {}

    /** A rule's details from its ARM {@code properties}. */
    public static DataCollectionRuleDetails details(JsonNode properties) {
        List<JsonNode> securitySources = windowsEventSources(properties)
                .filter(source -> !securityQueries(source).isEmpty())
                .toList();
        return new DataCollectionRuleDetails(securityEventLevel(properties), workspaceId(properties, securitySources));
    }

    /** The Windows security event level of a rule; see the class comment for the rules. */
    static String securityEventLevel(JsonNode properties) {
        if (windowsEventSources(properties).findAny().isEmpty()) {
            return null; // no Windows event logs at all (a Linux rule, say): the level does not apply
        }
        List<String> filters = windowsEventSources(properties)
                .flatMap(source -> securityQueries(source).stream())
                .toList();
        if (filters.isEmpty()) {
            return DataCollectionRuleDetails.NONE;
        }
        if (filters.contains("*")) {
            return DataCollectionRuleDetails.ALL;
        }
        Set<Integer> eventIds = new HashSet<>();
        for (String filter : filters) {
            Matcher form = EVENT_ID_FILTER.matcher(filter);
            if (!form.matches()) {
                return DataCollectionRuleDetails.CUSTOM;
            }
            Matcher id = EVENT_ID.matcher(form.group(1));
            while (id.find()) {
                eventIds.add(Integer.parseInt(id.group(1)));
            }
        }
        Set<Integer> compared = withoutAppLocker(eventIds);
        return LEVEL_BY_SET.entrySet().stream()
                .filter(level -> level.getValue().equals(compared))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElse(DataCollectionRuleDetails.CUSTOM);
    }

    /**
     * The Log Analytics workspace (ARM ID) the security events flow to; for a rule without them, the first Log
     * Analytics destination any data flow sends to. Null when the rule sends to no Log Analytics workspace.
     */
    private static String workspaceId(JsonNode properties, List<JsonNode> securitySources) {
        Map<String, String> workspaces = new HashMap<>();
        for (JsonNode destination : properties.path("destinations").path("logAnalytics")) {
            String name = AzureMapping.text(destination, "name");
            String workspace = AzureMapping.text(destination, "workspaceResourceId");
            if (name != null && workspace != null) {
                workspaces.put(name, workspace);
            }
        }
        Set<String> securityStreams = securitySources.stream()
                .flatMap(source -> texts(source.path("streams")))
                .collect(Collectors.toSet());
        for (JsonNode flow : properties.path("dataFlows")) {
            boolean carriesSecurity =
                    securityStreams.isEmpty() || texts(flow.path("streams")).anyMatch(securityStreams::contains);
            if (carriesSecurity) {
                for (String destination : texts(flow.path("destinations")).toList()) {
                    if (workspaces.containsKey(destination)) {
                        return workspaces.get(destination);
                    }
                }
            }
        }
        return null;
    }

    private static Stream<JsonNode> windowsEventSources(JsonNode properties) {
        return StreamSupport.stream(
                properties.path("dataSources").path("windowsEventLogs").spliterator(), false);
    }

    /** The XPath filters (after the {@code !}) of a source's queries on the Security channel. */
    private static List<String> securityQueries(JsonNode source) {
        return texts(source.path("xPathQueries"))
                .filter(query -> query.indexOf('!') > 0)
                .filter(query -> query.substring(0, query.indexOf('!'))
                        .trim()
                        .toLowerCase(Locale.ROOT)
                        .equals(SECURITY_CHANNEL))
                .map(query -> query.substring(query.indexOf('!') + 1).trim())
                .toList();
    }

    private static Stream<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText);
    }

    private static Set<Integer> withoutAppLocker(Set<Integer> eventIds) {
        return eventIds.stream().filter(id -> !APPLOCKER.contains(id)).collect(Collectors.toUnmodifiableSet());
    }
}
