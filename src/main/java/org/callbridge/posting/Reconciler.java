package org.callbridge.posting;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start-up reconciliation: before the first posting cycle, every batch a stopped or killed process left behind is
 * settled. SENDING batches (a POST may have reached the Calls API, a crash between the POST and its commit
 * included) are looked up by name and adopted, or posted again if absent; OPEN batches are posted. So a restart
 * at any point never posts a batch twice.
 */
public final class Reconciler {
    private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);

    private final PendingBatches pending;
    private final boolean dryRun;

    Reconciler(PendingBatches pending, boolean dryRun) {
        this.pending = pending;
        this.dryRun = dryRun;
    }

    /** Settles the batches left OPEN or SENDING; in dry-run mode nothing is looked up or posted. */
    public PostingSummary reconcileOnStartup() {
        PostingSummary.Tally tally = new PostingSummary.Tally();
        if (dryRun) {
            LOG.info("start-up reconciliation skipped: dry run");
            return tally.summary();
        }
        int unfinished = pending.resolve(tally);
        PostingSummary summary = tally.summary();
        LOG.info("start-up reconciliation: {} unfinished batch(es); {}", unfinished, summary);
        return summary;
    }
}
