package org.callbridge.posting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.callbridge.posting.PlanningCycleTest.NOW;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.callbridge.CallbridgeRuntime;
import org.callbridge.config.Settings;
import org.callbridge.store.Leases;
import org.callbridge.testing.FreePorts;
import org.callbridge.testing.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances of the real routes on one PostgreSQL database (as several instances are deployed), fed the same CSV: the events are stored once, only the
 * holder of the outbox lease posts, each appointment is called once, and the other takes over when it stops.
 */
class SeveralInstancesTest {
    private static final String HEADER = "appointment_id,mrn,patient_id,start,timezone,appointment_type,provider,location,status\n";

    @TempDir
    Path dir;
    private EmbeddedPostgres postgres;
    private Clinic clinic;
    private final List<CallbridgeRuntime> runtimes = new ArrayList<>();

    @BeforeEach
    void open() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
        clinic = Clinic.start(30, 0.05);
    }

    @AfterEach
    void close() throws IOException {
        runtimes.forEach(CallbridgeRuntime::close);
        clinic.close();
        postgres.close();
    }

    private CallbridgeRuntime instance(String id) throws Exception {
        Path own = dir.resolve(id);
        Map<String, String> values = new HashMap<>(Harness.settings(own.resolve("reports")));
        values.put("callbridge.instance-id", id);
        values.put("callbridge.state.url", postgres.getJdbcUrl("postgres", "postgres"));
        values.put("callbridge.state.user", "postgres");
        values.put("callbridge.state.password", "postgres");
        values.put("callbridge.api.url", clinic.simulator().baseUrl());
        values.put("callbridge.api.key", Clinic.KEY);
        values.put("callbridge.post.interval", "PT0.2S");
        values.put("callbridge.poll.interval", "PT1H");
        values.put("callbridge.management.port", "");
        values.put("callbridge.hl7.mllp.port", Integer.toString(FreePorts.next()));
        values.put("callbridge.inbox.hl7", own.resolve("inbox/hl7").toString());
        values.put("callbridge.inbox.csv", own.resolve("inbox/csv").toString());
        values.put("callbridge.inbox.poll-delay-millis", "100");
        values.put("callbridge.inbox.read-lock-min-age-millis", "100");
        values.put("callbridge.rejected.dir", own.resolve("rejected").toString());
        values.put("callbridge.reports.dir", own.resolve("reports").toString());
        CallbridgeRuntime runtime = new CallbridgeRuntime(Settings.load(null, Map.of()).with(values), new ManualClock(NOW));
        runtimes.add(runtime);
        runtime.start();
        return runtime;
    }

    /** Appointments {@code from..to}, each with its own patient, due for their reminder now. */
    private static String csv(int from, int to) {
        StringBuilder rows = new StringBuilder(HEADER);
        for (int i = from; i <= to; i++) {
            rows.append("A").append(i).append(",,").append(Clinic.patient(i))
                    .append(",2030-03-13T09:30,America/New_York,Check-up,Dr. Example,Main Campus,booked\n");
        }
        return rows.toString();
    }

    private void drop(String instance, String name, String content) throws IOException {
        Path inbox = dir.resolve(instance).resolve("inbox/csv");
        Files.createDirectories(inbox);
        Path staged = dir.resolve(instance).resolve(name + ".part");
        Files.writeString(staged, content, StandardCharsets.UTF_8);
        Files.move(staged, inbox.resolve(name));
    }

    private List<String> booked(int from, int to) {
        List<String> ids = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            ids.add("A" + i);
        }
        return ids;
    }

    private String leaseHolder(CallbridgeRuntime runtime) {
        return new Leases(runtime.database()).holder(OutboxLease.NAME).map(l -> l.owner()).orElse(null);
    }

    @Test
    void should_call_each_appointment_once_when_two_instances_take_the_same_drop() throws Exception {
        CallbridgeRuntime a = instance("instance-a");
        CallbridgeRuntime b = instance("instance-b");
        assertThat(leaseHolder(a)).isEqualTo("instance-a");

        drop("instance-a", "day.csv", csv(1, 12));
        drop("instance-b", "day.csv", csv(1, 12));
        List<String> expected = booked(1, 12);
        await().atMost(Duration.ofSeconds(30)).until(() -> clinic.simulator().calls().size() >= expected.size());
        Thread.sleep(1_000); // several more cycles of both instances: nothing more may be posted

        CallChecks.everyAppointmentCalledExactlyOnce(clinic, expected);
        assertThat(a.events().countBySource()).containsEntry("csv:default", 12L);
        assertThat(leaseHolder(b)).isEqualTo("instance-a");

        a.close(); // a stops cleanly: b takes over at its next cycle
        drop("instance-b", "later.csv", csv(13, 20));
        expected.addAll(booked(13, 20));
        await().atMost(Duration.ofSeconds(30)).until(() -> clinic.simulator().calls().size() >= expected.size());
        Thread.sleep(1_000);

        CallChecks.everyAppointmentCalledExactlyOnce(clinic, expected);
        assertThat(leaseHolder(b)).isEqualTo("instance-b");
    }
}
