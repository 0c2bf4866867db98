package io.coverwatch.notification.message;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * How a group's rendered notices are spread over messages: greedily, in order, each message within a channel's item
 * and size limits, at most {@code maxMessages} of them; whatever does not fit is counted as omitted, for the last
 * message to summarise ("and 37 more"). A group is never rejected for its size.
 *
 * @param pages   the notices of each message, in order; at least one (possibly empty) page
 * @param omitted the notices that did not fit, for the summary
 * @param <T>     a rendered notice
 */
public record MessagePages<T>(List<List<T>> pages, List<T> omitted) {

    /**
     * A channel's limits for one message, after its envelope (header, labels, summary) is accounted for.
     *
     * @param maxItems    the most notices one message may carry
     * @param maxSize     the most size (in the channel's unit) the notices of one message may take
     * @param maxMessages the most messages one group may be split into
     */
    public record Limits(int maxItems, int maxSize, int maxMessages) {
        public Limits {
            if (maxItems < 1 || maxSize < 1 || maxMessages < 1) {
                throw new IllegalArgumentException(
                        "limits must be positive: " + maxItems + ", " + maxSize + ", " + maxMessages);
            }
        }
    }

    public MessagePages {
        pages = List.copyOf(pages);
        omitted = List.copyOf(omitted);
    }

    /** A channel's message around some of a group's notices. */
    @FunctionalInterface
    public interface Envelope<T> {
        /**
         * @param part    this message's number, from 1
         * @param parts   how many messages the group takes
         * @param omitted what this message summarises (only the last message has any)
         */
        String render(List<T> items, int part, int parts, List<T> omitted);
    }

    /** Every page as its message, the omitted notices summarised in the last. */
    public List<String> messages(Envelope<T> envelope) {
        List<String> messages = new ArrayList<>(pages.size());
        for (int page = 0; page < pages.size(); page++) {
            boolean last = page == pages.size() - 1;
            messages.add(envelope.render(pages.get(page), page + 1, pages.size(), last ? omitted : List.of()));
        }
        return List.copyOf(messages);
    }

    /**
     * Spreads {@code items} over messages.
     *
     * @param size each item's size in the channel's unit, separators included
     */
    public static <T> MessagePages<T> paginate(List<T> items, ToIntFunction<T> size, Limits limits) {
        List<List<T>> pages = new ArrayList<>();
        List<T> omitted = new ArrayList<>();
        List<T> page = new ArrayList<>();
        int pageSize = 0;
        // Once the last message is full, everything after is summarised, even a small notice that would still fit:
        // what is shown stays a prefix of the order (the most severe first).
        boolean full = false;
        for (T item : items) {
            int itemSize = size.applyAsInt(item);
            if (itemSize > limits.maxSize()) {
                omitted.add(item);
                continue;
            }
            boolean fits = !full && page.size() < limits.maxItems() && pageSize + itemSize <= limits.maxSize();
            if (!fits && !full && pages.size() + 1 < limits.maxMessages()) {
                pages.add(page);
                page = new ArrayList<>();
                pageSize = 0;
                fits = true;
            }
            if (fits) {
                page.add(item);
                pageSize += itemSize;
            } else {
                omitted.add(item);
                full = true;
            }
        }
        pages.add(page);
        return new MessagePages<>(pages, omitted);
    }
}
