package io.coverwatch.notification.routing;

import static io.coverwatch.notification.routing.SeedNotices.analyticsDbNeedsDefenderForSql;
import static io.coverwatch.notification.routing.SeedNotices.devSubscriptionNeedsDefenderForServers;
import static io.coverwatch.notification.routing.SeedNotices.devTest03AmaDown;
import static io.coverwatch.notification.routing.SeedNotices.prodWeb01NotMonitored;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coverwatch.notification.notice.NoticeKind;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MatcherTest {

    @Test
    void everyLabelReadsTheNoticeAsTheSeedsSpellIt() {
        var prodWeb01 = prodWeb01NotMonitored();

        assertTrue(Matcher.parse("severity=High").matches(prodWeb01));
        assertTrue(Matcher.parse("rule=CW-MON-NOT-MONITORED").matches(prodWeb01));
        assertTrue(Matcher.parse("subscription=" + SeedNotices.PROD).matches(prodWeb01));
        assertTrue(Matcher.parse("kind=virtualMachines").matches(prodWeb01));
        assertTrue(Matcher.parse("type=\"Microsoft.Compute/virtualMachines\"").matches(prodWeb01));
        assertTrue(Matcher.parse("noticeKind=FINDING").matches(prodWeb01));
        assertTrue(Matcher.parse("tag:env=prod").matches(prodWeb01));

        assertTrue(Matcher.parse("kind=servers").matches(analyticsDbNeedsDefenderForSql()));
        assertTrue(Matcher.parse("kind=subscriptions").matches(devSubscriptionNeedsDefenderForServers()));
        assertTrue(Matcher.parse("noticeKind=REMEDIATION_FAILED")
                .matches(SeedNotices.asRemediation(prodWeb01, NoticeKind.REMEDIATION_FAILED)));
    }

    @Test
    void builtInLabelsIgnoreCaseAsAzureDoesButTagValuesDoNot() {
        var devTest03 = devTest03AmaDown();

        // Resource Graph reports types lower-cased; a route written from the portal's spelling must still match
        assertTrue(Matcher.parse("type=microsoft.compute/virtualmachines").matches(devTest03));
        assertTrue(Matcher.parse("severity=~hi.*").matches(devTest03));
        assertTrue(Matcher.parse("tag:ENV=dev").matches(devTest03), "Azure tag names are case-insensitive");
        assertFalse(Matcher.parse("tag:env=DEV").matches(devTest03), "tag values are not");
    }

    @Test
    void regularExpressionsMustMatchTheWholeValue() {
        var devTest03 = devTest03AmaDown();

        assertFalse(Matcher.regex("rule", "CW-AGENT").matches(devTest03));
        assertTrue(Matcher.regex("rule", "CW-AGENT-.*").matches(devTest03));
        assertTrue(Matcher.notRegex("rule", "CW-MON-.*").matches(devTest03));
        assertFalse(Matcher.notEqual("rule", "CW-AGENT-AMA-DOWN").matches(devTest03));
    }

    @Test
    void aMissingTagReadsAsEmpty() {
        var devTest03 = devTest03AmaDown();

        assertTrue(Matcher.parse("tag:owner=\"\"").matches(devTest03));
        assertTrue(Matcher.parse("tag:owner!=soc").matches(devTest03));
        assertFalse(Matcher.parse("tag:owner=~.+").matches(devTest03));
        assertTrue(Matcher.parse("tag:owner=soc")
                .matches(SeedNotices.withTags(devTest03, Map.of("env", "dev", "owner", "soc"))));
    }

    @Test
    void theTextFormReadsQuotedValuesAndWritesThemBack() {
        Matcher matcher = Matcher.parse(" tag:team = \"blue \\\"a\\\" team\" ");

        assertEquals(new Matcher("tag:team", MatchOperator.EQUAL, "blue \"a\" team"), matcher);
        assertEquals(matcher, Matcher.parse(matcher.toString()));
        assertEquals(MatchOperator.NOT_REGEX, Matcher.parse("rule!~CW-PROV-.*").operator());
    }

    @Test
    void anUnknownLabelIsInvalidRouting() {
        InvalidRouting unknown = assertThrows(InvalidRouting.class, () -> Matcher.parse("resourceGroup=dev-rg"));
        assertTrue(unknown.getMessage().contains("resourceGroup"), unknown.getMessage());
        assertThrows(InvalidRouting.class, () -> Matcher.equal("tag:", "dev"));
        assertThrows(InvalidRouting.class, () -> Matcher.equal("Severity", "High"));
    }

    @Test
    void anUnreadableMatcherIsInvalidRouting() {
        assertThrows(InvalidRouting.class, () -> Matcher.parse("severity"));
        assertThrows(InvalidRouting.class, () -> Matcher.regex("rule", "CW-(MON"));
        // refused again: an expression that does not compile is not kept with the compiled ones
        assertThrows(InvalidRouting.class, () -> Matcher.regex("rule", "CW-(MON"));
        assertThrows(InvalidRouting.class, () -> Matcher.equal("rule", null));
    }
}
