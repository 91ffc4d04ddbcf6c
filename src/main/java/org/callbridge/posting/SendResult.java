package org.callbridge.posting;

/**
 * What became of one batch in one attempt to send it.
 *
 * @param posted    calls that now have a call id (posted or adopted)
 * @param rejected  calls the Calls API refused
 * @param requeued  calls taken back to wait (window closed, or their patient already in the batch)
 * @param withdrawn calls dropped before posting because a newer event of their appointment arrived
 */
record SendResult(Outcome outcome, int posted, int rejected, int requeued, int withdrawn) {

    enum Outcome {
        /** POSTED with the Calls API's answer. */
        POSTED,
        /** Found at the Calls API by name and its calls taken over: nothing was posted again. */
        ADOPTED,
        /** Kept for a later retry; its calls stay live. */
        PARKED,
        /** Sent without an answer and not (yet) at the Calls API: left SENDING, looked up again next cycle. */
        WAITING,
        /** Every call was refused; nothing left to post. */
        FAILED,
        /** No call left to post. */
        EMPTY,
        /** Not in a state this attempt may send (e.g. posted meanwhile). */
        SKIPPED
    }

    static SendResult of(Outcome outcome) {
        return new SendResult(outcome, 0, 0, 0, 0);
    }

    SendResult withPrepared(int requeuedCalls, int withdrawnCalls) {
        return new SendResult(outcome, posted, rejected, requeued + requeuedCalls, withdrawn + withdrawnCalls);
    }

    SendResult withRejected(int more) {
        return new SendResult(outcome, posted, rejected + more, requeued, withdrawn);
    }
}
