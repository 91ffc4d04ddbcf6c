package org.callbridge.store;

/** Where a batch (one Calls API POST) stands. */
public enum BatchState {
    /** Claimed, never posted: safe to post. */
    OPEN,
    /** Committed before every POST: it may exist at the Calls API, so look it up by name before posting again. */
    SENDING,
    /** The Calls API accepted it; every call has its call id. */
    POSTED,
    /** Retries ran out; kept for an operator, its calls stay SENDING (maybe posted). */
    PARKED,
    /** Refused for good; its remaining calls are REJECTED. */
    FAILED,
    /** Every call was withdrawn before sending; nothing to post. */
    EMPTY
}
