package io.coverwatch.notification.routing;

import io.coverwatch.notification.notice.Notice;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What a label name means on a notice. A name is either one of {@link NoticeLabel} or {@code tag:<name>}; anything
 * else is {@link InvalidRouting}. As in Alertmanager, a label the notice lacks reads as the empty string.
 */
public final class NoticeLabels {

    private static final Map<String, NoticeLabel> BY_NAME =
            Arrays.stream(NoticeLabel.values()).collect(Collectors.toUnmodifiableMap(NoticeLabel::label, l -> l));

    private NoticeLabels() {}

    /** Throws {@link InvalidRouting} unless {@code name} is a label routes can use. */
    public static void requireKnown(String name) {
        if (name == null || !(BY_NAME.containsKey(name) || tagName(name).isPresent())) {
            throw new InvalidRouting("unknown label '" + name + "': use one of "
                    + String.join(", ", BY_NAME.keySet().stream().sorted().toList()) + " or "
                    + NoticeLabel.TAG_PREFIX + "<name>");
        }
    }

    /** The notice's value of a known label, {@code ""} when it has none. */
    public static String value(Notice notice, String name) {
        NoticeLabel label = BY_NAME.get(name);
        if (label != null) {
            String value = label.valueOf(notice);
            return value == null ? "" : value;
        }
        String tag = tagName(name).orElseThrow(() -> new InvalidRouting("unknown label '" + name + "'"));
        // Azure tag names are case-insensitive, their values are not
        return notice.tags().entrySet().stream()
                .filter(entry -> entry.getKey().equalsIgnoreCase(tag))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse("");
    }

    /** Whether values of this label compare ignoring case: every built-in label, no tag. */
    public static boolean caseInsensitive(String name) {
        return BY_NAME.containsKey(name);
    }

    /** Every label the notice has a value for, by name (tags as {@code tag:<name>}): what {@code group_by: [...]} uses. */
    public static Map<String, String> all(Notice notice) {
        Map<String, String> labels = new TreeMap<>();
        for (NoticeLabel label : NoticeLabel.values()) {
            String value = label.valueOf(notice);
            if (value != null && !value.isEmpty()) {
                labels.put(label.label(), value);
            }
        }
        notice.tags().forEach((tag, value) -> labels.put(NoticeLabel.TAG_PREFIX + tag, value));
        return labels;
    }

    /** The form a value takes in keys, so that case variants of one Azure identifier group together. */
    public static String keyForm(String name, String value) {
        return caseInsensitive(name) ? value.toLowerCase(Locale.ROOT) : value;
    }

    private static Optional<String> tagName(String name) {
        return name.startsWith(NoticeLabel.TAG_PREFIX) && name.length() > NoticeLabel.TAG_PREFIX.length()
                ? Optional.of(name.substring(NoticeLabel.TAG_PREFIX.length()))
                : Optional.empty();
    }
}
