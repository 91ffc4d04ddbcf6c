package org.callbridge.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.camel.Route;
import org.callbridge.CallbridgeRuntime;
import org.callbridge.DemoSamples;
import org.callbridge.config.Keys;
import org.callbridge.config.Settings;
import org.callbridge.simulator.CallsApiSimulator;
import org.callbridge.simulator.SimulatorFixtures;
import org.callbridge.store.OutboxSummary;
import org.callbridge.testing.FreePorts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real browser (headless Chromium from the Debian packages {@code chromium} and
 * {@code chromium-driver}), against a real callbridge: the demo's sample data through the real routes and the
 * embedded Calls API simulator, the console on. A person signs in, reads the overview, finds an appointment and its
 * timeline, looks at a rejected input, fixes its cause and replays it. Screenshots of each step go to
 * {@code target/console-screenshots/}; with {@code -Dconsole.screenshots.docs=true} the overview's is copied to
 * {@code docs/console.png} for the README.
 *
 * <p>Without Chromium this test fails, saying what to install; {@code -Dconsole.browser=skip} skips it instead.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest {
    private static final Path CHROMIUM = Path.of(System.getProperty("console.chromium", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getProperty("console.chromedriver", "/usr/bin/chromedriver"));
    private static final Path SAMPLES = Path.of("sample-data");
    private static final Path SHOTS = Path.of("target", "console-screenshots");
    /** The demo's clock: Tuesday 1 December 2026, 10:00 in New York, inside every calling window. */
    private static final String PASSWORD = "console-" + UUID.randomUUID();
    /** The appointment sent over MLLP as new, then rescheduled (sample-data/hl7-mllp/01 and 02). */
    private static final String APPOINTMENT_ID = "A9101";
    /** The MRN of 09-unknown-patient-v25.hl7, missing from the crosswalk. */
    private static final String UNKNOWN_MRN = "100008";

    static Path work;
    static CallsApiSimulator simulator;
    static CallbridgeRuntime runtime;
    static WebDriver browser;
    static int port;
    /** Why the tests are skipped (-Dconsole.browser=skip without Chromium), or null. */
    static String skipped;

    @BeforeAll
    static void start() throws Exception {
        skipped = requireChromium();
        if (skipped != null) {
            return;
        }
        work = Path.of("target", "console-browser", "run-" + System.currentTimeMillis()).toAbsolutePath();
        Files.createDirectories(work);
        Files.createDirectories(SHOTS);
        startCallbridge();
        browser = startBrowser();
    }

    /**
     * Fails loudly when Chromium or its driver is missing, unless told to skip (then returns why, and each test is
     * reported as skipped with it); never passes without a browser.
     */
    private static String requireChromium() {
        List<String> missing = new ArrayList<>();
        if (!Files.isExecutable(CHROMIUM)) {
            missing.add(CHROMIUM + " (Debian package chromium)");
        }
        if (!Files.isExecutable(CHROMEDRIVER)) {
            missing.add(CHROMEDRIVER + " (Debian package chromium-driver)");
        }
        if (missing.isEmpty()) {
            return null;
        }
        String message = "the console's browser test needs headless Chromium, and " + String.join(" and ", missing)
                + " is missing: install it with 'apt-get install -y chromium chromium-driver'"
                + " (or point -Dconsole.chromium and -Dconsole.chromedriver at them)";
        if ("skip".equals(System.getProperty("console.browser"))) {
            return "skipped (-Dconsole.browser=skip): " + message;
        }
        return Assertions.fail(message + "; to skip this test instead, run with -Dconsole.browser=skip");
    }

    @BeforeEach
    void skip_when_told_to_and_chromium_is_missing() {
        if (skipped != null) {
            Assumptions.abort(skipped);
        }
    }

    /** As the demo does: the simulator, the sample drops in a fresh work folder, MLLP messages, until all has ended. */
    private static void startCallbridge() throws Exception {
        simulator = CallsApiSimulator.start(SimulatorFixtures.load(SAMPLES.resolve("simulator-fixtures.json")), "127.0.0.1", 0);
        port = FreePorts.next();
        int mllpPort = FreePorts.next();
        // a copy of the crosswalk, so that the test can add the unknown patient before replaying their message
        Path crosswalk = work.resolve("crosswalk.csv");
        Files.copy(SAMPLES.resolve("crosswalk.csv"), crosswalk);
        Map<String, String> values = new HashMap<>(DemoSamples.workSettings(work, simulator.baseUrl(), mllpPort, port));
        values.put(Keys.PATIENTS_CROSSWALK.key(), crosswalk.toString());
        values.put(Keys.CONSOLE_PASSWORD.key(), PASSWORD);
        Settings settings = Settings.load(SAMPLES.resolve("demo.properties"), Map.of()).with(values);
        DemoSamples.drop(SAMPLES, work);
        java.time.Clock clock = DemoSamples.clock();
        runtime = new CallbridgeRuntime(settings, clock);
        runtime.start();
        Map<String, Long> acks = DemoSamples.sendOverMllp(SAMPLES.resolve("hl7-mllp"), mllpPort);
        try (Stream<Path> sent = Files.list(SAMPLES.resolve("hl7-mllp"))) {
            assertThat(acks.values().stream().mapToLong(Long::longValue).sum()).as("ACKs of the MLLP samples").isEqualTo(sent.count());
        }
        OutboxSummary summary = new OutboxSummary(runtime.database());
        await("every sample call has its final report").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(300))
                .until(() -> DemoSamples.finished(work, summary, clock.instant()));
    }

    private static WebDriver startBrowser() throws IOException {
        ChromeOptions options = new ChromeOptions();
        // both paths given: Selenium Manager is never asked to find or fetch anything
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1440,900", "--force-device-scale-factor=1", "--lang=en-US", "--no-first-run",
                "--disable-extensions", "--disable-background-networking", "--disable-sync", "--disable-component-update",
                "--user-data-dir=" + work.resolve("chromium-profile"));
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withLogFile(work.resolve("chromedriver.log").toFile())
                // the hospital's zone, as the demo's clock: times on the page read as an operator there sees them
                .withEnvironment(Map.of("TZ", "America/New_York"))
                .build();
        return new ChromeDriver(service, options);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (runtime != null) {
            runtime.close();
        }
        if (simulator != null) {
            simulator.close();
        }
    }

    @AfterEach
    void no_script_errors_nor_refused_resources() {
        if (browser == null) {
            return;
        }
        // a script error, a resource the CSP refused, or a failed request is logged as SEVERE
        List<String> severe = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue())
                .map(LogEntry::getMessage).toList();
        assertThat(severe).as("browser console errors").isEmpty();
    }

    @Test
    @Order(1)
    void should_sign_in_and_show_the_flows_on_the_overview() throws Exception {
        browser.get("http://admin:" + PASSWORD + "@127.0.0.1:" + port + "/console/");

        WebElement flows = waitFor(By.xpath("//section[h2[starts-with(., 'Flows')]]//table"));
        List<String> routeIds = runtime.main().getCamelContext().getRoutes().stream().map(Route::getRouteId).toList();
        assertThat(routeIds).contains("mllp-to-outbox", "hl7-files-to-outbox");
        for (String id : routeIds) {
            WebElement row = flows.findElement(By.xpath(".//tr[td[1][normalize-space(.)='" + id + "']]"));
            assertThat(row.findElement(By.cssSelector("td:nth-child(2) .badge")).getText()).isEqualTo("Started");
            assertThat(row.findElements(By.cssSelector("svg.spark polyline"))).hasSize(1);
        }
        assertThat(text("#who")).isEqualTo("Signed in as admin");
        WebElement intake = waitFor(By.xpath("//section[h2[starts-with(., 'Intake per source')]]//table"));
        assertThat(intake.getText()).contains("mllp", "hl7-file", "csv:default", "csv:dentrix");
        assertThat(text("#view")).contains("Calls by state", "POSTED", "Report deliveries", "DELIVERED", "Leases");

        Path shot = screenshot("01-overview");
        if (Boolean.getBoolean("console.screenshots.docs")) {
            Files.createDirectories(Path.of("docs"));
            Files.copy(shot, Path.of("docs", "console.png"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Test
    @Order(2)
    void should_find_an_appointment_by_its_id_and_show_its_timeline() throws Exception {
        WebElement search = browser.findElement(By.id("search-input"));
        search.clear();
        search.sendKeys(APPOINTMENT_ID, org.openqa.selenium.Keys.ENTER);

        WebElement hit = waitFor(By.xpath("//ul[@id='search-results']//a[contains(., 'appointment') and contains(., 'matched by appointment id')]"));
        assertThat(browser.getCurrentUrl()).contains("#/search?q=" + APPOINTMENT_ID);
        screenshot("02-search");
        hit.click();

        waitFor(By.xpath("//h1[normalize-space(.)='Appointment " + APPOINTMENT_ID + "']"));
        List<WebElement> events = browser.findElements(By.cssSelector("tr[data-event]"));
        assertThat(events).extracting(e -> e.findElement(By.cssSelector("td:nth-child(2)")).getText())
                .containsExactlyInAnyOrder("NEW", "RESCHEDULE");
        assertThat(events).allSatisfy(e -> assertThat(e.getText()).contains("mllp"));
        List<WebElement> calls = browser.findElements(By.cssSelector("article[data-call]"));
        assertThat(calls).isNotEmpty();
        WebElement placed = calls.stream().filter(c -> !c.findElements(By.cssSelector(".call-id")).isEmpty()).findFirst()
                .orElseThrow(() -> new AssertionError("no call with a Calls API call id on the timeline:\n" + text("#view")));
        assertThat(placed.getText()).contains("POSTED", "callbridge-");
        assertThat(placed.findElements(By.cssSelector("tbody tr")).stream().map(WebElement::getText).toList())
                .anySatisfy(row -> assertThat(row).startsWith("json").contains("DELIVERED"));
        screenshot("03-timeline");
    }

    @Test
    @Order(3)
    void should_show_a_rejected_input_on_demand_and_replay_it_once_its_cause_is_fixed() throws Exception {
        browser.findElement(By.cssSelector(".tabs a[data-view='rejections']")).click();

        WebElement row = waitFor(By.xpath("//tr[@data-rejection][contains(., 'no Calls API patient')]"));
        assertThat(row.getText()).contains("hl7-file", "09-unknown-patient-v25.hl7").doesNotContain("Baker");
        assertThat(browser.findElements(By.cssSelector("pre.raw"))).isEmpty();
        row.findElement(By.cssSelector("button.show-input")).click();
        WebElement raw = waitFor(By.cssSelector("tr.detail-row pre.raw"));
        assertThat(raw.getText()).startsWith("MSH|").contains("A9009", UNKNOWN_MRN);
        screenshot("04-rejection-input");

        // the cause fixed as the README says: the MRN added to the crosswalk (reread once a second), then a replay
        Files.writeString(work.resolve("crosswalk.csv"), UNKNOWN_MRN + ",5b0c1a7e-0000-4000-8000-000000000008\n",
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        Thread.sleep(1_200);
        row.findElement(By.cssSelector("button.replay")).click();

        new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.textToBePresentInElement(
                row.findElement(By.cssSelector("td.replay-outcome")), "HL7:"));
        String outcome = row.findElement(By.cssSelector("td.replay-outcome")).getText();
        assertThat(outcome).contains("1 message(s), 1 stored, 0 already stored, 0 rejected").contains("replayed");
        screenshot("05-rejection-replayed");

        browser.findElement(By.cssSelector(".tabs a[data-view='audit']")).click();
        WebElement audit = waitFor(By.xpath("//tr[td[contains(., 'replay')]]"));
        assertThat(audit.getText()).contains("admin", "rejection ", "1 stored");
        screenshot("06-audit");
    }

    @Test
    @Order(4)
    void should_list_batches_by_state_and_the_alerts() throws Exception {
        browser.findElement(By.cssSelector(".tabs a[data-view='batches']")).click();
        WebElement posted = waitFor(By.xpath("//tr[@data-batch][td[3][normalize-space(.)='POSTED']]"));
        assertThat(posted.getText()).contains("callbridge-");
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("batch-state"))).selectByValue("PARKED");
        waitFor(By.xpath("//td[contains(@class, 'empty')][normalize-space(.)='No batch is PARKED']"));
        assertThat(browser.getCurrentUrl()).endsWith("#/batches?state=PARKED");
        browser.navigate().back();
        waitFor(By.xpath("//tr[@data-batch]"));
        screenshot("07-batches");

        browser.findElement(By.cssSelector(".tabs a[data-view='alerts']")).click();
        waitFor(By.id("alerts-all"));
        assertThat(text("#view")).contains("Alerts");
        screenshot("08-alerts");
    }

    @Test
    @Order(5)
    void should_take_the_patient_who_opted_out_off_the_do_not_call_list_and_audit_it() throws Exception {
        String optedOut = "5b0c1a7e-0000-4000-8000-000000000010";
        browser.findElement(By.cssSelector(".tabs a[data-view='donotcall']")).click();
        WebElement row = waitFor(By.cssSelector("tr[data-patient='" + optedOut + "']"));
        assertThat(row.getText()).contains("opted out on call");
        screenshot("09-do-not-call");

        row.findElement(By.cssSelector("button.remove-dnc")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.alertIsPresent()).accept();
        waitFor(By.xpath("//tr[@data-patient='" + optedOut + "']//div[normalize-space(.)='removed']"));

        assertThat(new org.callbridge.store.DoNotCallList(runtime.database(), java.time.Clock.systemUTC()).contains(optedOut)).isFalse();
        browser.findElement(By.cssSelector(".tabs a[data-view='audit']")).click();
        waitFor(By.xpath("//td[normalize-space(.)='patient " + optedOut + "']"));
        assertThat(text("#view")).contains("remove do-not-call");
    }

    // ------------------------------------------------------------------ helpers

    private static WebElement waitFor(By locator) {
        try {
            return new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.visibilityOfElementLocated(locator));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("not shown: " + locator + "\npage:\n" + text("body"), e);
        }
    }

    private static String text(String css) {
        return browser.findElement(By.cssSelector(css)).getText();
    }

    /** A screenshot of the whole page: the window grown to the page's height for the picture. */
    private static Path screenshot(String name) throws IOException {
        Dimension before = browser.manage().window().getSize();
        long height = ((Number) ((JavascriptExecutor) browser).executeScript(
                "return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight)")).longValue();
        browser.manage().window().setSize(new Dimension(before.getWidth(), (int) Math.min(4000, Math.max(before.getHeight(), height + 120))));
        try {
            Path file = SHOTS.resolve(name + ".png");
            Files.write(file, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
            return file;
        } finally {
            browser.manage().window().setSize(before);
        }
    }
}
