package io.coverwatch.notification.message.teams;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coverwatch.notification.message.ChannelJson;
import io.coverwatch.notification.message.MessagePages;
import io.coverwatch.notification.message.NoticeWording;
import io.coverwatch.notification.message.PortalLink;
import io.coverwatch.notification.notice.Notice;
import io.coverwatch.notification.notice.NoticeGroup;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * A group's messages for a Microsoft Teams Workflows webhook ("When a Teams webhook request is received"): a
 * {@code message} whose one attachment is an Adaptive Card 1.5, with per notice a container of its status line, a
 * FactSet (times in the reader's zone) and {@code Action.OpenUrl}s to the Azure portal and, when configured,
 * Coverwatch's console (Teams does not run {@code Action.Submit} there). Each body
 * stays under Teams' 28 KB; a larger group is split, and past {@code maxMessages} the rest is summarised.
 */
public final class TeamsMessages {

    /** The newest Adaptive Card version Teams renders everywhere. */
    public static final String CARD_VERSION = "1.5";
    /** Teams refuses messages over about 28 KB, its own wrapping counted: our body keeps a KiB of headroom. */
    public static final int MAX_MESSAGE_BYTES = 27 * 1024;

    private static final int MAX_TITLE = 200;
    private static final int MAX_HEADLINE = 250;
    private static final int MAX_NAME = 200;
    private static final int MAX_TYPE = 120;
    private static final int MAX_SUBSCRIPTION = 120;
    private static final int MAX_DIAGNOSIS = 1_500;
    private static final int MAX_REMEDIATION = 1_500;
    private static final int MAX_ID = 300;
    private static final int MAX_LABELS = 1_000;

    private TeamsMessages() {}

    /**
     * The group's messages: JSON bodies for a Workflows webhook, in order.
     *
     * @param maxMessages the most messages the group may be split into; the rest is summarised in the last
     */
    public static List<String> render(NoticeGroup group, int maxMessages) {
        List<RenderedNotice> notices = NoticeWording.inMessageOrder(group).stream()
                .map(RenderedNotice::of)
                .toList();
        ObjectNode widest = envelope(group, List.of(), maxMessages, maxMessages, notices);
        MessagePages.Limits limits =
                new MessagePages.Limits(Integer.MAX_VALUE, MAX_MESSAGE_BYTES - utf8Size(widest), maxMessages);
        MessagePages<RenderedNotice> pages = MessagePages.paginate(notices, RenderedNotice::size, limits);
        return pages.messages(
                (page, part, parts, omitted) -> ChannelJson.write(envelope(group, page, part, parts, omitted)));
    }

    private static ObjectNode envelope(
            NoticeGroup group, List<RenderedNotice> notices, int part, int parts, List<RenderedNotice> omitted) {
        String title = NoticeWording.groupTitle(group) + (parts > 1 ? " (" + part + "/" + parts + ")" : "");
        String labels = NoticeWording.groupLabels(group);
        ObjectNode message = ChannelJson.object().put("type", "message");
        ObjectNode attachment = message.putArray("attachments")
                .addObject()
                .put("contentType", "application/vnd.microsoft.card.adaptive")
                .putNull("contentUrl");
        ObjectNode card = attachment
                .putObject("content")
                .put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json")
                .put("type", "AdaptiveCard")
                .put("version", CARD_VERSION)
                .put("fallbackText", TeamsMarkdown.escape(title, MAX_TITLE));
        ArrayNode body = card.putArray("body");
        textBlock(body, TeamsMarkdown.escape(title, MAX_TITLE))
                .put("size", "Large")
                .put("weight", "Bolder");
        if (!labels.isEmpty()) {
            textBlock(body, TeamsMarkdown.escape(labels, MAX_LABELS)).put("isSubtle", true);
        }
        notices.forEach(notice -> body.add(notice.container()));
        if (!omitted.isEmpty()) {
            textBlock(
                            body,
                            TeamsMarkdown.escape(
                                    NoticeWording.omitted(omitted.stream()
                                            .map(RenderedNotice::notice)
                                            .toList()),
                                    MAX_LABELS))
                    .put("separator", true)
                    .put("isSubtle", true);
        }
        return message;
    }

    private static ObjectNode textBlock(ArrayNode parent, String markdown) {
        return parent.addObject().put("type", "TextBlock").put("text", markdown).put("wrap", true);
    }

    private static int utf8Size(ObjectNode node) {
        return ChannelJson.write(node).getBytes(StandardCharsets.UTF_8).length;
    }

    /** One notice's container, and the bytes it adds to a message (a separating comma). */
    private record RenderedNotice(Notice notice, ObjectNode container, int size) {

        static RenderedNotice of(Notice notice) {
            NoticeWording wording = NoticeWording.of(notice.kind());
            ObjectNode container = ChannelJson.object()
                    .put("type", "Container")
                    .put("separator", true)
                    .put("spacing", "Medium");
            ArrayNode items = container.putArray("items");
            textBlock(
                            items,
                            NoticeWording.status(notice) + " · **"
                                    + TeamsMarkdown.escape(wording.headlineOf(notice), MAX_HEADLINE) + "**")
                    .put("color", color(notice));
            ArrayNode facts = items.addObject().put("type", "FactSet").putArray("facts");
            fact(facts, "Resource", TeamsMarkdown.escape(NoticeWording.resourceName(notice), MAX_NAME));
            fact(facts, "Resource group", TeamsMarkdown.escape(NoticeWording.resourceGroup(notice), MAX_NAME));
            fact(facts, "Type", TeamsMarkdown.escape(notice.resourceType(), MAX_TYPE));
            if (notice.subscriptionName() == null) {
                fact(facts, "Subscription", TeamsMarkdown.escape(notice.subscriptionId(), MAX_SUBSCRIPTION));
            } else {
                fact(facts, "Subscription", TeamsMarkdown.escape(notice.subscriptionName(), MAX_NAME));
                fact(facts, "Subscription ID", TeamsMarkdown.escape(notice.subscriptionId(), MAX_SUBSCRIPTION));
            }
            fact(facts, "Why resolved", TeamsMarkdown.escape(NoticeWording.exclusion(notice), MAX_REMEDIATION));
            fact(facts, "Diagnosis", TeamsMarkdown.escape(notice.diagnosis(), MAX_DIAGNOSIS));
            fact(facts, wording.actionLabel(), TeamsMarkdown.escape(NoticeWording.fix(notice), MAX_REMEDIATION));
            fact(facts, "Finding", TeamsMarkdown.escape(notice.key(), MAX_ID));
            fact(facts, "Rule", TeamsMarkdown.escape(notice.ruleId(), MAX_ID));
            NoticeWording.when(notice).ifPresent(stamp -> fact(facts, stamp.label(), localTime(stamp.at())));
            ArrayNode actions = ChannelJson.array();
            PortalLink.of(notice.portalUrl()).ifPresent(link -> openUrl(actions, "Open in Azure portal", link));
            PortalLink.of(notice.consoleUrl()).ifPresent(link -> openUrl(actions, "Open in Coverwatch", link));
            if (!actions.isEmpty()) {
                items.addObject().put("type", "ActionSet").set("actions", actions);
            }
            return new RenderedNotice(notice, container, utf8Size(container) + 1);
        }

        /** Teams shows the time in the reader's zone: {@code {{DATE(…, SHORT)}} {{TIME(…)}}} take RFC 3339 in UTC. */
        private static String localTime(Instant at) {
            String utc = DateTimeFormatter.ISO_INSTANT.format(at);
            return "{{DATE(" + utc + ", SHORT)}} {{TIME(" + utc + ")}}";
        }

        private static void openUrl(ArrayNode actions, String title, PortalLink link) {
            actions.addObject()
                    .put("type", "Action.OpenUrl")
                    .put("title", title)
                    .put("url", link.url());
        }

        private static void fact(ArrayNode facts, String title, String escapedValue) {
            if (!escapedValue.isEmpty()) {
                facts.addObject().put("title", title).put("value", escapedValue);
            }
        }

        private static String color(Notice notice) {
            if (!notice.firing()) {
                return "Good";
            }
            return notice.severity() == null
                    ? "Default"
                    : switch (notice.severity()) {
                        case HIGH -> "Attention";
                        case MEDIUM -> "Warning";
                        case LOW -> "Default";
                    };
        }
    }
}
