package org.callbridge.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ca.uhn.hl7v2.model.v25.message.ORU_R01;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.callbridge.appointment.AppointmentEvent;
import org.callbridge.appointment.EventKind;
import org.callbridge.hl7.Hl7Context;
import org.callbridge.appointment.PatientIdentifier;
import org.callbridge.callsapi.CallsApiClient;
import org.callbridge.callsapi.CallsApiSettings;
import org.callbridge.callsapi.model.CreateCallsRequest;
import org.callbridge.callsapi.model.CreateCallsResponse;
import org.callbridge.callsapi.model.PatientEntry;
import org.callbridge.simulator.CallsApiSimulator;
import org.callbridge.simulator.SimulatedCall;
import org.callbridge.simulator.SimulatorFixtures;
import org.callbridge.store.BatchClaim;
import org.callbridge.store.BatchStore;
import org.callbridge.store.CallStore;
import org.callbridge.store.Database;
import org.callbridge.store.EventStore;
import org.callbridge.store.Leases;
import org.callbridge.store.NewCall;
import org.callbridge.store.PostedCall;
import org.callbridge.store.ResultStore;
import org.callbridge.store.Watermarks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Calls ending at the simulator, polled and written back to all four sinks: JSON files, the CSV summary, a webhook
 * receiver and an EHR's MLLP listener (or an HL7 outbox), each once per call, across cycles, pages, receiver
 * failures and a crash between writing and recording.
 */
class WriteBackTest {
    private static final String KEY = "writeback-key";
    private static final String SECRET = WebhookSinkTest.SECRET;
    private static final String AGENT = "d0000000-0000-4000-8000-000000000002";
    private static final List<String> SINKS = List.of("json", "csv", "webhook", "hl7");
    private static final List<String> PATIENTS = Stream.iterate(0, i -> i + 1).limit(100)
            .map(i -> UUID.nameUUIDFromBytes(("writeback-" + i).getBytes()).toString()).toList();

    @TempDir
    Path work;
    private CallsApiSimulator simulator;
    private CallsApiClient client;
    private Database db;
    private final WebhookReceiver receiver = WebhookReceiver.start(SECRET);
    private final MllpListener listener = MllpListener.start();
    private int batches;

    @BeforeEach
    void start() {
        StringBuilder patients = new StringBuilder();
        for (String id : PATIENTS) {
            patients.append(patients.isEmpty() ? "" : ",").append("""
                    {"patient_id": "%s", "first_name": "Ann", "last_name": "Example", "birth_date": "1980-02-03", "email": null, "phone_number": "+15555550142"}
                    """.formatted(id));
        }
        simulator = CallsApiSimulator.start(SimulatorFixtures.parse("""
                {"mode": "demo", "timing": {"initiatingSeconds": 0.01, "dialingSeconds": 0.01, "inProgressSeconds": 0.01, "summarizingSeconds": 0.01},
                 "outcomes": {"failureRate": 0.2, "seed": 11},
                 "organizations": [{"name": "WriteBack", "apiKeys": ["%s"],
                   "agents": [{"id": "%s", "name": "A", "finalReport": {"appointment_confirmed": true, "notes": "line one\\nline two"}}],
                   "patients": [%s]}]}
                """.formatted(KEY, AGENT, patients)), "127.0.0.1", 0);
        client = new CallsApiClient(CallsApiSettings.of(simulator.baseUrl(), KEY));
        db = openDatabase();
    }

    @AfterEach
    void stop() {
        db.close();
        simulator.close();
        receiver.close();
        listener.close();
    }

    private Database openDatabase() {
        return Database.open(Database.h2FileUrl(work.resolve("state/cb")), "sa", "");
    }

    private void placeCalls(int count) {
        List<PatientEntry> entries = PATIENTS.stream().map(id -> new PatientEntry(id, null)).toList();
        for (int i = 0; i < count; i++) {
            client.createCalls(CreateCallsRequest.batch("writeback-" + batches++, AGENT, entries, null));
        }
        awaitAllEnded();
    }

    private void awaitAllEnded() {
        await().atMost(Duration.ofSeconds(60)).until(() -> simulator.calls().stream().allMatch(c -> c.endedAt() != null));
    }

    private ResultsPoller poller(boolean includeUnlinked, List<String> sinks) {
        return new ResultsPoller(client, new CallStore(db), new ResultStore(db), new Watermarks(db), new Leases(db),
                new ResultsPoller.Settings("a", Duration.ofSeconds(5), Duration.ofDays(1), Duration.ofMinutes(1),
                        includeUnlinked, sinks), Clock.systemUTC());
    }

    private WebhookSink webhook(int maxAttempts) {
        return new WebhookSink(WebhookSinkTest.settings(receiver.url(), maxAttempts), Clock.systemUTC());
    }

    private Hl7Sink hl7OverMllp() {
        return new Hl7Sink(Hl7SinkTest.builder(Hl7ResultKind.ORU_R01),
                new MllpSender("127.0.0.1", listener.port(), Duration.ofSeconds(2), Duration.ofSeconds(5)));
    }

    private Hl7FileOutbox outbox() {
        return new Hl7FileOutbox(work.resolve("hl7-out"));
    }

    private List<ReportSink> fileSinks() {
        return List.of(ReportSink.json(new JsonReportWriter(work.resolve("reports"))),
                ReportSink.csv(new CsvSummaryWriter(work.resolve("reports"))));
    }

    private ReportDelivery delivery(ReportSink... more) {
        List<ReportSink> sinks = new ArrayList<>(fileSinks());
        sinks.addAll(Arrays.asList(more));
        return new ReportDelivery(sinks, new ResultStore(db), new CallStore(db), new EventStore(db), 5);
    }

    private Set<String> simulatorCallIds() {
        return simulator.calls().stream().map(SimulatedCall::callId).collect(Collectors.toSet());
    }

    private List<String> jsonFileIds() throws Exception {
        try (Stream<Path> files = Files.walk(work.resolve("reports/calls"))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json"))
                    .map(n -> n.substring(0, n.length() - ".json".length())).toList();
        }
    }

    private List<String> csvCallIds() throws Exception {
        List<String> ids = new ArrayList<>();
        try (Stream<Path> files = Files.list(work.resolve("reports"))) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("calls-")).toList()) {
                for (CSVRecord row : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                        .parse(Files.newBufferedReader(f)).getRecords()) {
                    ids.add(row.get("call_id"));
                }
            }
        }
        return ids;
    }

    private List<String> outboxFiles() throws Exception {
        try (Stream<Path> files = Files.list(work.resolve("hl7-out"))) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }

    private static String controlId(String callId) {
        return Hl7ResultMessageBuilder.controlId(Hl7ResultKind.ORU_R01, callId);
    }

    @Test
    void should_write_each_call_once_to_every_sink_across_poll_cycles_and_pages() throws Exception {
        List<Integer> requests = new ArrayList<>();
        for (int cycle = 0; cycle < 3; cycle++) {
            placeCalls(6);
            requests.add(poller(true, SINKS).pollOnce().requests());
            delivery(webhook(4), hl7OverMllp()).deliverPending();
        }

        Set<String> ids = simulatorCallIds();
        assertThat(ids).hasSize(1800);
        assertThat(requests).allMatch(r -> r >= 2);
        assertThat(jsonFileIds()).hasSize(1800).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(csvCallIds()).hasSize(1800).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(receiver.all()).hasSize(1800).allMatch(WebhookReceiver.Received::signed);
        assertThat(receiver.accepted()).extracting(WebhookReceiver.Received::key).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(listener.received()).hasSize(1800).allMatch(MllpListener.Received::framed);
        assertThat(listener.received()).extracting(MllpListener.Received::controlId)
                .containsExactlyInAnyOrderElementsOf(ids.stream().map(WriteBackTest::controlId).toList());
        ResultStore results = new ResultStore(db);
        assertThat(SINKS).allSatisfy(sink -> assertThat(results.deliveryCounts(sink)).isEqualTo(Map.of("DELIVERED", 1800L)));
    }

    @Test
    void should_deliver_each_call_once_to_a_webhook_that_fails_three_times_first() throws Exception {
        receiver.answer((n, key) -> n <= 3 ? 500 : 200);
        placeCalls(2);
        poller(true, List.of("json", "csv", "webhook")).pollOnce();

        // two tries per cycle: the first cycle fails twice, the second once, then succeeds
        for (int cycle = 0; cycle < 3; cycle++) {
            delivery(webhook(2)).deliverPending();
        }

        assertThat(receiver.all()).hasSize(203);
        assertThat(receiver.accepted()).hasSize(200);
        assertThat(receiver.acceptedKeys()).isEqualTo(simulatorCallIds());
        assertThat(new ResultStore(db).deliveryCounts("webhook")).isEqualTo(Map.of("DELIVERED", 200L));
    }

    /** A process killed after the sink wrote and before the delivery was recorded. */
    static final class Crash extends Error {
    }

    private static ReportSink crashingAfter(ReportSink sink) {
        return new ReportSink() {
            public String name() {
                return sink.name();
            }

            public void deliver(List<CallReport> reports) throws Exception {
                sink.deliver(reports);
                throw new Crash();
            }
        };
    }

    @Test
    void should_not_duplicate_reports_when_restarted_between_writing_and_recording() throws Exception {
        placeCalls(2);
        poller(true, SINKS).pollOnce();
        List<ReportSink> sinks = new ArrayList<>(fileSinks());
        sinks.add(webhook(4));
        sinks.add(new Hl7Sink(Hl7SinkTest.builder(Hl7ResultKind.ORU_R01), outbox()));

        for (ReportSink sink : sinks) {
            ReportDelivery crashing = new ReportDelivery(List.of(crashingAfter(sink)), new ResultStore(db),
                    new CallStore(db), new EventStore(db), 5);
            assertThatThrownBy(crashing::deliverPending).isInstanceOf(Crash.class);
        }
        db.close();
        db = openDatabase();
        int delivered = delivery(webhook(4), new Hl7Sink(Hl7SinkTest.builder(Hl7ResultKind.ORU_R01), outbox()))
                .deliverPending();

        Set<String> ids = simulatorCallIds();
        assertThat(delivered).isEqualTo(800);
        assertThat(jsonFileIds()).hasSize(200).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(csvCallIds()).hasSize(200).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(outboxFiles()).hasSize(200)
                .containsExactlyInAnyOrderElementsOf(ids.stream().map(id -> controlId(id) + ".hl7").toList());
        // HTTP is at least once: the receiver saw every report twice, each time with the same key and body
        assertThat(receiver.accepted()).hasSize(400);
        assertThat(receiver.acceptedKeys()).isEqualTo(ids);
        Map<String, Set<String>> bodiesByKey = receiver.accepted().stream().collect(Collectors.groupingBy(
                WebhookReceiver.Received::key, Collectors.mapping(r -> new String(r.body()), Collectors.toSet())));
        assertThat(bodiesByKey.values()).allSatisfy(bodies -> assertThat(bodies).hasSize(1));
    }

    @Test
    void should_send_the_hl7_result_of_a_placed_call_with_its_appointment_id() throws Exception {
        String patient = PATIENTS.get(7);
        AppointmentEvent event = new AppointmentEvent("mllp", "peer 127.0.0.1 MSH-10=M1", "hl7", "APPT-7001", EventKind.NEW,
                List.of(new PatientIdentifier("MRN7001", "HOSP", "MR")), patient, "MRN7001",
                LocalDateTime.now().plusDays(1).withNano(0).atZone(ZoneId.of("America/Chicago")), Duration.ofMinutes(20),
                "Dental Cleaning", "Dr. Example", "Clinic A", "Booked", "M1", "+15555550142");
        long eventId = new EventStore(db).append(event).id();
        Instant due = Instant.now().minusSeconds(60);
        long planned = new CallStore(db).plan(new NewCall(eventId, event.appointmentKey(), AGENT, patient, due, due, null, "{}")).id();
        BatchStore batchStore = new BatchStore(db);
        long batch = batchStore.claim(new BatchClaim("writeback-linked", AGENT, null, null, null, 10)).orElseThrow().id();
        batchStore.markSending(batch);
        CreateCallsResponse posted = client.createCalls(CreateCallsRequest.batch("writeback-linked", AGENT,
                List.of(new PatientEntry(patient, null)), null));
        String callId = posted.calls().get(0).callId();
        batchStore.recordPosted(batch, posted.batchId(), List.of(new PostedCall(planned, callId, "initiating")));
        placeCalls(1);

        assertThat(poller(false, List.of("hl7")).pollOnce().recorded()).isEqualTo(1);
        new ReportDelivery(List.of(hl7OverMllp()), new ResultStore(db), new CallStore(db), new EventStore(db), 5)
                .deliverPending();

        MllpListener.Received received = listener.received().get(0);
        assertThat(listener.received()).hasSize(1);
        ORU_R01 oru = (ORU_R01) Hl7Context.parse(received.message());
        assertThat(oru.getMSH().getMessageControlID().getValue()).isEqualTo(controlId(callId));
        var order = oru.getPATIENT_RESULT().getORDER_OBSERVATION();
        assertThat(order.getOBR().getPlacerOrderNumber().encode()).isEqualTo("APPT-7001^hl7");
        assertThat(order.getORC().getPlacerOrderNumber().encode()).isEqualTo("APPT-7001^hl7");
        assertThat(order.getOBR().getFillerOrderNumber().getEntityIdentifier().getValue()).isEqualTo(callId);
        // the store keeps the chosen MRN with its assigning authority, so the result names the patient as the source did
        var mrn = oru.getPATIENT_RESULT().getPATIENT().getPID().getPatientIdentifierList(0);
        assertThat(mrn.getIDNumber().getValue()).isEqualTo("MRN7001");
        assertThat(mrn.getAssigningAuthority().getNamespaceID().getValue()).isEqualTo("HOSP");
        assertThat(mrn.getIdentifierTypeCode().getValue()).isEqualTo("MR");
        assertThat(received.message()).doesNotContain("Ann", "Example^", "15555550142", "19800203");
    }
}
