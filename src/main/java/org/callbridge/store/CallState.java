package org.callbridge.store;

import java.util.EnumSet;
import java.util.Set;

/** Where a planned call stands. PENDING, BATCHED and SENDING are live: at most one per appointment. */
public enum CallState {
    /** Planned, waiting to become due. */
    PENDING,
    /** Claimed into an OPEN batch; can still be withdrawn locally. */
    BATCHED,
    /** Its batch is being posted: it may already exist at the Calls API. */
    SENDING,
    /** The Calls API returned a call id for it. */
    POSTED,
    /** Withdrawn before posting (appointment cancelled). */
    CANCELLED,
    /** The planner decided not to call (past, too late, outside the rules); the reason says why. */
    SKIPPED,
    /** The Calls API refused this patient; the reason is the API's. */
    REJECTED,
    /** Posted, then hung up after a cancellation. */
    WITHDRAWN,
    /**
     * Posted, and its appointment cancelled or moved, while the call could not be hung up yet (queued or scheduled at
     * the API, which hangs up only initiating, dialing and in-progress calls): watched, and hung up as soon as it
     * starts.
     */
    WITHDRAWING,
    /** Posted, and a cancellation came too late to hang it up. */
    NOT_WITHDRAWN,
    /** Replaced before posting by a call planned from a newer event of the appointment. */
    SUPERSEDED;

    private static final Set<CallState> LIVE = EnumSet.of(PENDING, BATCHED, SENDING);

    public boolean isLive() {
        return LIVE.contains(this);
    }
}
