package org.callbridge.planning;

import java.time.Instant;

/** What the calling policy says to do with one appointment event: call, skip with a reason, or withdraw. */
public sealed interface Decision permits Decision.Call, Decision.Skip, Decision.Withdraw {

    /**
     * Place a call.
     *
     * @param callAt  when the call should start; equals {@code now} when due now
     * @param dueNow  post at once without {@code scheduledAt}
     * @param postNow post now (with {@code scheduledAt = callAt} unless due now); false: keep it locally until
     *                it comes within the post-ahead horizon
     * @param flow    reminder or no-show follow-up
     * @param agentId the agent to use, or null when no reminder agent is configured in the policy settings
     */
    record Call(Instant callAt, boolean dueNow, boolean postNow, CallFlow flow, String agentId) implements Decision {

        /** The {@code scheduledAt} to post: null when due now, else the call time. */
        public Instant scheduledAt() {
            return dueNow ? null : callAt;
        }
    }

    /** Place no call; the reason is a short sentence without PHI, fit for the record. */
    record Skip(String reason) implements Decision {
    }

    /** Remove any pending call for the appointment (and hang up or record one already posted). */
    record Withdraw(String reason) implements Decision {
    }
}
