package org.callbridge.posting;

import org.callbridge.config.Keys;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 300 appointments against a simulator that fails, throttles, loses answers and answers slowly: every appointment
 * ends as exactly one call, none outside calling hours. A third is due at once, a third later today, and a third in
 * a clinic where it is night now (called at its next opening). Runs on the real clock, like the simulator.
 */
class FaultyApiIntegrationTest {
    private static final int APPOINTMENTS = 300;
    private static final int PATIENTS = 250;

    @TempDir
    Path dir;
    private Harness h;
    private final List<String> appointmentIds = new ArrayList<>();
    private final List<PostingSummary> runs = new ArrayList<>();
    private Map<String, String> settings;

    @BeforeEach
    void book() {
        h = new Harness(dir, Clock.systemUTC());
        Instant now = Instant.now();
        int hour = now.atZone(ZoneOffset.UTC).getHour();
        ZoneOffset day = ZoneOffset.ofHours(13 - hour); // 13:xx there now
        ZoneOffset night = ZoneOffset.ofHours(Math.floorMod(23 - hour + 12, 24) - 12); // 23:xx there now
        settings = new HashMap<>(Map.of(
                "callbridge.location-timezones", "Day Clinic=" + day.getId() + ";Night Clinic=" + night.getId(),
                "callbridge.timezone", day.getId(),
                "callbridge.batch.max-size", "25",
                Keys.BATCH_PARK_RETRY.key(), "PT0S"));
        Instant quarter = now.truncatedTo(ChronoUnit.HOURS);
        for (int i = 0; i < APPOINTMENTS; i++) {
            String id = "F" + i;
            appointmentIds.add(id);
            String patient = Clinic.patient(i % PATIENTS);
            ZonedDateTime start = switch (i % 3) {
                case 0 -> now.plus(Duration.ofHours(20)).atZone(day);
                case 1 -> quarter.plus(Duration.ofHours(26)).plus(Duration.ofMinutes(15L * (i % 4))).atZone(day);
                default -> now.plus(Duration.ofDays(1)).atZone(night);
            };
            String location = i % 3 == 2 ? "Night Clinic" : "Day Clinic";
            h.append(Visits.event(org.callbridge.appointment.EventKind.NEW, id, patient, start, location));
        }
    }

    @AfterEach
    void close() {
        h.close();
    }

    private void runUntilSettled(PostingEngine engine) {
        await().atMost(Duration.ofSeconds(45)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5)).until(() -> {
            engine.planning().run();
            runs.add(engine.posting().run());
            return h.settled();
        });
    }

    private int total(java.util.function.ToIntFunction<PostingSummary> count) {
        return runs.stream().mapToInt(count).sum();
    }

    private void assertGuarantees(Clinic clinic) {
        CallChecks.everyAppointmentCalledExactlyOnce(clinic, appointmentIds);
        CallChecks.noCallOutsideCallingHours(clinic.simulator().calls());
        assertThat(clinic.simulator().calls()).filteredOn(c -> c.scheduledAt() != null).isNotEmpty();
        assertThat(h.calls.callsInState(org.callbridge.store.CallState.POSTED)).hasSize(APPOINTMENTS);
    }

    @Test
    void server_errors_are_retried_and_parked_batches_posted_later_without_a_duplicate() {
        try (Clinic clinic = Clinic.start(PATIENTS, 0.05, "{\"errorRate\": 0.5, \"seed\": 11}")) {
            ScriptedApi api = new ScriptedApi(clinic.api());
            settings.put(Keys.POST_RETRY_MAX_ATTEMPTS.key(), "2");

            runUntilSettled(h.engine(api, settings));

            assertGuarantees(clinic);
            assertThat(api.posts.get()).isGreaterThan(clinic.simulator().campaigns().size());
            assertThat(total(PostingSummary::batchesParked)).isPositive();
            assertThat(total(PostingSummary::unparked)).isEqualTo(total(PostingSummary::batchesParked));
        }
    }

    @Test
    void throttling_is_waited_out_without_a_duplicate() {
        try (Clinic clinic = Clinic.start(PATIENTS, 0.05, "{\"throttleRate\": 0.3, \"retryAfterSeconds\": 1, \"seed\": 12}")) {
            ScriptedApi api = new ScriptedApi(clinic.api());

            runUntilSettled(h.engine(api, settings));

            assertGuarantees(clinic);
            assertThat(api.posts.get()).isGreaterThan(clinic.simulator().campaigns().size());
        }
    }

    @Test
    void lost_answers_are_found_by_name_and_adopted_without_a_duplicate() {
        try (Clinic clinic = Clinic.start(PATIENTS, 0.05, "{\"ambiguousRate\": 0.3, \"seed\": 13}")) {
            runUntilSettled(h.engine(clinic.api(), settings));

            assertGuarantees(clinic);
            assertThat(total(PostingSummary::batchesAdopted)).isPositive();
        }
    }

    @Test
    void posts_that_time_out_are_parked_then_adopted_once_the_api_answers_in_time() {
        try (Clinic clinic = Clinic.start(PATIENTS, 0.05, "{\"latencyMillis\": 150}")) {
            PostingEngine impatient = h.engine(clinic.api(Duration.ofMillis(50)), settings);
            impatient.planning().run();
            PostingSummary timedOut = impatient.posting().run();
            settings.put(Keys.BATCH_SETTLE_TIME.key(), "PT1S");

            runUntilSettled(h.engine(clinic.api(Duration.ofSeconds(5)), settings));

            assertThat(timedOut.batchesParked()).isPositive();
            assertThat(timedOut.callsPosted()).isZero();
            assertGuarantees(clinic);
            assertThat(total(PostingSummary::batchesAdopted)).isPositive();
        }
    }

    @Test
    void every_fault_at_once_still_gives_one_call_per_appointment() {
        try (Clinic clinic = Clinic.start(PATIENTS, 0.05, "{\"errorRate\": 0.1, \"throttleRate\": 0.1,"
                + " \"retryAfterSeconds\": 1, \"ambiguousRate\": 0.15, \"latencyMillis\": 10, \"seed\": 14}")) {
            ScriptedApi api = new ScriptedApi(clinic.api(Duration.ofSeconds(2)));

            runUntilSettled(h.engine(api, settings));

            assertGuarantees(clinic);
            assertThat(api.posts.get()).isGreaterThan(clinic.simulator().campaigns().size());
        }
    }
}
