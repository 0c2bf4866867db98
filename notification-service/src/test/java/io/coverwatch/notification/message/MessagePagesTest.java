package io.coverwatch.notification.message;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class MessagePagesTest {

    @Test
    void itemsFillEachMessageUpToItsItemLimit() {
        var pages = MessagePages.paginate(List.of(1, 1, 1, 1, 1), size -> size, new MessagePages.Limits(2, 100, 10));
        assertEquals(List.of(List.of(1, 1), List.of(1, 1), List.of(1)), pages.pages());
        assertEquals(List.of(), pages.omitted());
    }

    @Test
    void itemsFillEachMessageUpToItsSizeLimit() {
        var pages = MessagePages.paginate(List.of(6, 4, 7, 3), size -> size, new MessagePages.Limits(10, 10, 10));
        assertEquals(List.of(List.of(6, 4), List.of(7, 3)), pages.pages());
    }

    @Test
    void pastTheLastMessageItemsAreOmittedForTheSummary() {
        var pages = MessagePages.paginate(List.of(1, 2, 3, 4, 5), size -> 1, new MessagePages.Limits(2, 100, 2));
        assertEquals(List.of(List.of(1, 2), List.of(3, 4)), pages.pages());
        assertEquals(List.of(5), pages.omitted());
    }

    @Test
    void onceTheLastMessageIsFullASmallerItemAfterIsOmittedToo() {
        // the order is the most severe first: what is shown stays a prefix of it
        var pages = MessagePages.paginate(List.of(6, 6, 2), size -> size, new MessagePages.Limits(10, 10, 1));
        assertEquals(List.of(List.of(6)), pages.pages());
        assertEquals(List.of(6, 2), pages.omitted());
    }

    @Test
    void anItemTooLargeForAnyMessageIsOmittedNotRejected() {
        var pages = MessagePages.paginate(List.of(5, 50, 5), size -> size, new MessagePages.Limits(10, 10, 10));
        assertEquals(List.of(List.of(5, 5)), pages.pages());
        assertEquals(List.of(50), pages.omitted());
    }

    @Test
    void anEmptyGroupIsOneEmptyMessage() {
        var pages = MessagePages.paginate(List.<Integer>of(), size -> size, new MessagePages.Limits(1, 1, 1));
        assertEquals(List.of(List.of()), pages.pages());
        assertEquals(
                List.of("1/1:0+0"),
                pages.messages((items, part, parts, omitted) ->
                        part + "/" + parts + ":" + items.size() + "+" + omitted.size()));
    }
}
