package io.coverwatch.notification.routing;

import io.coverwatch.notification.notice.Notice;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One condition on a notice's label, as an Alertmanager matcher: {@code severity="High"}, {@code rule!~"CW-PROV-.*"},
 * {@code tag:environment="prod"}. A label the notice lacks has the value {@code ""}, so {@code tag:owner=""} matches
 * a resource without an owner tag. Built-in labels compare ignoring case (see {@link NoticeLabel}); tag values do not.
 *
 * @throws InvalidRouting for an unknown label, a missing value or a regular expression that does not compile
 */
public record Matcher(String label, MatchOperator operator, String value) {

    private static final Pattern TEXT_FORM = Pattern.compile("\\s*([^=!~\\s]+)\\s*(=~|!~|!=|=)\\s*(.*?)\\s*");

    public Matcher {
        NoticeLabels.requireKnown(label);
        Objects.requireNonNull(operator, "operator");
        if (value == null) {
            throw new InvalidRouting("matcher on '" + label + "' has no value");
        }
        if (operator.isRegex()) {
            compile(label, value);
        }
    }

    public static Matcher equal(String label, String value) {
        return new Matcher(label, MatchOperator.EQUAL, value);
    }

    public static Matcher notEqual(String label, String value) {
        return new Matcher(label, MatchOperator.NOT_EQUAL, value);
    }

    public static Matcher regex(String label, String value) {
        return new Matcher(label, MatchOperator.REGEX, value);
    }

    public static Matcher notRegex(String label, String value) {
        return new Matcher(label, MatchOperator.NOT_REGEX, value);
    }

    /**
     * Reads Alertmanager's text form: {@code label op value}, the value optionally in double quotes with {@code \"}
     * and {@code \\} escapes.
     */
    public static Matcher parse(String text) {
        java.util.regex.Matcher parts = TEXT_FORM.matcher(text == null ? "" : text);
        if (!parts.matches()) {
            throw new InvalidRouting("unreadable matcher '" + text + "': expected label=value, label!=value,"
                    + " label=~regex or label!~regex");
        }
        return new Matcher(parts.group(1), MatchOperator.of(parts.group(2)), unquote(parts.group(3)));
    }

    /** Whether the notice satisfies this matcher. */
    public boolean matches(Notice notice) {
        return matchesValue(NoticeLabels.value(notice, label));
    }

    /** Whether a notice that lacks the label satisfies this matcher: a silence needs one matcher that does not. */
    public boolean matchesEmpty() {
        return matchesValue("");
    }

    /** Whether the notice satisfies every matcher; true for none, as in Alertmanager. */
    public static boolean all(Collection<Matcher> matchers, Notice notice) {
        return matchers.stream().allMatch(matcher -> matcher.matches(notice));
    }

    private boolean matchesValue(String actual) {
        boolean positive = operator.isRegex()
                ? compile(label, value).matcher(actual).matches()
                : NoticeLabels.caseInsensitive(label) ? value.equalsIgnoreCase(actual) : value.equals(actual);
        return operator.isNegative() != positive;
    }

    @Override
    public String toString() {
        return label + operator.symbol() + '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /**
     * Each expression compiled once, by its flags and text: matchers come from the routing configuration and silences,
     * so there are few, but they are matched against every notice of a group at every flush, and compiling per match
     * was a third of notification-service's CPU in an outage (docs/benchmarks.md, detection).
     */
    private static final Map<String, Pattern> COMPILED = new ConcurrentHashMap<>();

    private static Pattern compile(String label, String regex) {
        int flags = NoticeLabels.caseInsensitive(label) ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0;
        // An expression that does not compile is not kept: its InvalidRouting leaves the map as it was.
        return COMPILED.computeIfAbsent(flags + ":" + regex, key -> {
            try {
                return Pattern.compile(regex, flags);
            } catch (PatternSyntaxException e) {
                throw new InvalidRouting("matcher on '" + label + "': invalid regular expression '" + regex + "'", e);
            }
        });
    }

    private static String unquote(String raw) {
        if (raw.length() < 2 || !raw.startsWith("\"") || !raw.endsWith("\"")) {
            return raw;
        }
        StringBuilder value = new StringBuilder();
        String inner = raw.substring(1, raw.length() - 1);
        for (int i = 0; i < inner.length(); i++) {
            char c = inner.charAt(i);
            if (c == '\\' && i + 1 < inner.length()) {
                c = inner.charAt(++i);
            }
            value.append(c);
        }
        return value.toString();
    }
}
