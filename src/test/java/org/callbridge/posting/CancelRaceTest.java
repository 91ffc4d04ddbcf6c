package org.callbridge.posting;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Collectors;
import org.callbridge.appointment.EventKind;
import org.callbridge.simulator.SimulatedCall;
import org.callbridge.store.CallState;
import org.callbridge.store.PlannedCall;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cancels racing calls posted ahead, on the real clock against the simulator: each appointment's call is posted
 * with a {@code scheduledAt} a few seconds ahead (so it sits queued at the API, where it cannot be hung up), and
 * its cancel arrives at a random moment, from before the post to after the call ended. Whatever the moment, no call
 * completes after a cancel that arrived before its scheduled time, and a call that completed before its cancel could
 * be acted on is reported NOT_WITHDRAWN for the alerts.
 */
class CancelRaceTest {
    /** Calls are set to start this far ahead of the booking, one after another. */
    private static final Duration FIRST_CALL = Duration.ofSeconds(6);
    private static final Duration BETWEEN_CALLS = Duration.ofMillis(600);
    private static final int APPOINTMENTS = 20;

    @TempDir
    Path dir;

    /** One appointment of the run: when its call is set to start, and when its cancel arrives (null: with the booking). */
    private record Trial(String appointmentId, String patientId, Instant callAt, Instant cancelAt) {
        boolean cancelledBeforeItsTime() {
            return cancelAt == null || cancelAt.isBefore(callAt);
        }
    }

    /** A zone where it is now mid-day, so that the 08:00-21:00 calling window is open for the whole run. */
    private static ZoneId daytimeZone() {
        int utcHour = ZonedDateTime.now(ZoneOffset.UTC).getHour();
        int offset = 14 - utcHour;
        if (offset > 14) {
            offset -= 24;
        } else if (offset < -12) {
            offset += 24;
        }
        return ZoneOffset.ofHours(offset);
    }

    @Test
    void no_call_completes_after_a_cancel_that_arrived_before_its_scheduled_time() throws Exception {
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        ZoneId zone = daytimeZone();
        try (Clinic clinic = Clinic.start(APPOINTMENTS + 1, Clinic.timing(1.0, 2.0), "{}");
             Harness h = new Harness(dir, Clock.systemUTC())) {
            PostingEngine engine = h.engine(clinic.api(), Map.of(
                    "callbridge.post-ahead", "PT5M",
                    "callbridge.batch.schedule-lead", "PT2S",
                    "callbridge.timezone", zone.getId(),
                    "callbridge.reminder.offset", "PT1H",
                    "callbridge.reminder.min-lead", "PT1H"));
            Instant booked = Instant.now();
            List<Trial> trials = new ArrayList<>();
            for (int i = 0; i < APPOINTMENTS; i++) {
                Instant callAt = booked.plus(FIRST_CALL).plus(BETWEEN_CALLS.multipliedBy(i));
                // from 5 s before the call's time to 7 s after (it ends 5.5 s after it starts); two arrive with the booking
                Instant cancelAt = i < 2 ? null : callAt.plusMillis(random.nextInt(12_000) - 5_000);
                trials.add(new Trial("RACE-" + i, Clinic.patient(i), callAt, cancelAt));
            }
            for (Trial t : trials) {
                h.append(Visits.booked(t.appointmentId(), t.patientId(), t.callAt().plus(Duration.ofHours(1)).atZone(zone)));
                if (t.cancelAt() == null) {
                    h.append(cancel(t, zone));
                }
            }

            List<Trial> toCancel = new ArrayList<>(trials.stream().filter(t -> t.cancelAt() != null).toList());
            Instant end = trials.get(trials.size() - 1).callAt().plusSeconds(12);
            while (Instant.now().isBefore(end)) {
                for (Trial t : new ArrayList<>(toCancel)) {
                    if (!Instant.now().isBefore(t.cancelAt())) {
                        h.append(cancel(t, zone));
                        toCancel.remove(t);
                    }
                }
                // the three timers of the application, here on one thread
                engine.planning().run();
                engine.posting().run();
                engine.withdrawals().run();
                Thread.sleep(100);
            }

            Map<String, List<SimulatedCall>> byPatient = clinic.simulator().calls().stream()
                    .collect(Collectors.groupingBy(SimulatedCall::patientId));
            List<String> report = new ArrayList<>();
            int postedAhead = 0;
            int hungUpBeforeTheirTime = 0;
            for (Trial t : trials) {
                List<SimulatedCall> calls = byPatient.getOrDefault(t.patientId(), List.of());
                Optional<PlannedCall> planned = h.callsOf(t.appointmentId()).stream()
                        .filter(c -> c.state() != CallState.SKIPPED).findFirst();
                String where = "seed " + seed + ", " + t.appointmentId() + " (cancel " + (t.cancelAt() == null ? "with the"
                        + " booking" : Duration.between(t.callAt(), t.cancelAt()).toMillis() + " ms after its time") + "): "
                        + calls.stream().map(SimulatedCall::status).toList() + " " + planned.map(p -> p.state() + " "
                        + p.reason()).orElse("no call");
                report.add(where);
                assertThat(calls).as(where).hasSizeLessThanOrEqualTo(1);
                if (calls.stream().anyMatch(c -> c.scheduledAt() != null)) {
                    postedAhead++;
                }
                if (t.cancelledBeforeItsTime()) {
                    assertThat(calls).as(where).noneMatch(c -> c.status().equals("completed"));
                    assertThat(planned).as(where).isPresent().get().extracting(PlannedCall::state)
                            .isIn(CallState.CANCELLED, CallState.WITHDRAWN);
                    if (planned.get().state() == CallState.WITHDRAWN) {
                        hungUpBeforeTheirTime++;
                    }
                } else if (calls.stream().anyMatch(c -> c.status().equals("completed"))) {
                    // completed before the cancel could stop it: the alert stays
                    assertThat(planned).as(where).isPresent().get().extracting(PlannedCall::state)
                            .isEqualTo(CallState.NOT_WITHDRAWN);
                    assertThat(engine.alerts().notWithdrawn()).as(where).extracting(PlannedCall::id)
                            .contains(planned.get().id());
                }
            }
            assertThat(engine.alerts().current().withdrawing()).as(String.join("\n", report)).isEmpty();
            // the run covered what it is about: calls posted ahead and hung up although queued when cancelled
            assertThat(postedAhead).as(String.join("\n", report)).isGreaterThanOrEqualTo(APPOINTMENTS / 2);
            assertThat(hungUpBeforeTheirTime).as(String.join("\n", report)).isPositive();
        }
    }

    private static org.callbridge.appointment.AppointmentEvent cancel(Trial t, ZoneId zone) {
        return Visits.event(EventKind.CANCEL, t.appointmentId(), t.patientId(), t.callAt().plus(Duration.ofHours(1)).atZone(zone));
    }
}
