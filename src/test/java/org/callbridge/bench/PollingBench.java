package org.callbridge.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.callbridge.callsapi.CallsApiClient;
import org.callbridge.callsapi.CallsApiSettings;
import org.callbridge.callsapi.model.CreateCallsRequest;
import org.callbridge.callsapi.model.PatientEntry;
import org.callbridge.results.CallReport;
import org.callbridge.results.CsvSummaryWriter;
import org.callbridge.results.JsonReportWriter;
import org.callbridge.results.ReportDelivery;
import org.callbridge.results.ReportSink;
import org.callbridge.results.ResultsPoller;
import org.callbridge.simulator.CallsApiSimulator;
import org.callbridge.simulator.SimulatorFixtures;
import org.callbridge.store.CallStore;
import org.callbridge.store.Database;
import org.callbridge.store.EventStore;
import org.callbridge.store.Leases;
import org.callbridge.store.ResultStore;
import org.callbridge.store.Watermarks;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Polling and reporting 10,000 ended calls: the requests of one poll cycle from an empty watermark, and the rate at
 * which ReportDelivery writes their JSON files and CSV rows, against plain {@code Files.write} of the same JSON.
 */
@Tag("bench")
class PollingBench {
    private static final String KEY = "polling-bench-key";
    private static final String AGENT = "c0000000-0000-4000-8000-000000000002";
    private static final int PATIENTS = 100;
    private static final int BATCHES = 100;
    private static final int CALLS = PATIENTS * BATCHES;

    @TempDir
    Path work;

    @Test
    void measure_polling_and_report_writing_for_10000_ended_calls() throws Exception {
        List<String> patients = new ArrayList<>();
        StringBuilder patientJson = new StringBuilder();
        for (int i = 0; i < PATIENTS; i++) {
            String id = UUID.nameUUIDFromBytes(("polling-bench-" + i).getBytes()).toString();
            patients.add(id);
            patientJson.append(i == 0 ? "" : ",").append("""
                    {"patient_id": "%s", "first_name": "F", "last_name": "L", "birth_date": "1990-01-01", "email": null, "phone_number": "+15555550100"}
                    """.formatted(id));
        }
        String fixtures = """
                {"mode": "demo", "timing": {"initiatingSeconds": 0, "dialingSeconds": 0, "inProgressSeconds": 0, "summarizingSeconds": 0},
                 "outcomes": {"failureRate": 0.1, "seed": 5},
                 "organizations": [{"name": "Bench", "apiKeys": ["%s"],
                   "agents": [{"id": "%s", "name": "A", "finalReport": {"appointment_confirmed": true, "callback": {"requested": false}, "notes": "ok"}}],
                   "patients": [%s]}]}
                """.formatted(KEY, AGENT, patientJson);

        try (CallsApiSimulator sim = CallsApiSimulator.start(SimulatorFixtures.parse(fixtures), "127.0.0.1", 0);
                Database db = Database.open(Database.h2FileUrl(work.resolve("state/bench")), "sa", "")) {
            CallsApiClient client = new CallsApiClient(CallsApiSettings.of(sim.baseUrl(), KEY));
            List<PatientEntry> entries = patients.stream().map(id -> new PatientEntry(id, null)).toList();
            for (int b = 0; b < BATCHES; b++) {
                client.createCalls(CreateCallsRequest.batch("polling-bench-" + b, AGENT, entries, null));
            }
            await().atMost(Duration.ofMinutes(2)).until(() -> sim.calls().stream().allMatch(c -> c.endedAt() != null));

            ResultsPoller poller = new ResultsPoller(client, new CallStore(db), new ResultStore(db), new Watermarks(db),
                    new Leases(db), new ResultsPoller.Settings("bench", Duration.ZERO, Duration.ofDays(1), Duration.ofMinutes(5),
                            true, List.of("json", "csv")), Clock.systemUTC());
            ResultsPoller.Summary cycle = poller.pollOnce();

            assertThat(cycle.recorded()).isEqualTo(CALLS);
            assertThat(cycle.requests()).isLessThanOrEqualTo(21);
            BenchResults.record(new BenchResults.Figure("poll requests per cycle for 10,000 ended calls", cycle.requests(),
                    "requests", "pages of 500", Math.ceil(CALLS / 500.0), "21"));

            Path reports = work.resolve("reports");
            TimedSink json = new TimedSink(ReportSink.json(new JsonReportWriter(reports)));
            TimedSink csv = new TimedSink(ReportSink.csv(new CsvSummaryWriter(reports)));
            ReportDelivery delivery = new ReportDelivery(List.of(json, csv), new ResultStore(db), new CallStore(db),
                    new EventStore(db), 10);
            long start = System.nanoTime();
            int delivered = delivery.deliverPending();
            double seconds = (System.nanoTime() - start) / 1e9;

            assertThat(delivered).isEqualTo(2 * CALLS);
            try (Stream<Path> files = Files.walk(reports.resolve("calls"))) {
                assertThat(files.filter(p -> p.toString().endsWith(".json")).count()).isEqualTo(CALLS);
            }
            double baseline = plainWrites(json.reports, work.resolve("plain"));
            BenchResults.record(new BenchResults.Figure("report files written/s (JSON + CSV via ReportDelivery)", CALLS / seconds,
                    "calls/s", "Files.write of the JSON, calls/s", baseline, null));
            BenchResults.record(new BenchResults.Figure("  of which JSON sink alone (atomic, fsync)", CALLS / json.seconds(),
                    "files/s", null, null, null));
            BenchResults.record(new BenchResults.Figure("  of which CSV sink alone (20 day-file rewrites)", CALLS / csv.seconds(),
                    "rows/s", null, null, null));
        }
    }

    /** Writes the same JSON payloads with plain {@code Files.write}, one file each; returns files per second. */
    private static double plainWrites(List<CallReport> reports, Path dir) throws Exception {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        List<byte[]> payloads = new ArrayList<>();
        for (CallReport report : reports) {
            payloads.add(mapper.writeValueAsBytes(report.toJson()));
        }
        Files.createDirectories(dir);
        long start = System.nanoTime();
        for (int i = 0; i < payloads.size(); i++) {
            Files.write(dir.resolve(reports.get(i).callId() + ".json"), payloads.get(i));
        }
        return payloads.size() / ((System.nanoTime() - start) / 1e9);
    }

    /** A sink that keeps the time spent in it and the reports it was given. */
    private static final class TimedSink implements ReportSink {
        private final ReportSink sink;
        private final List<CallReport> reports = new ArrayList<>();
        private long nanos;

        TimedSink(ReportSink sink) {
            this.sink = sink;
        }

        public String name() {
            return sink.name();
        }

        public void deliver(List<CallReport> page) throws Exception {
            long start = System.nanoTime();
            sink.deliver(page);
            nanos += System.nanoTime() - start;
            reports.addAll(page);
        }

        double seconds() {
            return nanos / 1e9;
        }
    }
}
