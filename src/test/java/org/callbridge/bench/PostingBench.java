package org.callbridge.bench;

import org.callbridge.config.Configuration;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.callbridge.appointment.AppointmentEvent;
import org.callbridge.appointment.EventKind;
import org.callbridge.callsapi.CallsApiClient;
import org.callbridge.callsapi.CallsApiSettings;
import org.callbridge.callsapi.model.CreateCallsRequest;
import org.callbridge.callsapi.model.PatientEntry;
import org.callbridge.planning.ExtendedPayload;
import org.callbridge.callsapi.CallsApi;
import org.callbridge.posting.PostingEngine;
import org.callbridge.simulator.CallsApiSimulator;
import org.callbridge.simulator.SimulatorFixtures;
import org.callbridge.store.Database;
import org.callbridge.store.EventStore;
import org.callbridge.store.OutboxSummary;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Posting: HTTP requests per appointment and appointments/s for 10,000 appointments (one per
 * patient, all at one slot) through the
 * real planning and posting cycles (batches of 100), against the naive route that posts one
 * appointment per request, both on the simulator in the same run.
 */
@Tag("bench")
class PostingBench {
    private static final int APPOINTMENTS = 10_000;
    private static final int NAIVE = 1_000;
    private static final String KEY = "bench-key";
    private static final String AGENT = "e0000000-0000-4000-8000-000000000001";

    @TempDir
    Path work;

    @Test
    void measure_posting() throws Exception {
        List<String> patients = new ArrayList<>();
        StringBuilder json = new StringBuilder();
        for (int i = 0; i < APPOINTMENTS; i++) {
            String id = UUID.nameUUIDFromBytes(("post-" + i).getBytes()).toString();
            patients.add(id);
            json.append(i == 0 ? "" : ",").append("""
                    {"patient_id": "%s", "first_name": "F", "last_name": "L", "birth_date": "1990-01-01", "email": null, "phone_number": "+15555550100"}
                    """.formatted(id));
        }
        String fixtures = """
                {"mode": "demo", "timing": {"initiatingSeconds": 3600, "dialingSeconds": 1, "inProgressSeconds": 1, "summarizingSeconds": 1},
                 "organizations": [{"name": "Bench", "apiKeys": ["%s"], "agents": [{"id": "%s", "name": "A", "finalReport": {}}],
                   "patients": [%s]}]}
                """.formatted(KEY, AGENT, json);
        ZoneId zone = zoneAtMidday();
        try (CallsApiSimulator sim = CallsApiSimulator.start(SimulatorFixtures.parse(fixtures), "127.0.0.1", 0);
                Database db = Database.open(Database.h2FileUrl(work.resolve("state")), "sa", "")) {
            CallsApiClient client = new CallsApiClient(CallsApiSettings.of(sim.baseUrl(), KEY));
            EventStore events = new EventStore(db);
            ZonedDateTime start = ZonedDateTime.now(zone).plusHours(3).truncatedTo(ChronoUnit.MINUTES);
            List<AppointmentEvent> batch = new ArrayList<>();
            for (int i = 0; i < APPOINTMENTS; i++) {
                batch.add(new AppointmentEvent("csv:default", "bench.csv:" + (i + 2), "csv:default", "B-" + i, EventKind.NEW,
                        List.of(), patients.get(i), null, start, null, "Check-up", "Dr. Bench", "Main", "booked", null, null));
                if (batch.size() == 1000) {
                    events.appendAll(batch);
                    batch.clear();
                }
            }
            PostingEngine engine = PostingEngine.create(db, Configuration.policy(settings(zone)), Configuration.posting(settings(zone)), CallsApi.of(client), Clock.systemUTC());
            OutboxSummary summary = new OutboxSummary(db);
            long requestsBefore = sim.requestCount();
            long t0 = System.nanoTime();
            while (summary.eventsWaiting() > 0) {
                engine.planning().run();
            }
            long planned = System.nanoTime();
            while (summary.callsUnderWay() > 0) {
                engine.posting().run();
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            double postSeconds = (System.nanoTime() - planned) / 1e9;
            long requests = sim.requestCount() - requestsBefore;
            assertThat(sim.calls()).hasSize(APPOINTMENTS);

            double naiveRate = naive(client, patients, start.toInstant().minusSeconds(3600));

            BenchResults.record(new BenchResults.Figure("posting: HTTP requests per appointment (batches of 100)",
                    (double) requests / APPOINTMENTS, "requests", "naive route", 1.0, "≤ 0.01"));
            BenchResults.record(new BenchResults.Figure("posting: appointments/s, plan + post (10,000)",
                    APPOINTMENTS / seconds, "appts/s", "naive route", naiveRate, null));
            BenchResults.record(new BenchResults.Figure("posting: appointments/s, post only (10,000)",
                    APPOINTMENTS / postSeconds, "appts/s", "naive route", naiveRate, null));
        }
    }

    /** The route an engineer would write by hand: one POST per appointment. */
    private static double naive(CallsApiClient client, List<String> patients, Instant scheduledAt) {
        String at = org.callbridge.callsapi.ApiTime.format(scheduledAt);
        long t0 = System.nanoTime();
        for (int i = 0; i < NAIVE; i++) {
            client.createCalls(CreateCallsRequest.batch("naive-" + i, AGENT,
                    List.of(new PatientEntry(patients.get(i % 100), ExtendedPayload.forEvent(
                            new AppointmentEvent("csv:default", "n", "csv:default", "N-" + i, EventKind.NEW, List.of(),
                                    patients.get(i % 100), null, ZonedDateTime.now().plusHours(3), null, "Check-up", null, null,
                                    null, null, null), ZoneId.of("UTC")))), at));
        }
        return NAIVE / ((System.nanoTime() - t0) / 1e9);
    }

    private static Map<String, String> settings(ZoneId zone) {
        Map<String, String> props = new HashMap<>();
        props.put("callbridge.agent-id", AGENT);
        props.put("callbridge.calling-window", "08:00-21:00");
        props.put("callbridge.calling-days", "MON-SUN");
        props.put("callbridge.timezone", zone.getId());
        props.put("callbridge.reminder.offset", "PT1H");
        props.put("callbridge.reminder.min-lead", "PT5M");
        // the calls are two hours ahead: all of them due at once, posted ahead in one go
        props.put("callbridge.post-ahead", "PT12H");
        props.put("callbridge.batch.max-size", "100");
        props.put("callbridge.batch.max-wait", "PT0S");
        props.put("callbridge.planning.max-events", "5000");
        return props;
    }

    /** A zone where it is now around midday, so the reminders fall inside the calling window. */
    private static ZoneId zoneAtMidday() {
        int utcHour = ZonedDateTime.now(ZoneId.of("UTC")).getHour();
        int offset = Math.floorMod(12 - utcHour + 12, 24) - 12;
        return ZoneId.of(offset >= 0 ? "Etc/GMT-" + offset : "Etc/GMT+" + (-offset));
    }
}
