package org.callbridge.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.callbridge.callsapi.CallsApiClient;
import org.callbridge.callsapi.CallsApiSettings;
import org.callbridge.callsapi.model.CreateCallsRequest;
import org.callbridge.callsapi.model.PatientEntry;
import org.callbridge.simulator.CallsApiSimulator;
import org.callbridge.simulator.SimulatorFixtures;
import org.callbridge.store.CallStore;
import org.callbridge.store.Database;
import org.callbridge.store.EventStore;
import org.callbridge.store.Leases;
import org.callbridge.store.ResultStore;
import org.callbridge.store.Watermarks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Polling ended calls page by page and writing each report exactly once per sink. */
class ResultsPollerTest {
    private static final String KEY = "poll-key";
    private static final String AGENT = "d0000000-0000-4000-8000-000000000001";
    private static final List<String> PATIENTS = Stream.iterate(0, i -> i + 1).limit(100)
            .map(i -> UUID.nameUUIDFromBytes(("poll-" + i).getBytes()).toString()).toList();

    @TempDir
    Path work;
    private CallsApiSimulator simulator;
    private CallsApiClient client;
    private Database db;

    @BeforeEach
    void start() {
        StringBuilder patients = new StringBuilder();
        for (String id : PATIENTS) {
            patients.append(patients.isEmpty() ? "" : ",").append("""
                    {"patient_id": "%s", "first_name": "F", "last_name": "L", "birth_date": "1990-01-01", "email": null, "phone_number": "+15555550100"}
                    """.formatted(id));
        }
        simulator = CallsApiSimulator.start(SimulatorFixtures.parse("""
                {"mode": "demo", "timing": {"initiatingSeconds": 0.01, "dialingSeconds": 0.01, "inProgressSeconds": 0.01, "summarizingSeconds": 0.01},
                 "outcomes": {"failureRate": 0.2, "seed": 9},
                 "organizations": [{"name": "Poll", "apiKeys": ["%s"],
                   "agents": [{"id": "%s", "name": "A", "finalReport": {"appointment_confirmed": true, "notes": "=cmd|' /C calc'!A0"}}],
                   "patients": [%s]}]}
                """.formatted(KEY, AGENT, patients)), "127.0.0.1", 0);
        client = new CallsApiClient(CallsApiSettings.of(simulator.baseUrl(), KEY));
        db = Database.open(Database.h2FileUrl(work.resolve("state/cb")), "sa", "");
    }

    @AfterEach
    void stop() {
        db.close();
        simulator.close();
    }

    private void placeCalls(int batches) {
        List<PatientEntry> entries = PATIENTS.stream().map(id -> new PatientEntry(id, null)).toList();
        for (int i = 0; i < batches; i++) {
            client.createCalls(CreateCallsRequest.batch("poll-" + i, AGENT, entries, null));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> simulator.calls().stream().allMatch(c -> c.endedAt() != null));
    }

    private ResultsPoller poller(String owner) {
        return poller(owner, Duration.ofSeconds(5));
    }

    private ResultsPoller poller(String owner, Duration overlap) {
        return new ResultsPoller(client, new CallStore(db), new ResultStore(db), new Watermarks(db), new Leases(db),
                new ResultsPoller.Settings(owner, overlap, Duration.ofDays(1), Duration.ofMinutes(1), true,
                        List.of("json", "csv")), Clock.systemUTC());
    }

    private ReportDelivery delivery(ReportSink... extra) {
        List<ReportSink> sinks = new ArrayList<>(List.of(ReportSink.json(new JsonReportWriter(work.resolve("reports"))),
                ReportSink.csv(new CsvSummaryWriter(work.resolve("reports")))));
        sinks.addAll(List.of(extra));
        return new ReportDelivery(sinks, new ResultStore(db), new CallStore(db), new EventStore(db), 5);
    }

    private long jsonFiles() throws Exception {
        try (Stream<Path> files = Files.walk(work.resolve("reports/calls"))) {
            return files.filter(p -> p.toString().endsWith(".json")).count();
        }
    }

    private List<CSVRecord> csvRows() throws Exception {
        List<CSVRecord> rows = new ArrayList<>();
        try (Stream<Path> files = Files.list(work.resolve("reports"))) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("calls-")).toList()) {
                rows.addAll(CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                        .parse(Files.newBufferedReader(f)).getRecords());
            }
        }
        return rows;
    }

    @Test
    void should_read_1200_ended_calls_in_three_requests_and_report_each_once() throws Exception {
        placeCalls(12);

        ResultsPoller.Summary first = poller("a", Duration.ZERO).pollOnce();
        int delivered = delivery().deliverPending();

        assertThat(first.requests()).isEqualTo(3);
        assertThat(first.recorded()).isEqualTo(1200);
        assertThat(delivered).isEqualTo(2400);
        assertThat(jsonFiles()).isEqualTo(1200);
        List<CSVRecord> rows = csvRows();
        assertThat(rows).hasSize(1200);
        assertThat(rows.stream().map(r -> r.get("call_id")).distinct()).hasSize(1200);
        assertThat(rows).filteredOn(r -> r.get("status").equals("completed"))
                .allSatisfy(r -> assertThat(r.get("final_report.notes")).startsWith("'="));

        ResultsPoller.Summary again = poller("a", Duration.ZERO).pollOnce();
        assertThat(again.requests()).isEqualTo(1);
        assertThat(again.recorded()).isZero();
        ResultsPoller.Summary overlapping = poller("a", Duration.ofMinutes(5)).pollOnce();
        assertThat(overlapping.seen()).isEqualTo(1200);
        assertThat(overlapping.recorded()).isZero();
        assertThat(delivery().deliverPending()).isZero();
        assertThat(jsonFiles()).isEqualTo(1200);
        assertThat(csvRows()).hasSize(1200);
    }

    @Test
    void should_report_calls_ending_across_several_cycles_exactly_once() throws Exception {
        for (int cycle = 0; cycle < 4; cycle++) {
            placeCalls(3);
            poller("a").pollOnce();
            delivery().deliverPending();
        }

        assertThat(simulator.calls()).hasSize(1200);
        assertThat(jsonFiles()).isEqualTo(1200);
        assertThat(csvRows()).hasSize(1200);
    }

    @Test
    void should_let_only_the_lease_holder_poll() {
        placeCalls(1);

        assertThat(poller("a").pollOnce().polled()).isTrue();
        assertThat(poller("b").pollOnce().polled()).isFalse();
    }

    @Test
    void should_deliver_once_to_a_sink_that_fails_three_times_first() throws Exception {
        placeCalls(1);
        AtomicInteger attempts = new AtomicInteger();
        List<String> received = new ArrayList<>();
        ReportSink flaky = new ReportSink() {
            public String name() {
                return "webhook";
            }

            public void deliver(List<CallReport> reports) {
                if (attempts.incrementAndGet() <= 3) {
                    throw new IllegalStateException("receiver down");
                }
                reports.forEach(r -> received.add(r.callId()));
            }
        };
        ResultsPoller poller = new ResultsPoller(client, new CallStore(db), new ResultStore(db), new Watermarks(db), new Leases(db),
                new ResultsPoller.Settings("a", Duration.ofSeconds(5), Duration.ofDays(1), Duration.ofMinutes(1), true,
                        List.of("json", "csv", "webhook")), Clock.systemUTC());
        poller.pollOnce();

        for (int cycle = 0; cycle < 6; cycle++) {
            delivery(flaky).deliverPending();
        }

        assertThat(attempts.get()).isEqualTo(4);
        assertThat(received).hasSize(100).doesNotHaveDuplicates();
    }
}
