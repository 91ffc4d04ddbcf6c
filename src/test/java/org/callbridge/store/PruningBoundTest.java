package org.callbridge.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.callbridge.appointment.AppointmentEvent;
import org.callbridge.appointment.EventKind;
import org.callbridge.testing.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A long run on an H2 file: every simulated day a few hundred appointments arrive at 06:00 for the same afternoon,
 * each driven to a finished state (called and written back, rescheduled, cancelled, refused, hung up, skipped), with
 * results of calls placed elsewhere, rejections and watched files beside them; then the clock moves a day and pruning
 * runs with a retention of 7 days. The store must hold exactly the last 8 days of it, never more, never less.
 */
class PruningBoundTest {
    private static final Instant START = Instant.parse("2025-03-03T06:00:00Z");
    private static final int DAYS = 60;
    private static final int PER_DAY = 300;
    /** Days pruning did not run (an outage): the next run catches up, many transactions in one go. */
    private static final List<Integer> NOT_PRUNED = List.of(30, 31, 32, 33);
    private static final Period RETENTION = Period.ofDays(7);
    /**
     * Days of work kept after pruning on a day: appointments of the last 7 days, and of the 8th day back too, as their
     * start (16:00) is not yet 7 days before 06:00; the other rows follow the same days.
     */
    private static final int KEPT_DAYS = 8;
    private static final List<String> TABLES = List.of("appointment_event", "planned_call", "call_result", "sink_delivery",
            "call_batch", "rejection");
    private static final List<String> SINKS = List.of("json", "csv");
    private static final String PATIENT = "11111111-1111-1111-1111-111111111111";

    private final ManualClock clock = new ManualClock(START);
    private Database db;

    @BeforeEach
    void open() {
        db = Database.open(Database.h2FileUrl(Path.of("target", "store-tests", UUID.randomUUID().toString(), "callbridge")
                .toAbsolutePath()), "sa", "");
    }

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
    }

    @Test
    void should_hold_only_the_last_days_of_finished_work_when_pruned_every_day() {
        Pruning pruning = new Pruning(db, clock);
        Map<String, Long> perDay = null;
        long prunedAppointments = 0;
        for (int day = 0; day < DAYS; day++) {
            clock.set(START.plus(Duration.ofDays(day)));
            int today = day;
            db.inTransaction(c -> {
                simulate(today);
                return null;
            });
            if (perDay == null) {
                perDay = counts();
                assertThat(perDay.values()).allMatch(n -> n > 0);
            }
            if (NOT_PRUNED.contains(day)) {
                continue;
            }

            Pruning.Pruned pruned = pruning.prune(RETENTION, Period.ofYears(1));

            prunedAppointments += pruned.appointments();
            int keptDays = Math.min(day + 1, KEPT_DAYS);
            Map<String, Long> expected = new LinkedHashMap<>();
            for (Map.Entry<String, Long> table : perDay.entrySet()) {
                expected.put(table.getKey(), table.getValue() * keptDays);
            }
            assertThat(counts()).as("rows after pruning on day %d", day).isEqualTo(expected);
            assertThat(count("SELECT COUNT(*) FROM read_file")).isLessThanOrEqualTo(3L * KEPT_DAYS);
            for (int kept = day - keptDays + 1; kept <= day; kept++) {
                assertThat(count("SELECT COUNT(DISTINCT appointment_key) FROM appointment_event WHERE appointment_key LIKE ?",
                        "hl7|d" + kept + "-%")).as("appointments of day %d on day %d", kept, day).isEqualTo(PER_DAY);
            }
        }
        assertThat(prunedAppointments).isEqualTo((long) PER_DAY * (DAYS - KEPT_DAYS));
    }

    /** One day's work, from arrival to written back; in one transaction, which every store call joins. */
    private void simulate(int day) {
        EventStore events = new EventStore(db, clock);
        CallStore calls = new CallStore(db, clock);
        BatchStore batches = new BatchStore(db, clock);
        ResultStore results = new ResultStore(db, clock);
        Instant now = clock.instant();
        Instant callAt = now.plus(Duration.ofHours(4));
        ZonedDateTime start = now.plus(Duration.ofHours(10)).atZone(ZoneId.of("UTC"));

        List<AppointmentEvent> arrived = new ArrayList<>();
        for (int i = 0; i < PER_DAY; i++) {
            arrived.add(event(day, i, EventKind.NEW, start));
        }
        List<AppendResult> stored = events.appendAll(arrived);
        Map<Long, Integer> planned = new LinkedHashMap<>();
        for (int i = 0; i < PER_DAY; i++) {
            String key = arrived.get(i).appointmentKey();
            long eventId = stored.get(i).id();
            switch (i % 10) {
                case 0 -> calls.skip(eventId, key, "outside the calling rules");
                case 1 -> {
                    calls.plan(call(eventId, key, callAt, now));
                    long moved = events.append(event(day, i, EventKind.RESCHEDULE, start.plusMinutes(30))).id();
                    planned.put(calls.plan(call(moved, key, callAt.plusSeconds(1800), now)).id(), i);
                }
                case 2 -> {
                    calls.plan(call(eventId, key, callAt, now));
                    long cancel = events.append(event(day, i, EventKind.CANCEL, start)).id();
                    calls.cancelLive(key, "cancelled");
                    calls.skip(cancel, key, "cancelled");
                }
                default -> planned.put(calls.plan(call(eventId, key, callAt, now)).id(), i);
            }
        }

        CallBatch batch = batches.claim(new BatchClaim("day-" + day, Samples.AGENT, null, null, null, PER_DAY)).orElseThrow();
        BatchToSend sending = batches.markSending(batch.id()).orElseThrow();
        Map<Long, String> refused = new LinkedHashMap<>();
        List<PostedCall> posted = new ArrayList<>();
        for (PlannedCall call : sending.calls()) {
            int i = planned.get(call.id());
            if (i % 10 == 3) {
                refused.put(call.id(), "the patient has no phone number");
            } else {
                posted.add(new PostedCall(call.id(), callId(day, i), "queued"));
            }
        }
        batches.rejectCalls(batch.id(), refused);
        batches.recordPosted(batch.id(), "api-" + day, posted);

        Instant ended = callAt.plusSeconds(300);
        for (PostedCall call : posted) {
            int i = planned.get(call.plannedCallId());
            if (i % 10 == 4) {
                calls.markWithdrawn(call.plannedCallId(), true, "cancelled");
            }
            String status = i % 10 == 4 || i % 7 == 0 ? "failed" : "completed";
            results.recordResult(call.callId(), status, ended, "{\"status\":\"" + status + "\"}", call.plannedCallId(),
                    SINKS);
            for (String sink : SINKS) {
                results.markDelivered(call.callId(), sink);
            }
        }

        // calls not placed by callbridge, written back too; ended an hour after the appointments arrived
        for (int k = 0; k < 5; k++) {
            String foreign = "foreign-" + day + "-" + k;
            results.recordResult(foreign, "completed", now.plus(Duration.ofHours(1)), "{}", null, List.of("json"));
            results.markDelivered(foreign, "json");
        }
        for (int k = 0; k < 10; k++) {
            events.reject("mllp", "peer 127.0.0.1", "no MSH segment", "/rejected/mllp/d" + day + "-" + k, null);
        }
        ReadFiles readFiles = new ReadFiles(db);
        for (int k = 0; k < 3; k++) {
            readFiles.watch("csv", "/processed/d" + day + "-" + k + ".csv", "d" + day + "-" + k + ".csv", 100, now,
                    now.plus(Duration.ofMinutes(5)));
        }
    }

    private static AppointmentEvent event(int day, int i, EventKind kind, ZonedDateTime start) {
        String id = "d" + day + "-" + i;
        return new AppointmentEvent("mllp", "peer 127.0.0.1 MSH-10=" + id + "-" + kind, "hl7", id, kind, List.of(),
                PATIENT, "MRN-" + id, start, Duration.ofMinutes(30), "Check Up", "Dr. Example", "Clinic A", "Booked",
                "CTRL-" + id, null);
    }

    private static NewCall call(long eventId, String key, Instant callAt, Instant dueAt) {
        return new NewCall(eventId, key, Samples.AGENT, PATIENT, callAt, dueAt, "UTC",
                "{\"appointment\":{\"name\":\"Check Up\"}}");
    }

    private static String callId(int day, int i) {
        return "call-" + day + "-" + i;
    }

    private Map<String, Long> counts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : TABLES) {
            counts.put(table, count("SELECT COUNT(*) FROM " + table));
        }
        return counts;
    }

    private long count(String sql, Object... args) {
        return db.inTransaction(c -> Sql.one(c, sql, rs -> rs.getLong(1), args).orElseThrow());
    }
}
