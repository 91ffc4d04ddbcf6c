package org.callbridge.posting;

import org.callbridge.planning.PlanningSummary;







import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.util.Map;
import org.callbridge.appointment.EventKind;
import org.callbridge.simulator.SimulatedCall;
import org.callbridge.store.CallState;
import org.callbridge.store.EventStore;
import org.callbridge.store.PlannedCall;
import org.callbridge.testing.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Events become planned calls, recorded skips and removals, on a fixed clock. */
public class PlanningCycleTest {
    /** A Tuesday, 11:00 in New York. */
    static final Instant NOW = Instant.parse("2030-03-12T15:00:00Z");

    @TempDir
    Path dir;
    private Harness h;

    @BeforeEach
    void open() {
        h = new Harness(dir, new ManualClock(NOW));
    }

    @AfterEach
    void close() {
        h.close();
    }

    static ZonedDateTime newYork(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(Harness.NEW_YORK);
    }

    @Test
    void a_booked_appointment_becomes_a_pending_call_at_its_reminder_time() {
        PostingEngine engine = h.engine(new NoApi());
        h.append(Visits.booked("A1", Clinic.patient(1), newYork("2030-03-13T14:00")));

        PlanningSummary summary = engine.planning().run();

        assertThat(summary.planned()).isOne();
        PlannedCall call = h.live("A1");
        assertThat(call.state()).isEqualTo(CallState.PENDING);
        assertThat(call.callAt()).isEqualTo(Instant.parse("2030-03-12T18:00:00Z"));
        assertThat(call.dueAt()).isEqualTo(Instant.parse("2030-03-12T06:00:00Z"));
        assertThat(call.agentId()).isEqualTo(Clinic.AGENT);
        assertThat(call.patientId()).isEqualTo(Clinic.patient(1));
        assertThat(call.extendedJson()).contains("\"start_time\":\"March 13, 2030 at 2:00 PM\"")
                .contains("\"appointment_id\":\"A1\"").contains("\"timezone\":\"America/New_York\"");
    }

    @Test
    void an_appointment_due_for_its_reminder_already_is_due_now() {
        PostingEngine engine = h.engine(new NoApi());
        h.append(Visits.booked("A1", Clinic.patient(1), newYork("2030-03-13T09:30")));

        engine.planning().run();

        assertThat(h.live("A1").callAt()).isEqualTo(NOW);
        assertThat(h.live("A1").dueAt()).isEqualTo(NOW);
    }

    @Test
    void appointments_that_cannot_be_reminded_are_skipped_with_the_reason_recorded() {
        PostingEngine engine = h.engine(new NoApi());
        long past = h.append(Visits.booked("P1", Clinic.patient(1), newYork("2030-03-12T09:00")));
        long soon = h.append(Visits.booked("S1", Clinic.patient(2), newYork("2030-03-12T11:30")));

        PlanningSummary summary = engine.planning().run();

        assertThat(summary.skipped()).isEqualTo(2);
        assertThat(h.callsOf("P1")).singleElement().satisfies(c -> {
            assertThat(c.state()).isEqualTo(CallState.SKIPPED);
            assertThat(c.reason()).isEqualTo("appointment already started or past");
        });
        assertThat(h.callsOf("S1")).singleElement().extracting(PlannedCall::reason).isEqualTo("too late to remind");
        assertThat(h.events.find(past).orElseThrow().state()).isEqualTo(EventStore.SKIPPED);
        assertThat(h.events.find(soon).orElseThrow().stateReason()).isEqualTo("too late to remind");
    }

    @Test
    void a_cancel_before_posting_removes_the_pending_call() {
        PostingEngine engine = h.engine(new NoApi());
        h.append(Visits.booked("A1", Clinic.patient(1), newYork("2030-03-13T14:00")));
        engine.planning().run();
        long pending = h.live("A1").id();
        long cancel = h.append(Visits.event(EventKind.CANCEL, "A1", Clinic.patient(1), newYork("2030-03-13T14:00")));

        PlanningSummary summary = engine.planning().run();

        assertThat(summary.withdrawals()).isOne();
        assertThat(summary.pendingRemoved()).isOne();
        assertThat(h.calls.find(pending).orElseThrow()).satisfies(c -> {
            assertThat(c.state()).isEqualTo(CallState.CANCELLED);
            assertThat(c.reason()).startsWith("appointment cancelled");
        });
        assertThat(h.calls.liveCall("hl7|A1")).isEmpty();
        assertThat(h.events.find(cancel).orElseThrow().stateReason()).isEqualTo("appointment cancelled");
    }

    @Test
    void a_reschedule_replaces_the_pending_call() {
        PostingEngine engine = h.engine(new NoApi());
        h.append(Visits.booked("A1", Clinic.patient(1), newYork("2030-03-13T14:00")));
        engine.planning().run();
        long first = h.live("A1").id();
        h.append(Visits.event(EventKind.RESCHEDULE, "A1", Clinic.patient(1), newYork("2030-03-13T16:00")));

        engine.planning().run();

        assertThat(h.calls.find(first).orElseThrow().state()).isEqualTo(CallState.SUPERSEDED);
        assertThat(h.live("A1").callAt()).isEqualTo(Instant.parse("2030-03-12T20:00:00Z"));
        assertThat(h.callsOf("A1")).filteredOn(c -> c.state().isLive()).hasSize(1);
    }

    @Test
    void a_no_show_removes_the_pending_reminder_and_calls_nobody_without_a_no_show_agent() {
        PostingEngine engine = h.engine(new NoApi());
        h.append(Visits.booked("A1", Clinic.patient(1), newYork("2030-03-13T14:00")));
        engine.planning().run();
        long reminder = h.live("A1").id();
        long noShow = h.append(Visits.event(EventKind.NO_SHOW, "A1", Clinic.patient(1), newYork("2030-03-13T14:00")));

        engine.planning().run();

        assertThat(h.calls.find(reminder).orElseThrow().state()).isEqualTo(CallState.CANCELLED);
        assertThat(h.calls.liveCall("hl7|A1")).isEmpty();
        assertThat(h.events.find(noShow).orElseThrow().stateReason()).isEqualTo("no-show: no reminder");
    }

    @Test
    void a_no_show_is_followed_up_by_the_no_show_agent_when_one_is_configured() {
        try (Clinic clinic = Clinic.start(5, 0.05)) {
            PostingEngine engine = h.engine(clinic.api(), Map.of("callbridge.noshow.agent-id", Clinic.NO_SHOW_AGENT));
            h.append(Visits.booked("A1", Clinic.patient(1), newYork("2030-03-13T14:00")));
            engine.planning().run();
            long reminder = h.live("A1").id();
            h.append(Visits.event(EventKind.NO_SHOW, "A1", Clinic.patient(1), newYork("2030-03-13T14:00")));

            engine.planning().run();
            PlannedCall followUp = h.live("A1");
            engine.posting().run();

            assertThat(h.calls.find(reminder).orElseThrow().state()).isEqualTo(CallState.SUPERSEDED);
            assertThat(followUp.agentId()).isEqualTo(Clinic.NO_SHOW_AGENT);
            assertThat(clinic.simulator().calls()).singleElement().extracting(SimulatedCall::agentId)
                    .isEqualTo(Clinic.NO_SHOW_AGENT);
            assertThat(clinic.simulator().campaigns()).singleElement().satisfies(c ->
                    assertThat(c.name()).startsWith("callbridge-noshow-now-"));
        }
    }
}
