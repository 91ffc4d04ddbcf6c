package org.callbridge;

import org.callbridge.config.Configuration;
import org.callbridge.config.Settings;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.callbridge.hl7.Hl7Context;
import com.fasterxml.jackson.databind.ObjectMapper;
import ca.uhn.hl7v2.model.v25.message.SIU_S12;
import com.fasterxml.jackson.databind.JsonNode;
import org.callbridge.outcome.OutcomeRules;
import org.callbridge.results.CallReport;
import org.callbridge.results.Hl7ResultMessageBuilder;
import org.callbridge.results.Hl7ResultKind;
import org.callbridge.results.ReportDelivery;
import org.callbridge.results.ReportSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which report sinks the settings wire, and one-line errors for bad webhook and HL7 write-back settings. */
class ReportSinksTest {
    @TempDir
    Path work;

    private Settings settings(Map<String, String> values) {
        Map<String, String> all = new HashMap<>(values);
        all.put("callbridge.reports.dir", work.resolve("reports").toString());
        all.put("callbridge.api.key", "report-sinks-test-key");
        return Settings.load(null, Map.of()).with(all);
    }

    private List<String> sinkNames(Map<String, String> values) {
        return ReportSinks.of(Configuration.build(settings(values)), Hl7Context.context(), Clock.systemUTC()).stream()
                .map(ReportSink::name).toList();
    }

    private static String error(Runnable action) {
        try {
            action.run();
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        throw new AssertionError("no error");
    }

    @Test
    void should_wire_only_the_report_files_by_default() {
        assertThat(sinkNames(Map.of())).containsExactly("json", "csv");
    }

    @Test
    void should_wire_the_webhook_and_hl7_when_configured() {
        assertThat(sinkNames(Map.of("callbridge.webhook.url", "https://ehr.example.org/hooks", "callbridge.webhook.secret", "s3",
                "callbridge.hl7.writeback.host", "127.0.0.1", "callbridge.hl7.writeback.port", "2576")))
                .containsExactly("json", "csv", "webhook", "hl7");
        assertThat(sinkNames(Map.of("callbridge.hl7.writeback.dir", work.resolve("hl7-out").toString())))
                .containsExactly("json", "csv", "hl7");
    }

    @Test
    void should_read_the_webhook_secret_and_url_from_the_environment() {
        Settings settings = Settings.load(null, Map.of("CALLBRIDGE_WEBHOOK_URL", "http://127.0.0.1:9/hook",
                "CALLBRIDGE_WEBHOOK_SECRET", "from-env", "CALLBRIDGE_HL7_WRITEBACK_KIND", "siu_s14"));

        assertThat(Configuration.webhook(settings.asMap()).settings().secret()).isEqualTo("from-env");
        assertThat(Configuration.writeback(settings.with(Map.of("callbridge.hl7.writeback.dir", "out")).asMap()).result().kind())
                .isEqualTo(Hl7ResultKind.SIU_S14);
    }

    @Test
    void should_refuse_a_webhook_without_a_secret_or_with_a_bad_url_without_echoing_it() {
        assertThat(error(() -> sinkNames(Map.of("callbridge.webhook.url", "https://ehr.example.org/hooks"))))
                .isEqualTo("callbridge.webhook.secret: not set (in the file, or CALLBRIDGE_WEBHOOK_SECRET)");
        assertThat(error(() -> sinkNames(Map.of("callbridge.webhook.url", "ftp://user:hunter2@ehr.example.org/x",
                "callbridge.webhook.secret", "s3")))).isEqualTo("callbridge.webhook.url: the value set is not an http(s) URL with a host");
        assertThat(error(() -> sinkNames(Map.of("callbridge.webhook.url", "https://user:hunter2@ehr example/x",
                "callbridge.webhook.secret", "s3")))).isEqualTo("callbridge.webhook.url: the value set is not an http(s) URL with a host");
        assertThat(error(() -> sinkNames(Map.of("callbridge.webhook.url", "https://ehr.example.org/hooks",
                "callbridge.webhook.secret", "s3", "callbridge.webhook.retry.max-attempts", "0"))))
                .contains("callbridge.webhook.retry.max-attempts");
    }

    @Test
    void should_refuse_unclear_hl7_write_back_settings() {
        assertThat(error(() -> sinkNames(Map.of("callbridge.hl7.writeback.host", "ehr", "callbridge.hl7.writeback.port", "1",
                "callbridge.hl7.writeback.dir", "out")))).contains("not both");
        assertThat(error(() -> sinkNames(Map.of("callbridge.hl7.writeback.host", "ehr"))))
                .contains("callbridge.hl7.writeback.port: not set");
        assertThat(error(() -> sinkNames(Map.of("callbridge.hl7.writeback.host", "ehr", "callbridge.hl7.writeback.port", "70000"))))
                .contains("callbridge.hl7.writeback.port");
        assertThat(error(() -> sinkNames(Map.of("callbridge.hl7.writeback.dir", "out", "callbridge.hl7.writeback.kind", "ADT_A08"))))
                .isEqualTo("callbridge.hl7.writeback.kind: 'ADT_A08' is not one of ORU_R01, SIU_S14");
        assertThat(error(() -> sinkNames(Map.of("callbridge.hl7.writeback.host", "ehr", "callbridge.hl7.writeback.port", "2576",
                "callbridge.hl7.writeback.ack-timeout", "PT0S")))).contains("callbridge.hl7.writeback.ack-timeout");
    }

    @Test
    void should_send_the_calls_api_patient_id_in_pid_3_under_the_configured_authority() throws Exception {
        CallReport report = CallReport.of(new ObjectMapper().readTree("""
                {"id": "c-1", "status": "completed", "ended_at": "2024-01-15T10:35:45.000Z",
                 "patient": {"patient_id": "22222222-2222-4222-8222-222222222222"}}"""), null);

        for (String kind : List.of("ORU_R01", "SIU_S14")) {
            Settings configured = settings(Map.of("callbridge.hl7.writeback.kind", kind,
                    "callbridge.patients.id-authority", "EHR_CB", "callbridge.hl7.writeback.dir", "out"));
            Settings unset = settings(Map.of("callbridge.hl7.writeback.kind", kind, "callbridge.hl7.writeback.dir", "out"));

            assertThat(pid3(configured, report)).as(kind).isEqualTo("22222222-2222-4222-8222-222222222222^^^EHR_CB^PI");
            assertThat(pid3(unset, report)).as(kind).isEqualTo("22222222-2222-4222-8222-222222222222^^^CALLSAPI^PI");
        }
    }

    @Test
    void should_write_the_configured_sch_25_of_a_confirmed_call_back_to_the_appointment() throws Exception {
        JsonNode call = new ObjectMapper().readTree("""
                {"id": "c-2", "status": "completed", "ended_at": "2024-01-15T10:35:45.000Z",
                 "final_report": {"appointment_confirmed": true, "reschedule_requested": false}}""");
        Configuration confirmedAsBooked = Configuration.build(settings(Map.of("callbridge.hl7.writeback.kind", "SIU_S14",
                "callbridge.hl7.writeback.dir", "out", "callbridge.hl7.writeback.status.confirmed", "Booked")));
        Configuration defaults = Configuration.build(settings(Map.of("callbridge.hl7.writeback.kind", "SIU_S14",
                "callbridge.hl7.writeback.dir", "out")));
        Configuration off = Configuration.build(settings(Map.of("callbridge.hl7.writeback.kind", "SIU_S14",
                "callbridge.hl7.writeback.dir", "out", "callbridge.hl7.writeback.status.confirmed", "none")));

        assertThat(sch25(defaults, call)).isEqualTo("Confirmed");
        assertThat(sch25(confirmedAsBooked, call)).isEqualTo("Booked");
        assertThat(sch25(off, call)).isEqualTo("completed");
    }

    private static String sch25(Configuration config, JsonNode call) throws Exception {
        CallReport report = CallReport.of(call, null, config.outcomes());
        String message = new Hl7ResultMessageBuilder(config.writeback().result(), Hl7Context.context()).build(report);
        SIU_S12 siu = (SIU_S12) Hl7Context.context().getPipeParser().parse(message);
        return siu.getSCH().getFillerStatusCode().getIdentifier().getValue();
    }

    private static String pid3(Settings settings, CallReport report) {
        String message = new Hl7ResultMessageBuilder(Configuration.writeback(settings.asMap()).result(), Hl7Context.context())
                .build(report);
        return java.util.Arrays.stream(message.split("\r")).filter(segment -> segment.startsWith("PID|"))
                .map(segment -> segment.split("\\|", -1)[3]).findFirst().orElseThrow();
    }

    @Test
    void should_queue_deliveries_for_the_configured_sinks_in_the_runtime() {
        Map<String, String> values = new HashMap<>();
        values.put("callbridge.state.url", "jdbc:h2:file:" + work.resolve("state/cb").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0");
        values.put("callbridge.api.key", "k");
        values.put("callbridge.inbox.hl7", work.resolve("inbox/hl7").toString());
        values.put("callbridge.inbox.csv", work.resolve("inbox/csv").toString());
        values.put("callbridge.rejected.dir", work.resolve("rejected").toString());
        values.put("callbridge.webhook.url", "http://127.0.0.1:9/hook");
        values.put("callbridge.webhook.secret", "s3");
        values.put("callbridge.hl7.writeback.dir", work.resolve("hl7-out").toString());

        try (CallbridgeRuntime runtime = new CallbridgeRuntime(settings(values), Clock.systemUTC())) {
            assertThat(runtime.main().lookup("reportDelivery", ReportDelivery.class).sinkNames())
                    .containsExactly("json", "csv", "webhook", "hl7");
            assertThat(runtime.main().lookup("reportDelivery", ReportDelivery.class).outcomes())
                    .isEqualTo(Configuration.build(settings(values)).outcomes())
                    .isEqualTo(OutcomeRules.of("appointment_confirmed=true", null, "reschedule_requested=true", null));
        }
    }
}
