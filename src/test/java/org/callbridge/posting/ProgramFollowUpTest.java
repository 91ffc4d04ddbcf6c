package org.callbridge.posting;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.callbridge.appointment.EventKind;
import org.callbridge.config.Keys;
import org.callbridge.outcome.Outcome;
import org.callbridge.store.CallState;
import org.callbridge.store.PlannedCall;
import org.callbridge.store.ResultStore;
import org.callbridge.testing.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reminder program keeps going, or stops, as it should when events, retries and posting overlap: a same-time update
 * while a touchpoint is out, a retry that took the next touchpoint's place, a no-show follow-up under the caps. The
 * posting is played by hand (calls marked posted, results recorded), so each step is exact.
 */
class ProgramFollowUpTest {
    @TempDir
    Path dir;
    private final ManualClock clock = new ManualClock(at("2030-03-11T10:00"));
    private Harness h;
    private ResultStore results;
    private int callIds;

    @BeforeEach
    void open() {
        h = new Harness(dir, clock);
        results = new ResultStore(h.db, clock);
    }

    @AfterEach
    void close() {
        h.close();
    }

    static Instant at(String local) {
        return ny(local).toInstant();
    }

    static ZonedDateTime ny(String local) {
        return LocalDateTime.parse(local).atZone(Harness.NEW_YORK);
    }

    private PostingEngine engine(Map<String, String> extra) {
        Map<String, String> o = new HashMap<>(extra);
        return h.engine(new NoApi(), o);
    }

    /** Pretends the posting engine posted this planned call: POSTED with a call id. */
    private String post(long plannedCallId) {
        String callId = "call-" + (++callIds);
        h.db.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE planned_call SET state = 'POSTED', live_key = NULL, call_id = ? WHERE id = ?")) {
                s.setString(1, callId);
                s.setLong(2, plannedCallId);
                s.executeUpdate();
            }
            return null;
        });
        return callId;
    }

    private void ended(String callId, String status, Outcome outcome) {
        results.recordResult(callId, status, clock.instant(), "{}", null, List.of(), outcome);
    }

    /** An update for the same time while touchpoint 0 is out carries the program on: touchpoint 1 still comes. */
    @Test
    void a_modify_while_a_touchpoint_is_posted_must_not_stop_the_later_touchpoints() {
        PostingEngine engine = engine(Map.of(Keys.REMINDER_OFFSETS.key(), "P1D,PT2H"));
        h.append(Visits.booked("M1", Clinic.patient(1), ny("2030-03-19T11:00")));
        engine.planning().run();
        PlannedCall tp0 = h.live("M1");
        clock.set(at("2030-03-18T11:00"));
        String call = post(tp0.id());
        // the EHR sends an S14 for the same start (provider changed)
        h.append(Visits.event(EventKind.MODIFY, "M1", Clinic.patient(1), ny("2030-03-19T11:00"), "Main Campus", "Dr. Other"));
        engine.planning().run();
        ended(call, "completed", Outcome.REACHED);
        engine.planning().run();
        clock.set(at("2030-03-19T08:30"));
        engine.planning().run();
        assertThat(h.calls.liveCall("hl7|M1")).as("touchpoint 1 (PT2H) is planned").isPresent();
    }

    /** The next touchpoint, planned while the call before it was out, is not given up for that call's retry. */
    @Test
    void the_next_touchpoint_already_planned_is_kept_and_a_retry_does_not_replace_it() {
        PostingEngine engine = engine(Map.of(Keys.REMINDER_OFFSETS.key(), "P1D,PT2H", Keys.RETRY_UNREACHED.key(), "PT1H",
                "callbridge.post-ahead", "PT24H"));
        h.append(Visits.booked("R1", Clinic.patient(2), ny("2030-03-19T15:00")));
        engine.planning().run();
        clock.set(at("2030-03-17T15:00"));
        String first = post(h.live("R1").id());           // tp0 posted ahead, scheduled for 03-18 15:00
        clock.set(at("2030-03-18T13:00"));
        engine.planning().run();                          // tp0 still open: tp1 goes ahead (PENDING, posting delayed)
        assertThat(h.live("R1").callAt()).isEqualTo(at("2030-03-19T13:00"));
        clock.set(at("2030-03-18T15:05"));
        ended(first, "failed", Outcome.UNREACHED);
        engine.planning().run();

        assertThat(h.live("R1").callAt()).as("touchpoint 1 stays as planned").isEqualTo(at("2030-03-19T13:00"));
        assertThat(h.callsOf("R1")).filteredOn(c -> c.state() == CallState.SKIPPED)
                .extracting(PlannedCall::reason).containsExactly("the next touchpoint is already planned");
        assertThat(h.callsOf("R1")).noneMatch(c -> c.state() == CallState.SUPERSEDED);
    }

    /** A no-show follow-up counts under the contact caps like any call. */
    @Test
    void a_no_show_follow_up_respects_the_daily_cap() {
        PostingEngine engine = engine(Map.of(Keys.REMINDER_OFFSETS.key(), "PT2H", Keys.CAPS_PER_DAY.key(), "1",
                Keys.NOSHOW_AGENT_ID.key(), "a9000000-0000-4000-8000-0000000000e9"));
        h.append(Visits.booked("N1", Clinic.patient(4), ny("2030-03-11T15:00")));
        engine.planning().run();
        clock.set(at("2030-03-11T13:00"));
        post(h.live("N1").id());
        clock.set(at("2030-03-11T15:30"));
        h.append(Visits.event(EventKind.NO_SHOW, "N1", Clinic.patient(4), ny("2030-03-11T15:00")));
        engine.planning().run();

        assertThat(h.calls.liveCall("hl7|N1")).hasValueSatisfying(c ->
                assertThat(c.callAt().atZone(Harness.NEW_YORK).toLocalDate()).as("second call the same day")
                        .isNotEqualTo(ny("2030-03-11T15:30").toLocalDate()));
    }
}
