package io.coverwatch.localrun;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coverwatch.contracts.Finding;
import io.coverwatch.security.Roles;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The console as a SOC analyst uses it: the whole local stack on the demo estate, and a real headless Chromium (Debian's
 * chromium and chromium-driver) signing in at the local issuer's sign-in page, reading, watching a finding appear
 * live, approving a paid plan, and silencing a finding's notices as an Operator. Each page's screenshot goes to
 * {@code target/console/}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final String PROD_SUBSCRIPTION = "11111111-1111-1111-1111-111111111111";
    private static final String DEV_SUBSCRIPTION = "22222222-2222-2222-2222-222222222222";
    private static final String PROD = "/subscriptions/" + PROD_SUBSCRIPTION;
    private static final String PROD_DB_01 =
            PROD + "/resourceGroups/prod-rg/providers/Microsoft.Compute/virtualMachines/prod-db-01";
    private static final Path SCREENSHOTS = Path.of("target", "console");

    private static RunningStack running;
    private static ChromeDriver browser;

    @BeforeAll
    static void startEverything() throws IOException {
        running = RunningStack.start(
                "console",
                java.util.EnumSet.allOf(CoverwatchService.class),
                Map.of(
                        "coverwatch.inventory.demo.heartbeat-interval", "1s",
                        "coverwatch.evaluation.heartbeat.threshold", "6s",
                        "coverwatch.evaluation.heartbeat.sweep-interval", "200ms",
                        "coverwatch.remediation.safety.rate-limit", "100",
                        "coverwatch.remediation.execution.poll-interval", "1s",
                        // What the browser asked, in each log: the first thing to read when a step here fails.
                        "quarkus.http.access-log.enabled", "true"));
        Files.createDirectories(SCREENSHOTS);
        ChromeOptions options = new ChromeOptions()
                .setBinary(Path.of("/usr/bin/chromium").toString())
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1100");
        ChromeDriverService driver = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile())
                .build();
        browser = new ChromeDriver(driver, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    @AfterAll
    static void stopEverything() {
        if (browser != null) {
            browser.quit();
        }
        if (running != null) {
            running.close();
        }
    }

    @Test
    @Order(1)
    void aPersonWithoutTheReaderRoleGetsAClear403Page() {
        signIn("visitor");
        assertTrue(text(By.id("forbidden")).contains("Coverwatch.Reader"), text(By.tagName("main")));
        signOut();
    }

    @Test
    @Order(2)
    void aReaderSeesDevSubscriptionsHighDefenderForServersFinding() {
        signIn("soc-reader", Roles.READER);
        assertEquals("soc-reader", text(By.id("signed-in-as")));
        await().atMost(TIMEOUT).pollInterval(Duration.ofSeconds(1)).until(() -> {
            open("/findings?status=open&rule=CW-DEF-SERVERS&subscription=" + DEV_SUBSCRIPTION);
            return !browser.findElements(By.cssSelector("#findings tr[data-rule='CW-DEF-SERVERS']"))
                    .isEmpty();
        });
        WebElement row = browser.findElement(By.cssSelector("#findings tr[data-rule='CW-DEF-SERVERS']"));
        assertTrue(row.getText().contains("Defender for Servers should be enabled"), row.getText());
        assertEquals("High", row.findElement(By.cssSelector("td")).getText());
        screenshot("findings");

        row.findElement(By.linkText("Defender for Servers should be enabled")).click();
        assertEquals("High", text(By.id("severity")));
        assertTrue(browser.findElement(By.id("portal-link"))
                .getAttribute("href")
                .startsWith("https://portal.azure.com/#@/resource/subscriptions/" + DEV_SUBSCRIPTION));
        screenshot("finding");
    }

    @Test
    @Order(3)
    void theAgentsTableShowsDevTest03SilentForFourHours() {
        open("/agents");
        WebElement row = await().atMost(TIMEOUT)
                .pollInterval(Duration.ofSeconds(1))
                .until(
                        () -> {
                            open("/agents");
                            return browser
                                    .findElements(By.xpath("//table[@id='agents']//tr[td/a[text()='dev-test-03']]"))
                                    .stream()
                                    .findFirst()
                                    .orElse(null);
                        },
                        found -> found != null);
        assertTrue(row.getText().contains("4 hours ago"), row.getText());
        // Longest silent first.
        assertTrue(browser.findElement(By.cssSelector("#agents tbody tr"))
                .getText()
                .contains("ago"));
        screenshot("agents");
    }

    @Test
    @Order(4)
    void aNotMonitoredMachinesDiagnosisStopsAtItsFirstFailingStep() {
        open("/overview");
        await().atMost(TIMEOUT).pollInterval(Duration.ofSeconds(1)).until(() -> {
            open("/overview");
            return !browser.findElements(By.cssSelector(".not-monitored a")).isEmpty();
        });
        screenshot("overview");
        browser.findElement(By.cssSelector(".not-monitored a")).click();

        List<WebElement> steps = browser.findElements(By.cssSelector("#diagnosis li"));
        assertFalse(steps.isEmpty(), "the walk is shown");
        List<WebElement> stoppedAt = browser.findElements(By.cssSelector("#diagnosis li.first-failure"));
        assertEquals(1, stoppedAt.size(), "one step is highlighted");
        assertEquals("failed", stoppedAt.get(0).getAttribute("data-result"));
        for (WebElement step : steps) {
            if (step.equals(stoppedAt.get(0))) {
                break;
            }
            assertEquals("passed", step.getAttribute("data-result"), "every step before the first failure passed");
        }
        screenshot("diagnosis");
    }

    @Test
    @Order(5)
    void aFindingOpeningShowsOnTheOpenOverviewWithinTwoSecondsWithoutAReload() {
        open("/overview");
        ((JavascriptExecutor) browser).executeScript("window.sameDocument = true;");
        assertFalse(notMonitoredText().contains("prod-db-01"), notMonitoredText());

        demoScenario("agent-stops", Map.of("resourceId", PROD_DB_01));

        try {
            await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(100)).until(() -> notMonitoredText()
                    .contains("prod-db-01"));
        } catch (ConditionTimeoutException e) {
            screenshot("overview-live-missed");
            throw new AssertionError(
                    "prod-db-01 never showed; its findings: "
                            + given().baseUri(running.url(CoverwatchService.EVALUATION))
                                    .auth()
                                    .oauth2(running.token("console-it", Roles.READER))
                                    .get("/api/findings?rule=CW-AGENT-AMA-DOWN")
                                    .asString(),
                    e);
        }
        Instant seen = Instant.now();
        Instant opened = Instant.parse(given().baseUri(running.url(CoverwatchService.EVALUATION))
                .auth()
                .oauth2(running.token("console-it", Roles.READER))
                .get("/api/findings/" + Finding.idFor("CW-AGENT-AMA-DOWN", PROD_DB_01))
                .then()
                .statusCode(200)
                .extract()
                .<String>path("firstSeen"));
        assertEquals(
                Boolean.TRUE, ((JavascriptExecutor) browser).executeScript("return window.sameDocument;"), "no reload");
        assertTrue(
                Duration.between(opened, seen).compareTo(Duration.ofSeconds(2)) <= 0,
                "shown " + Duration.between(opened, seen) + " after the finding opened");
        screenshot("overview-live");
    }

    @Test
    @Order(6)
    void aReaderSeesNoApproveButtonAndAForgedApproveIsRefusedByTheService() {
        String admin = running.token("soc-admin", Roles.ADMIN);
        given().baseUri(running.url(CoverwatchService.REMEDIATION))
                .auth()
                .oauth2(admin)
                .contentType(ContentType.JSON)
                .body(Map.of("on", false, "reason", "console test"))
                .put("/api/safety/dry-run")
                .then()
                .statusCode(200);
        demoScenario("plan-switched-off", Map.of("resourceId", PROD, "plan", "VirtualMachines"));

        await().atMost(TIMEOUT).pollInterval(Duration.ofSeconds(1)).until(() -> {
            open("/remediations");
            return !browser.findElements(By.cssSelector("#remediations tr[data-action='ENABLE_DEFENDER_PLAN']"))
                    .isEmpty();
        });
        screenshot("approval-queue");
        browser.findElement(By.cssSelector("#remediations tr[data-action='ENABLE_DEFENDER_PLAN'] a"))
                .click();
        assertEquals("AWAITING_APPROVAL", text(By.id("remediation-status")));
        assertTrue(text(By.id("arm-request")).contains("pricings/VirtualMachines"), text(By.id("arm-request")));
        assertTrue(browser.findElements(By.id("approve")).isEmpty(), "a Reader is offered no approve button");
        String page = browser.getCurrentUrl();

        // The Reader forges the approve form (with their own valid CSRF token): the service's role check refuses.
        ((JavascriptExecutor) browser)
                .executeScript("const form = document.createElement('form'); form.method = 'post';"
                        + " form.action = location.pathname + '/approve';"
                        + " const token = document.createElement('input'); token.type = 'hidden';"
                        + " token.name = 'csrf-token';"
                        + " token.value = document.querySelector('meta[name=\"csrf-token\"]').content;"
                        + " form.appendChild(token); document.body.appendChild(form); form.submit();");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !browser.findElements(By.id("refusal")).isEmpty());
        assertTrue(text(By.id("refusal")).contains("remediation-service refused (403)"), text(By.id("refusal")));
        screenshot("forged-approve");

        browser.get(page);
        assertEquals("AWAITING_APPROVAL", text(By.id("remediation-status")), "nothing was approved");
        signOut();
    }

    @Test
    @Order(7)
    void anApproverApprovesTheProductionPlanAndSeesItVerifiedAndCoverageAt100() {
        signIn("soc-approver", Roles.READER, Roles.APPROVER);
        open("/remediations");
        browser.findElement(By.cssSelector("#remediations tr[data-action='ENABLE_DEFENDER_PLAN'] a"))
                .click();
        browser.findElement(By.cssSelector("form[action$='/approve'] input[name='comment']"))
                .sendKeys("production must be covered");
        screenshot("remediation");
        browser.findElement(By.id("approve")).click();

        // The page follows the remediation by itself (remediation events nudge it), no reload.
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(500)).until(() -> "VERIFIED"
                .equals(text(By.id("remediation-status"))));
        assertTrue(text(By.id("trail")).contains("APPROVED"), text(By.id("trail")));
        assertTrue(text(By.id("trail")).contains("soc-approver"), text(By.id("trail")));
        screenshot("remediation-verified");

        await().atMost(TIMEOUT).pollInterval(Duration.ofSeconds(1)).until(() -> {
            open("/overview");
            return text(By.cssSelector(
                            "tr[data-subscription='" + PROD_SUBSCRIPTION + "'] td[data-kind='Virtual machine']"))
                    .startsWith("100 %");
        });
        screenshot("overview-covered");
        signOut();
    }

    @Test
    @Order(8)
    void anUnknownFindingIsA404Page() {
        signIn("soc-reader", Roles.READER);
        open("/findings/0123456789abcdef0123456789abcdef");
        assertTrue(text(By.id("not-found")).contains("finding 0123456789abcdef0123456789abcdef"));
        screenshot("not-found");
    }

    @Test
    @Order(9)
    void anOperatorSilencesAFindingsNoticesFromItsPageAndSeesTheSilenceListed() {
        signIn("soc-operator", Roles.READER, Roles.OPERATOR);
        open("/findings?status=open&rule=CW-DEF-SERVERS&subscription=" + DEV_SUBSCRIPTION);
        browser.findElement(By.linkText("Defender for Servers should be enabled"))
                .click();
        String matchers = browser.findElement(By.cssSelector("#silence-form textarea[name='matchers']"))
                .getAttribute("value");
        assertTrue(matchers.contains("rule=\"CW-DEF-SERVERS\""), matchers);
        assertTrue(matchers.contains("subscription=\"" + DEV_SUBSCRIPTION + "\""), matchers);
        browser.findElement(By.cssSelector("#silence-form input[name='comment']"))
                .sendKeys("dev-subscription's plan is being decided");
        screenshot("silence-from-finding");
        browser.findElement(By.id("create-silence")).click();

        await().atMost(Duration.ofSeconds(30))
                .until(() -> browser.getCurrentUrl().contains("/notifications"));
        WebElement silence = browser.findElement(By.xpath(
                "//table[@id='silence-list']//tr[td[contains(., \"dev-subscription's plan is being decided\")]]"));
        assertEquals("active", silence.getAttribute("data-state"));
        assertTrue(silence.getText().contains("CW-DEF-SERVERS"), silence.getText());
        assertTrue(silence.getText().contains("soc-operator"), silence.getText());
        assertFalse(browser.findElements(By.id("send-test-alert")).isEmpty(), "an Operator is offered the test alert");
        screenshot("notifications");
        signOut();
    }

    /** Opens a console page; an expired or missing session goes through the sign-in page first. */
    private static void open(String path) {
        browser.get(running.url(CoverwatchService.CONSOLE) + path);
    }

    /** Signs in at the local issuer's sign-in page, as a person would: a user name and the roles ticked. */
    private static void signIn(String user, String... roles) {
        // Whoever was signed in before (a failed test may not have signed out) is forgotten.
        open("/signed-out");
        browser.manage().deleteAllCookies();
        open("/overview");
        browser.findElement(By.id("username")).sendKeys(user);
        for (String role : roles) {
            browser.findElement(By.cssSelector("input[name='roles'][value='" + role + "']"))
                    .click();
        }
        screenshot("sign-in");
        browser.findElement(By.id("sign-in")).click();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> browser.getCurrentUrl().startsWith(running.url(CoverwatchService.CONSOLE)));
    }

    private static void signOut() {
        open("/sign-out");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> !browser.findElements(By.id("signed-out")).isEmpty());
    }

    private static String notMonitoredText() {
        return text(By.cssSelector("ul.not-monitored"));
    }

    /** The element's text; "" while it is not there, or while the live update swaps it. */
    private static String text(By by) {
        try {
            List<WebElement> found = browser.findElements(by);
            return found.isEmpty() ? "" : found.get(0).getText();
        } catch (StaleElementReferenceException swapped) {
            return "";
        }
    }

    private static void demoScenario(String scenario, Map<String, String> request) {
        given().baseUri(running.url(CoverwatchService.INVENTORY))
                .auth()
                .oauth2(running.token("console-it", Roles.OPERATOR))
                .contentType(ContentType.JSON)
                .body(request)
                .post("/api/demo/scenarios/" + scenario)
                .then()
                .statusCode(200);
    }

    private static void screenshot(String name) {
        try {
            Files.copy(
                    browser.getScreenshotAs(OutputType.FILE).toPath(),
                    SCREENSHOTS.resolve(name + ".png"),
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new AssertionError("Cannot save the screenshot " + name, e);
        }
    }
}
