package org.callbridge.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.callbridge.testing.FreePorts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/** The webhook sink against a local receiver: signature, retries by status, timeouts, and nothing secret shown. */
class WebhookSinkTest {
    static final String SECRET = "whsec_sink_test";

    @TempDir
    Path work;
    private final WebhookReceiver receiver = WebhookReceiver.start(SECRET);

    @AfterEach
    void stop() {
        receiver.close();
    }

    static WebhookSettings settings(URI url, int maxAttempts) {
        return new WebhookSettings(url, SECRET, Duration.ofSeconds(2), Duration.ofSeconds(2), maxAttempts,
                Duration.ofMillis(10), Duration.ofMillis(50));
    }

    private WebhookSink sink(int maxAttempts) {
        return new WebhookSink(settings(receiver.url(), maxAttempts), Clock.systemUTC());
    }

    private static List<CallReport> reports(String... ids) {
        List<CallReport> reports = new ArrayList<>();
        for (String id : ids) {
            reports.add(CallReport.of(Calls.completed(id, "{\"appointment_confirmed\": true}"), Calls.appointment()));
        }
        return reports;
    }

    @Test
    void should_post_the_json_report_signed_with_the_call_id_as_idempotency_key() throws Exception {
        CallReport report = Calls.report("{\"appointment_confirmed\": true}");

        sink(4).deliver(List.of(report));

        assertThat(receiver.all()).singleElement().satisfies(r -> {
            assertThat(r.signed()).isTrue();
            assertThat(r.key()).isEqualTo(Calls.CALL_ID);
            assertThat(r.timestamp()).matches("\\d{10}");
            assertThat(r.pathAndQuery()).isEqualTo("/hooks/calls");
            assertThat(r.authorization()).isNull();
        });
        Path jsonFile = new JsonReportWriter(work).write(report);
        assertThat(Calls.JSON.readTree(receiver.all().get(0).body())).isEqualTo(Calls.JSON.readTree(Files.readAllBytes(jsonFile)));
    }

    @Test
    void should_carry_the_outcome_class_in_the_body() throws Exception {
        sink(4).deliver(List.of(Calls.classified("{\"appointment_confirmed\": true}")));

        assertThat(Calls.JSON.readTree(receiver.all().get(0).body()).get("outcome").asText()).isEqualTo("confirmed");
    }

    @Test
    void should_retry_a_receiver_that_fails_three_times_and_deliver_each_call_once() throws Exception {
        receiver.answer((n, key) -> n <= 3 ? 500 : 200);

        sink(4).deliver(reports("a", "b"));

        assertThat(receiver.all()).extracting(WebhookReceiver.Received::answered).containsExactly(500, 500, 500, 200, 200);
        assertThat(receiver.accepted()).extracting(WebhookReceiver.Received::key).containsExactly("a", "b");
        assertThat(receiver.all()).allMatch(WebhookReceiver.Received::signed);
    }

    @Test
    void should_stop_the_page_once_the_retries_of_an_unavailable_receiver_run_out() {
        receiver.answer((n, key) -> 503);

        PartialDeliveryException e = catchThrowableOfType(PartialDeliveryException.class, () -> sink(3).deliver(reports("a", "b")));

        assertThat(e.delivered()).isEmpty();
        assertThat(e.getCause()).isInstanceOf(ReceiverUnavailableException.class).hasMessage("webhook receiver answered HTTP 503");
        assertThat(receiver.all()).hasSize(3).allMatch(r -> r.key().equals("a"));
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 404, 410, 413, 422, 301})
    void should_not_retry_a_refusal_and_go_on_with_the_next_report(int status) {
        receiver.answer((n, key) -> key.equals("b") ? status : 200);

        PartialDeliveryException e = catchThrowableOfType(PartialDeliveryException.class,
                () -> sink(4).deliver(reports("a", "b", "c")));

        assertThat(e.delivered()).containsExactlyInAnyOrder("a", "c");
        assertThat(e.getCause()).isInstanceOf(ReportRejectedException.class).hasMessage("webhook receiver answered HTTP " + status);
        assertThat(receiver.all()).extracting(WebhookReceiver.Received::key).containsExactly("a", "b", "c");
    }

    @ParameterizedTest
    @ValueSource(ints = {408, 429, 500, 502, 503, 504})
    void should_retry_timeouts_throttling_and_server_errors(int status) throws Exception {
        receiver.answer((n, key) -> n == 1 ? status : 200);

        sink(4).deliver(reports("a"));

        assertThat(receiver.all()).extracting(WebhookReceiver.Received::answered).containsExactly(status, 200);
    }

    @Test
    void should_honour_retry_after_over_a_long_backoff() throws Exception {
        receiver.answer((n, key) -> n == 1 ? 429 : 200);
        WebhookSettings slow = new WebhookSettings(receiver.url(), SECRET, Duration.ofSeconds(2), Duration.ofSeconds(2), 2,
                Duration.ofMinutes(5), Duration.ofMinutes(5));

        long start = System.nanoTime();
        new WebhookSink(slow, Clock.systemUTC()).deliver(reports("a"));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
        assertThat(receiver.accepted()).hasSize(1);
    }

    @Test
    void should_retry_a_receiver_that_does_not_answer_in_time() throws Exception {
        receiver.answer((n, key) -> n == 1 ? WebhookReceiver.HANG : 200);
        WebhookSettings impatient = new WebhookSettings(receiver.url(), SECRET, Duration.ofSeconds(2),
                Duration.ofMillis(300), 2, Duration.ofMillis(10), Duration.ofMillis(10));

        new WebhookSink(impatient, Clock.systemUTC()).deliver(reports("a"));

        assertThat(receiver.accepted()).extracting(WebhookReceiver.Received::key).containsExactly("a");
    }

    @Test
    void should_retry_a_refused_connection_then_report_the_receiver_unavailable() throws Exception {
        int closedPort = FreePorts.next();
        WebhookSink sink = new WebhookSink(settings(URI.create("http://127.0.0.1:" + closedPort + "/hook"), 3), Clock.systemUTC());

        assertThatThrownBy(() -> sink.deliver(reports("a")))
                .isInstanceOf(PartialDeliveryException.class)
                .cause().isInstanceOf(ReceiverUnavailableException.class)
                .hasMessage("webhook receiver unreachable (ConnectException)");
    }

    @Test
    void should_send_url_credentials_as_basic_auth_and_show_neither_them_nor_the_secret_nor_phi() throws Exception {
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        Logger root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        logs.start();
        root.addAppender(logs);
        URI url = URI.create("http://hook-user:pw%40zz9@127.0.0.1:" + receiver.port() + "/hooks/calls?token=qtok77");
        List<Throwable> failures = new ArrayList<>();
        WebhookSettings settings = settings(url, 3);
        try {
            WebhookSink sink = new WebhookSink(settings, Clock.systemUTC());
            sink.deliver(reports("a"));
            receiver.answer((n, key) -> key.equals("b") ? 422 : 503);
            for (String id : List.of("b", "c")) {
                try {
                    sink.deliver(reports(id));
                } catch (PartialDeliveryException e) {
                    failures.add(e);
                }
            }
        } finally {
            root.detachAppender(logs);
        }

        assertThat(receiver.all().get(0).authorization()).isEqualTo("Basic "
                + Base64.getEncoder().encodeToString("hook-user:pw@zz9".getBytes(StandardCharsets.UTF_8)));
        assertThat(receiver.all().get(0).pathAndQuery()).isEqualTo("/hooks/calls?token=qtok77");
        assertThat(failures).hasSize(2);
        List<String> shown = new ArrayList<>(logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList());
        shown.add(settings.toString());
        for (Throwable t : failures) {
            for (Throwable c = t; c != null; c = c.getCause()) {
                shown.add(c.toString());
            }
        }
        assertThat(shown).anyMatch(s -> s.contains("HTTP 503")).anyMatch(s -> s.contains("HTTP 422"));
        assertThat(shown).noneMatch(s -> s.contains("pw") || s.contains("zz9") || s.contains("hook-user")
                || s.contains("qtok77") || s.contains(SECRET) || s.contains("John") || s.contains("MRN1")
                || s.contains("15555551234"));
    }

    @Test
    void should_refuse_settings_without_a_secret_or_an_http_url_without_echoing_the_url() {
        assertThatThrownBy(() -> new WebhookSettings(URI.create("https://u:p4ss@example.org/h"), " ", Duration.ofSeconds(1),
                Duration.ofSeconds(1), 1, Duration.ofMillis(1), Duration.ofMillis(1))).hasMessage("webhook secret is empty");
        assertThatThrownBy(() -> new WebhookSettings(URI.create("ftp://u:p4ss@example.org/h"), SECRET, Duration.ofSeconds(1),
                Duration.ofSeconds(1), 1, Duration.ofMillis(1), Duration.ofMillis(1)))
                .hasMessage("webhook URL is not an http(s) URL with a host");
    }
}
