package org.callbridge.posting;

/**
 * Counts of one posting cycle or start-up reconciliation, for logs and metrics.
 *
 * @param unparked       parked batches put back to be tried again
 * @param batchesPosted  batches the Calls API accepted in this run
 * @param batchesAdopted batches found at the Calls API by name and taken over instead of posting again
 * @param batchesParked  batches parked (kept for a later retry)
 * @param batchesFailed  batches whose every patient was refused
 * @param callsPosted    calls that got a call id (posted or adopted)
 * @param callsRejected  calls the Calls API refused, each with its reason
 * @param callsRequeued  calls taken out of a batch to wait (window closed, patient twice in a batch)
 * @param callsWithdrawn calls dropped before posting because a newer event of their appointment arrived
 * @param dryRunBatches  batches written to files instead of posted
 */
public record PostingSummary(int unparked, int batchesPosted, int batchesAdopted, int batchesParked, int batchesFailed,
                             int callsPosted, int callsRejected, int callsRequeued, int callsWithdrawn,
                             int dryRunBatches) {

    /** Accumulates a summary; not thread-safe (one cycle runs on one thread). */
    static final class Tally {
        private int unparked;
        private int posted;
        private int adopted;
        private int parked;
        private int failed;
        private int callsPosted;
        private int callsRejected;
        private int callsRequeued;
        private int callsWithdrawn;
        private int dryRun;

        void unparked(int n) {
            unparked += n;
        }

        void dryRun(int n) {
            dryRun += n;
        }

        void add(SendResult r) {
            switch (r.outcome()) {
                case POSTED -> posted++;
                case ADOPTED -> adopted++;
                case PARKED -> parked++;
                case FAILED -> failed++;
                default -> { }
            }
            callsPosted += r.posted();
            callsRejected += r.rejected();
            callsRequeued += r.requeued();
            callsWithdrawn += r.withdrawn();
        }

        PostingSummary summary() {
            return new PostingSummary(unparked, posted, adopted, parked, failed, callsPosted, callsRejected,
                    callsRequeued, callsWithdrawn, dryRun);
        }
    }
}
