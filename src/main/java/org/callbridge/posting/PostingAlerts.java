package org.callbridge.posting;

import java.util.List;
import org.callbridge.store.BatchState;
import org.callbridge.store.BatchStore;
import org.callbridge.store.CallBatch;
import org.callbridge.store.CallState;
import org.callbridge.store.CallStore;
import org.callbridge.store.EventStore;
import org.callbridge.store.PlannedCall;
import org.callbridge.store.Rejection;

/**
 * The posting side of the rejects and alerts report: what an operator must look at. The planned calls carry
 * their {@code extended} JSON, which holds appointment details: report ids and reasons, never log it.
 */
public final class PostingAlerts {

    /**
     * @param notWithdrawn posted calls whose appointment was cancelled or moved, but which could not be hung up
     * @param rejected     calls the Calls API refused, with its reason
     * @param parked       batches kept for a later retry, with their last error
     * @param unsettled    batches sent without an answer and not yet found or posted again
     * @param withdrawing  posted calls whose appointment was cancelled, waiting to be hung up as soon as the API allows
     * @param conflicts    events refused because their appointment id is already stored for another patient (the
     *                     feed's appointment-id setting is likely wrong), the first {@value #MAX_CONFLICTS}
     */
    public record Alerts(List<PlannedCall> notWithdrawn, List<PlannedCall> rejected, List<CallBatch> parked,
                         List<CallBatch> unsettled, List<PlannedCall> withdrawing, List<Rejection> conflicts) {
    }

    static final int MAX_CONFLICTS = 1_000;

    private final CallStore calls;
    private final BatchStore batches;
    private final EventStore events;

    public PostingAlerts(CallStore calls, BatchStore batches, EventStore events) {
        this.calls = calls;
        this.batches = batches;
        this.events = events;
    }

    /** Calls recorded NOT_WITHDRAWN, oldest first; each reason says why. */
    public List<PlannedCall> notWithdrawn() {
        return calls.callsInState(CallState.NOT_WITHDRAWN);
    }

    /** Everything to report now. */
    public Alerts current() {
        return new Alerts(notWithdrawn(), calls.callsInState(CallState.REJECTED), batches.batchesIn(BatchState.PARKED),
                batches.batchesIn(BatchState.SENDING), calls.callsInState(CallState.WITHDRAWING),
                events.rejections(Rejection.APPOINTMENT_CONFLICT, MAX_CONFLICTS));
    }
}
