package org.callbridge.store;

/** The outcome of withdrawing an appointment's live call locally. */
public record Withdrawal(Outcome outcome, Long plannedCallId) {

    public enum Outcome {
        /** The appointment had no live call. */
        NONE,
        /** A PENDING or BATCHED call was cancelled: it will not be posted. */
        CANCELLED,
        /** The live call is SENDING and may already exist at the Calls API: unchanged. */
        IN_FLIGHT
    }
}
