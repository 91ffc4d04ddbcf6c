package org.callbridge.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.apache.camel.impl.DefaultCamelContext;
import org.callbridge.bench.BenchResults;
import org.callbridge.json.Json;
import org.callbridge.operations.FlowActivity;
import org.callbridge.store.AlertStore;
import org.callbridge.store.AuditLog;
import org.callbridge.store.BatchStore;
import org.callbridge.store.Database;
import org.callbridge.store.OpsQueries;
import org.callbridge.store.OutboxSummary;
import org.callbridge.store.Watermarks;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console on a store of 1,000,000 events received over 90 days (100,000 of them with a planned call, 1,000
 * batches): search latency by each business key (p50 and p99 of 200 searches each, random existing keys) and the
 * overview's render time (the ops API's overview built and written as JSON), on the default H2 file.
 */
@Tag("bench")
class ConsoleBench {
    private static final int EVENTS = 1_000_000;
    private static final int CALLS = 100_000;
    private static final int BATCHES = 1_000;
    private static final int SEARCHES = 200;

    @TempDir
    Path work;

    @Test
    void measure_search_and_overview_on_a_million_events() throws Exception {
        try (Database db = Database.open(Database.h2FileUrl(work.resolve("state/console")), "sa", "")) {
            long loadStart = System.nanoTime();
            fill(db);
            double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
            OpsQueries queries = new OpsQueries(db);
            Random random = new Random(7);

            record(queries, "appointment id", i -> "A-" + i, EVENTS, random, "appointment");
            record(queries, "MRN", i -> "MRN" + (i % 200_000), EVENTS, random, "appointment");
            record(queries, "control id", i -> "CTRL-" + i, EVENTS, random, "appointment");
            record(queries, "file name", i -> "drop-" + (i / 1_000) + ".hl7", EVENTS, random, "appointment");
            record(queries, "call id", i -> "call-" + i, CALLS, random, "appointment");
            record(queries, "batch name", i -> "callbridge-reminder-now-" + i, BATCHES, random, "batch");

            try (DefaultCamelContext camel = new DefaultCamelContext()) {
                camel.start();
                OpsApi api = new OpsApi(new OpsApi.Parts(queries, new OutboxSummary(db), new AlertStore(db, Clock.systemUTC()),
                        new AuditLog(db, Clock.systemUTC()), new BatchStore(db, Clock.systemUTC()), null,
                        new FlowActivity(Clock.systemUTC()), new Watermarks(db), "results", camel, "bench",
                        ZoneId.of("America/New_York"), Clock.systemUTC(), new org.callbridge.store.DoNotCallList(db, Clock.systemUTC())));
                for (int i = 0; i < 3; i++) {
                    Json.mapper().writeValueAsBytes(api.overview());
                }
                double[] millis = new double[20];
                for (int i = 0; i < millis.length; i++) {
                    long start = System.nanoTime();
                    byte[] body = Json.mapper().writeValueAsBytes(api.overview());
                    millis[i] = (System.nanoTime() - start) / 1e6;
                    assertThat(body.length).isPositive();
                }
                Arrays.sort(millis);
                BenchResults.record(new BenchResults.Figure("console: overview render, median (1,000,000 events)",
                        millis[millis.length / 2], "ms", null, null, "well under a second"));
            }
            BenchResults.record("console: load 1,000,000 events + 100,000 calls (JDBC batches)", loadSeconds, "s");
        }
    }

    private static void record(OpsQueries queries, String key, Function<Integer, String> value, int range, Random random,
                               String type) {
        for (int i = 0; i < 20; i++) {
            queries.search(value.apply(random.nextInt(range)));
        }
        double[] millis = new double[SEARCHES];
        for (int i = 0; i < SEARCHES; i++) {
            String q = value.apply(random.nextInt(range));
            long start = System.nanoTime();
            List<OpsQueries.Hit> hits = queries.search(q);
            millis[i] = (System.nanoTime() - start) / 1e6;
            assertThat(hits).as(key + " " + q).anyMatch(h -> h.type().equals(type));
        }
        Arrays.sort(millis);
        BenchResults.record(new BenchResults.Figure("console: search by " + key + ", p50 (1,000,000 events)",
                millis[SEARCHES / 2], "ms", null, null, null));
        BenchResults.record(new BenchResults.Figure("console: search by " + key + ", p99 (1,000,000 events)",
                millis[SEARCHES * 99 / 100], "ms", null, null, "< 1000 ms"));
    }

    /** Events over 90 days, one appointment each; every tenth with a posted call in one of the batches. */
    private static void fill(Database db) throws Exception {
        Instant now = Instant.now();
        try (Connection c = db.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement batch = c.prepareStatement("INSERT INTO call_batch (id, name, agent_id, state, attempts,"
                    + " api_batch_id, created_at, updated_at) VALUES (?, ?, 'agent', 'POSTED', 1, ?, ?, ?)")) {
                for (int b = 0; b < BATCHES; b++) {
                    batch.setLong(1, b + 1);
                    batch.setString(2, "callbridge-reminder-now-" + b);
                    batch.setString(3, "api-batch-" + b);
                    batch.setObject(4, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
                    batch.setObject(5, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
                    batch.addBatch();
                }
                batch.executeBatch();
            }
            try (PreparedStatement event = c.prepareStatement("INSERT INTO appointment_event (id, dedup_key, source, source_ref,"
                    + " feed, appointment_id, appointment_key, kind, patient_id, mrn, start_at, control_id, received_at, state,"
                    + " state_at, owner_key) VALUES (?, ?, 'hl7-file', ?, 'hl7', ?, ?, 'NEW', ?, ?, ?, ?, ?, 'PLANNED', ?, ?)");
                 PreparedStatement call = c.prepareStatement("INSERT INTO planned_call (appointment_key, event_id, agent_id,"
                         + " patient_id, call_at, due_at, state, batch_id, call_id, created_at, updated_at) VALUES (?, ?, 'agent',"
                         + " ?, ?, ?, 'POSTED', ?, ?, ?, ?)")) {
                for (int i = 0; i < EVENTS; i++) {
                    String key = "hl7|A-" + i;
                    OffsetDateTime received = OffsetDateTime.ofInstant(now.minus(Duration.ofSeconds((long) i * 90 * 86_400 / EVENTS)),
                            ZoneOffset.UTC);
                    event.setLong(1, i + 1);
                    event.setString(2, "dedup-" + i);
                    event.setString(3, "drop-" + (i / 1_000) + ".hl7#" + (i % 1_000 + 1) + " MSH-10=CTRL-" + i);
                    event.setString(4, "A-" + i);
                    event.setString(5, key);
                    event.setString(6, new java.util.UUID(0, i).toString());
                    event.setString(7, "MRN" + (i % 200_000));
                    event.setObject(8, received.plusDays(3));
                    event.setString(9, "CTRL-" + i);
                    event.setObject(10, received);
                    event.setObject(11, received);
                    event.setString(12, key);
                    event.addBatch();
                    if (i % 10 == 0 && i / 10 < CALLS) {
                        call.setString(1, key);
                        call.setLong(2, i + 1);
                        call.setString(3, new java.util.UUID(0, i).toString());
                        call.setObject(4, received.plusDays(2));
                        call.setObject(5, received.plusDays(2));
                        call.setLong(6, (i / 10) % BATCHES + 1);
                        call.setString(7, "call-" + (i / 10));
                        call.setObject(8, received);
                        call.setObject(9, received);
                        call.addBatch();
                    }
                    if (i % 10_000 == 9_999) {
                        event.executeBatch();
                        call.executeBatch();
                        c.commit();
                    }
                }
                event.executeBatch();
                call.executeBatch();
                c.commit();
            }
        }
    }
}
