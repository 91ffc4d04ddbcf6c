package org.callbridge.store;

/**
 * The outcome of planning a call for an event.
 *
 * @param id           the planned call (new or earlier), or the live call that blocked planning
 * @param supersededId the pending call this one replaced, or null
 */
public record PlanResult(Outcome outcome, long id, Long supersededId) {

    public enum Outcome {
        /** A new PENDING call; any pending call of the appointment was superseded. */
        PLANNED,
        /** The event already had a planned call (or a skip): nothing changed. */
        ALREADY_PLANNED,
        /** The appointment's live call is SENDING; nothing changed, plan again once it is resolved. */
        BLOCKED
    }
}
