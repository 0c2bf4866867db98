package io.coverwatch.notification.message.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.FieldNamingPolicy;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.slack.api.model.block.ContextBlock;
import com.slack.api.model.block.ContextBlockElement;
import com.slack.api.model.block.HeaderBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import com.slack.api.model.block.composition.TextObject;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.util.json.GsonBlockElementFactory;
import com.slack.api.util.json.GsonContextBlockElementFactory;
import com.slack.api.util.json.GsonLayoutBlockFactory;
import com.slack.api.util.json.GsonTextObjectFactory;
import com.slack.api.util.json.UnknownPropertyDetectionAdapterFactory;
import com.slack.api.webhook.Payload;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a webhook body back as the Slack Java SDK's Block Kit model, strictly (an unknown block, element or property
 * fails), and checks Slack's limits on what it read.
 */
public final class SlackPayloads {

    private static final Gson SLACK = new GsonBuilder()
            .setFieldNamingPolicy(FieldNamingPolicy.LOWER_CASE_WITH_UNDERSCORES)
            .registerTypeAdapter(LayoutBlock.class, new GsonLayoutBlockFactory(true))
            .registerTypeAdapter(TextObject.class, new GsonTextObjectFactory(true))
            .registerTypeAdapter(ContextBlockElement.class, new GsonContextBlockElementFactory(true))
            .registerTypeAdapter(BlockElement.class, new GsonBlockElementFactory(true))
            .registerTypeAdapterFactory(new UnknownPropertyDetectionAdapterFactory())
            .create();

    private SlackPayloads() {}

    /** The body as Slack's model, every limit checked. */
    public static Payload readWithinLimits(String body) {
        assertTrue(body.length() <= SlackMessages.MAX_MESSAGE_CHARS, "message of " + body.length() + " chars");
        Payload payload = SLACK.fromJson(body, Payload.class);
        assertFalse(payload.getText() == null || payload.getText().isBlank(), "a notification fallback text");
        List<LayoutBlock> blocks = payload.getBlocks();
        assertTrue(blocks.size() <= SlackMessages.MAX_BLOCKS, blocks.size() + " blocks");
        assertTrue(blocks.get(0) instanceof HeaderBlock, "a header first");
        for (LayoutBlock block : blocks) {
            if (block instanceof HeaderBlock header) {
                String text = header.getText().getText();
                assertFalse(text.isBlank());
                assertTrue(text.length() <= SlackMessages.MAX_HEADER_TEXT, "header of " + text.length());
            } else if (block instanceof SectionBlock section) {
                String text = verbatim(section.getText());
                assertFalse(text.isBlank());
                assertTrue(text.length() <= SlackMessages.MAX_SECTION_TEXT, "section of " + text.length());
            } else if (block instanceof ContextBlock context) {
                assertTrue(context.getElements().size() <= 10);
                context.getElements()
                        .forEach(element ->
                                assertFalse(verbatim((TextObject) element).isBlank()));
            } else {
                fail("unexpected block " + block.getType());
            }
        }
        return payload;
    }

    /** Every mrkdwn text of the message (sections and contexts), in order. */
    public static List<String> mrkdwnTexts(Payload payload) {
        List<String> texts = new ArrayList<>();
        for (LayoutBlock block : payload.getBlocks()) {
            if (block instanceof SectionBlock section) {
                texts.add(verbatim(section.getText()));
            } else if (block instanceof ContextBlock context) {
                context.getElements().forEach(element -> texts.add(verbatim((TextObject) element)));
            }
        }
        return texts;
    }

    public static String header(Payload payload) {
        return ((HeaderBlock) payload.getBlocks().get(0)).getText().getText();
    }

    /** Our mrkdwn is always verbatim: Slack neither links URLs nor parses mentions in it. */
    private static String verbatim(TextObject text) {
        MarkdownTextObject mrkdwn = (MarkdownTextObject) text;
        assertEquals(Boolean.TRUE, mrkdwn.getVerbatim(), "verbatim mrkdwn: " + mrkdwn.getText());
        return mrkdwn.getText();
    }
}
