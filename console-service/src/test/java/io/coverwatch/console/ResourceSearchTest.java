package io.coverwatch.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coverwatch.localinfra.LocalInfraTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Searching inventory by name, ARM ID or tag: the filters relayed, the rows linking to each resource's page, paged. */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
@WithTestResource(StandInApis.class)
class ResourceSearchTest {

    private static final String DEV_RG = "/subscriptions/22222222-2222-2222-2222-222222222222/resourceGroups/dev-rg";

    @TestHTTPResource("/")
    URI console;

    @BeforeEach
    void inventory() {
        StandInApis.CALLS.clear();
        StandInApis.REPLIES.clear();
    }

    @Test
    void aSearchByNameTypeAndTagListsTheMatchesEachLinkingToItsPage() throws Exception {
        StandInApis.answer(
                StandInApis.INVENTORY
                        + "/api/resources?page=0&size=50&q=dev-test&type=Microsoft.Compute%2FvirtualMachines&tag=env%3Ddev",
                200,
                "[" + resource("dev-test-03") + "," + resource("dev-test-<script>alert(1)</script>") + "]");

        Browser browser = new Browser(console);
        browser.signIn("/resources", "soc-reader", "Coverwatch.Reader");
        HttpResponse<String> page =
                browser.get("/resources?q=dev-test&type=Microsoft.Compute/virtualMachines&tag=env%3Ddev");

        assertEquals(200, page.statusCode(), page.body());
        assertTrue(
                page.body()
                        .contains("<a href=\"/resources" + DEV_RG
                                + "/providers/Microsoft.Compute/virtualMachines/dev-test-03\">dev-test-03</a>"),
                page.body());
        assertTrue(page.body().contains("dev-test-&lt;script&gt;alert(1)&lt;/script&gt;"), page.body());
        assertFalse(page.body().contains("<script>alert(1)"), page.body());
        assertTrue(page.body().contains("value=\"env=dev\""), "the form keeps the search: " + page.body());
        assertFalse(page.body().contains("rel=\"next\""), "two results are one page");
    }

    @Test
    void aFullPageOffersTheNextWithTheSameSearch() throws Exception {
        String fifty =
                IntStream.range(0, 50).mapToObj(i -> resource("vm-" + i)).collect(Collectors.joining(",", "[", "]"));
        StandInApis.answer(StandInApis.INVENTORY + "/api/resources?page=0&size=50&q=vm", 200, fifty);

        Browser browser = new Browser(console);
        browser.signIn("/resources", "soc-reader", "Coverwatch.Reader");
        HttpResponse<String> page = browser.get("/resources?q=vm");

        assertTrue(page.body().contains("<a rel=\"next\" href=\"/resources?page=1&amp;q=vm\">"), page.body());
    }

    @Test
    void inventoryDownIsSaidAndTheSearchFormStillRenders() throws Exception {
        HttpResponse<String> page = new Browser(console).signIn("/resources", "soc-reader", "Coverwatch.Reader");

        assertEquals(200, page.statusCode(), page.body());
        assertTrue(page.body().contains("Inventory: inventory-service did not answer"), page.body());
        assertTrue(page.body().contains("role=\"search\""), page.body());
    }

    private static String resource(String name) {
        return """
                {"id": "%s/providers/Microsoft.Compute/virtualMachines/%s", "type": "Microsoft.Compute/virtualMachines",
                 "name": "%s", "subscriptionId": "22222222-2222-2222-2222-222222222222", "origin": "demo",
                 "lastSeen": "2026-12-04T10:00:00Z"}
                """
                .formatted(DEV_RG, name, name);
    }
}
