package io.coverwatch.notification.message.slack;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coverwatch.notification.message.ChannelJson;
import io.coverwatch.notification.message.MessagePages;
import io.coverwatch.notification.message.NoticeWording;
import io.coverwatch.notification.message.PortalLink;
import io.coverwatch.notification.message.UntrustedText;
import io.coverwatch.notification.notice.Notice;
import io.coverwatch.notification.notice.NoticeGroup;
import java.util.List;
import java.util.Locale;

/**
 * A group's messages for a Slack incoming webhook, in Block Kit: a header, the group's labels, then per notice a
 * section (status, what happened, resource linked to the Azure portal and its resource group, diagnosis, the fix or
 * what Coverwatch does, a link to Coverwatch's console) and a context line with its finding ID, rule, subscription
 * and time, shown in the reader's time zone. Within Slack's limits: a group too large for one message is split over several, and past
 * {@code maxMessages} the rest is summarised ("and 37 more").
 */
public final class SlackMessages {

    /** Slack's most blocks in one message. */
    public static final int MAX_BLOCKS = 50;
    /** Slack's most characters in a section's text. */
    public static final int MAX_SECTION_TEXT = 3_000;
    /** Slack's most characters in a header's text. */
    public static final int MAX_HEADER_TEXT = 150;
    /** Slack's most characters in one message; held for the whole JSON body, which is stricter. */
    public static final int MAX_MESSAGE_CHARS = 40_000;

    // The widest a URL may be to stay a link; with the field caps below a notice's section stays under 3,000 chars.
    private static final int MAX_LINK_URL = 600;
    private static final int MAX_HEADLINE = 250;
    private static final int MAX_NAME = 200;
    private static final int MAX_TYPE = 120;
    private static final int MAX_DIAGNOSIS = 800;
    private static final int MAX_REMEDIATION = 700;
    private static final int MAX_ID = 450;
    private static final int MAX_LABELS = 1_000;
    private static final int MAX_FALLBACK = 500;

    private SlackMessages() {}

    /**
     * The group's messages: JSON bodies for an incoming webhook, in order.
     *
     * @param maxMessages the most messages the group may be split into; the rest is summarised in the last
     */
    public static List<String> render(NoticeGroup group, int maxMessages) {
        List<RenderedNotice> notices = NoticeWording.inMessageOrder(group).stream()
                .map(RenderedNotice::of)
                .toList();
        // The envelope at its widest: last part of the most, summarising every notice.
        ObjectNode widest = envelope(group, List.of(), maxMessages, maxMessages, notices);
        MessagePages.Limits limits = new MessagePages.Limits(
                (MAX_BLOCKS - widest.get("blocks").size()) / RenderedNotice.BLOCKS,
                MAX_MESSAGE_CHARS - ChannelJson.write(widest).length(),
                maxMessages);
        MessagePages<RenderedNotice> pages = MessagePages.paginate(notices, RenderedNotice::size, limits);
        return pages.messages(
                (page, part, parts, omitted) -> ChannelJson.write(envelope(group, page, part, parts, omitted)));
    }

    private static ObjectNode envelope(
            NoticeGroup group, List<RenderedNotice> notices, int part, int parts, List<RenderedNotice> omitted) {
        String title = NoticeWording.groupTitle(group) + (parts > 1 ? " (" + part + "/" + parts + ")" : "");
        String labels = NoticeWording.groupLabels(group);
        ObjectNode message = ChannelJson.object();
        message.put("text", SlackMrkdwn.escape(title + (labels.isEmpty() ? "" : " — " + labels), MAX_FALLBACK));
        ArrayNode blocks = message.putArray("blocks");
        ObjectNode header = blocks.addObject().put("type", "header");
        header.putObject("text")
                .put("type", "plain_text")
                .put("text", UntrustedText.plain(title, MAX_HEADER_TEXT))
                .put("emoji", true);
        if (!labels.isEmpty()) {
            context(blocks, SlackMrkdwn.escape(labels, MAX_LABELS));
        }
        notices.forEach(notice -> blocks.addAll(notice.blocks()));
        if (!omitted.isEmpty()) {
            section(
                    blocks,
                    SlackMrkdwn.escape(
                            NoticeWording.omitted(
                                    omitted.stream().map(RenderedNotice::notice).toList()),
                            MAX_SECTION_TEXT));
        }
        message.put("unfurl_links", false).put("unfurl_media", false);
        return message;
    }

    private static void section(ArrayNode blocks, String mrkdwn) {
        blocks.addObject().put("type", "section").set("text", mrkdwn(mrkdwn));
    }

    private static void context(ArrayNode blocks, String mrkdwn) {
        blocks.addObject().put("type", "context").putArray("elements").add(mrkdwn(mrkdwn));
    }

    /** Verbatim: Slack leaves URLs, channel names and mentions in it as they are written. */
    private static ObjectNode mrkdwn(String text) {
        return ChannelJson.object().put("type", "mrkdwn").put("text", text).put("verbatim", true);
    }

    /** One notice's blocks, and what they add to a message's JSON (a separating comma each). */
    private record RenderedNotice(Notice notice, ArrayNode blocks, int size) {

        static final int BLOCKS = 2;

        static RenderedNotice of(Notice notice) {
            ArrayNode blocks = ChannelJson.array();
            section(blocks, sectionText(notice));
            context(blocks, contextText(notice));
            int size = 0;
            for (var block : blocks) {
                size += ChannelJson.write(block).length() + 1;
            }
            return new RenderedNotice(notice, blocks, size);
        }

        private static String sectionText(Notice notice) {
            NoticeWording wording = NoticeWording.of(notice.kind());
            StringBuilder text = new StringBuilder()
                    .append(NoticeWording.status(notice))
                    .append(" · *")
                    .append(SlackMrkdwn.escape(wording.headlineOf(notice), MAX_HEADLINE))
                    .append("*\n*Resource:* ")
                    .append(resource(notice));
            line(text, "Resource group", SlackMrkdwn.escape(NoticeWording.resourceGroup(notice), MAX_NAME));
            line(text, "Subscription", SlackMrkdwn.escape(notice.subscriptionName(), MAX_NAME));
            line(text, "Why resolved", SlackMrkdwn.escape(NoticeWording.exclusion(notice), MAX_REMEDIATION));
            line(text, "Diagnosis", SlackMrkdwn.escape(notice.diagnosis(), MAX_DIAGNOSIS));
            line(text, wording.actionLabel(), SlackMrkdwn.escape(NoticeWording.fix(notice), MAX_REMEDIATION));
            PortalLink.of(notice.consoleUrl())
                    .filter(link -> link.url().length() <= MAX_LINK_URL)
                    .ifPresent(link -> line(text, "Coverwatch", SlackMrkdwn.link(link, "Open the finding")));
            return text.toString();
        }

        private static String resource(Notice notice) {
            String name = SlackMrkdwn.escape(NoticeWording.resourceName(notice), MAX_NAME);
            String type = SlackMrkdwn.escape(notice.resourceType(), MAX_TYPE);
            String linked = PortalLink.of(notice.portalUrl())
                    .filter(link -> link.url().length() <= MAX_LINK_URL)
                    .map(link -> SlackMrkdwn.link(link, name))
                    .orElse(name);
            return type.isEmpty() ? linked : linked + " (" + type + ")";
        }

        private static void line(StringBuilder text, String label, String escapedValue) {
            if (!escapedValue.isEmpty()) {
                text.append("\n*").append(label).append(":* ").append(escapedValue);
            }
        }

        private static String contextText(Notice notice) {
            String rule = notice.ruleId() == null ? "" : " · rule " + notice.ruleId();
            String subscription = notice.subscriptionId() == null ? "" : " · subscription " + notice.subscriptionId();
            String when = NoticeWording.when(notice)
                    .map(stamp -> " · " + stamp.label().toLowerCase(Locale.ROOT) + " " + SlackMrkdwn.date(stamp.at()))
                    .orElse("");
            return SlackMrkdwn.escape("Finding " + notice.key() + rule + subscription, MAX_ID) + when;
        }
    }
}
