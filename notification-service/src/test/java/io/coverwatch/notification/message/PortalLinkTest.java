package io.coverwatch.notification.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class PortalLinkTest {

    @Test
    void thePortalUrlOfAResourceIsKeptAsItIs() {
        String url = SeedNotices.PORTAL + SeedNotices.vmId("prod-web-01");
        assertEquals(Optional.of(new PortalLink(url)), PortalLink.of(url));
    }

    @Test
    void charactersThatWouldEndALinkArePercentEncoded() {
        PortalLink link = PortalLink.of("https://portal.azure.com/#@/resource/vm|x>y<z w\"ü")
                .orElseThrow();
        assertEquals("https://portal.azure.com/#@/resource/vm%7Cx%3Ey%3Cz%20w%22%C3%BC", link.url());
    }

    @Test
    void onlyAbsoluteHttpsUrlsAreLinks() {
        assertTrue(PortalLink.of("javascript:alert(1)").isEmpty());
        assertTrue(PortalLink.of("http://portal.azure.com/#@/resource").isEmpty());
        assertTrue(PortalLink.of("/#@/resource/subscriptions").isEmpty());
        assertTrue(PortalLink.of("https://portal.azure.com@evil.example/").isEmpty());
        assertTrue(PortalLink.of("https://portal.azure.com/%zz").isEmpty());
        assertTrue(PortalLink.of("https://portal.azure.com/" + "a".repeat(PortalLink.MAX_LENGTH))
                .isEmpty());
        assertTrue(PortalLink.of(null).isEmpty());
    }
}
