package org.callbridge.planning;


/**
 * Counts of one planning cycle, for logs and metrics.
 *
 * @param events         events read
 * @param planned        calls planned (a reschedule's call included)
 * @param skipped        events that get no call, with the reason recorded
 * @param withdrawals    cancel and delete events applied
 * @param pendingRemoved calls removed before posting (cancelled or replaced)
 * @param hungUp         posted calls hung up
 * @param notWithdrawn   posted calls that could not be hung up (NOT_WITHDRAWN, see the alerts report)
 * @param deferred       events kept for the next cycle (their appointment's call is being sent, or the API failed)
 * @param withdrawing    posted calls that have not started yet, to be hung up as soon as they do (WITHDRAWING)
 */
public record PlanningSummary(int events, int planned, int skipped, int withdrawals, int pendingRemoved, int hungUp,
                              int notWithdrawn, int deferred, int withdrawing) {

    /** Accumulates a summary; not thread-safe (one cycle runs on one thread). */
    static final class Tally {
        private int events;
        private int planned;
        private int skipped;
        private int withdrawals;
        private int pendingRemoved;
        private int hungUp;
        private int notWithdrawn;
        private int deferred;
        private int withdrawing;

        void event() {
            events++;
        }

        void planned() {
            planned++;
        }

        void skipped() {
            skipped++;
        }

        void withdrawal() {
            withdrawals++;
        }

        void pendingRemoved() {
            pendingRemoved++;
        }

        void withdrawn(PostedCallWithdrawer.Result result) {
            if (result == PostedCallWithdrawer.Result.HUNG_UP) {
                hungUp++;
            } else if (result == PostedCallWithdrawer.Result.NOT_WITHDRAWN) {
                notWithdrawn++;
            } else {
                withdrawing++;
            }
        }

        void deferred() {
            deferred++;
        }

        PlanningSummary summary() {
            return new PlanningSummary(events, planned, skipped, withdrawals, pendingRemoved, hungUp, notWithdrawn,
                    deferred, withdrawing);
        }
    }
}
