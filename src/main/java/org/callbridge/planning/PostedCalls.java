package org.callbridge.planning;



import java.time.Instant;
import java.util.function.Predicate;
import org.callbridge.store.CallState;
import org.callbridge.store.CallStore;
import org.callbridge.store.EventStore;
import org.callbridge.store.PlannedCall;

/**
 * An appointment's calls the Calls API already has (POSTED), compared by the appointment start of the event each
 * was planned for: withdrawing those a cancel, a new start or a stopped program makes wrong.
 */
public final class PostedCalls {
    private final CallStore calls;
    private final EventStore events;
    private final PostedCallWithdrawer withdrawer;

    public PostedCalls(CallStore calls, EventStore events, PostedCallWithdrawer withdrawer) {
        this.calls = calls;
        this.events = events;
        this.withdrawer = withdrawer;
    }

    /**
     * Withdraws every posted call of the appointment (a cancel). A call whose end was recorded before the event
     * arrived (an earlier touchpoint) was right when it rang and stays as it is.
     */
    void withdrawAll(String appointmentKey, Instant eventReceivedAt, String why, PlanningSummary.Tally tally) {
        withdraw(appointmentKey, eventReceivedAt, p -> true, why, tally);
    }

    /**
     * Withdraws the posted calls planned for this start that have not ended: the program stopped (the
     * patient answered, opted out or went on a do-not-call list) while a later touchpoint was already out.
     */
    void withdrawOpen(String appointmentKey, Instant start, String why, PlanningSummary.Tally tally) {
        // a call whose end is recorded at all is left alone: the answer may have been recorded after this cycle began
        withdraw(appointmentKey, Instant.MAX, p -> start.equals(startOf(p)), why, tally);
    }

    /** Withdraws the posted calls planned for another start; an unknown start on either side moves nothing. */
    void withdrawMoved(String appointmentKey, Instant eventReceivedAt, Instant newStart, String why,
                       PlanningSummary.Tally tally) {
        withdraw(appointmentKey, eventReceivedAt, p -> {
            Instant postedStart = startOf(p);
            return postedStart != null && newStart != null && !postedStart.equals(newStart);
        }, why, tally);
    }

    private void withdraw(String appointmentKey, Instant eventReceivedAt, Predicate<PlannedCall> which, String why,
                          PlanningSummary.Tally tally) {
        for (PlannedCall posted : calls.callsFor(appointmentKey)) {
            if (posted.state() == CallState.POSTED && which.test(posted)
                    && !calls.endedBefore(posted.id(), eventReceivedAt)) {
                tally.withdrawn(withdrawer.withdraw(posted, why));
            }
        }
    }

    private Instant startOf(PlannedCall posted) {
        return events.find(posted.eventId())
                .map(e -> e.event().start() == null ? null : e.event().start().toInstant())
                .orElse(null);
    }
}
