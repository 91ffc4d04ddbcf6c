package org.callbridge.posting;

import java.util.ArrayList;
import java.util.List;
import org.callbridge.store.BatchState;
import org.callbridge.store.BatchStore;
import org.callbridge.store.CallBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finishes every batch a run left unfinished: SENDING ones (maybe at the Calls API) are looked up by name and
 * adopted or posted again; OPEN ones (claimed, never posted) are posted. A failure leaves the batch in its state
 * for the next run.
 */
final class PendingBatches {
    private static final Logger LOG = LoggerFactory.getLogger(PendingBatches.class);

    private final BatchStore batches;
    private final BatchSender sender;

    PendingBatches(BatchStore batches, BatchSender sender) {
        this.batches = batches;
        this.sender = sender;
    }

    /** Sends every SENDING, then every OPEN batch, oldest first; returns how many there were. */
    int resolve(PostingSummary.Tally tally) {
        List<CallBatch> pending = new ArrayList<>(batches.batchesIn(BatchState.SENDING));
        pending.addAll(batches.batchesIn(BatchState.OPEN));
        for (CallBatch batch : pending) {
            sendQuietly(sender, batch, tally);
        }
        return pending.size();
    }

    /** Sends one batch; a failure is logged (no PHI) and leaves the batch as it is for the next run. */
    static void sendQuietly(BatchSender sender, CallBatch batch, PostingSummary.Tally tally) {
        try {
            tally.add(sender.send(batch));
        } catch (RuntimeException e) {
            LOG.error("batch {} {}: left for the next run after {}", batch.id(), batch.name(), e.toString());
        }
    }
}
