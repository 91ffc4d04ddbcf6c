package org.callbridge.posting;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;
import org.callbridge.store.BatchClaim;
import org.callbridge.store.BatchState;
import org.callbridge.store.BatchStore;
import org.callbridge.store.CallBatch;
import org.callbridge.store.CallStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One posting run, for a timer: parked batches whose park-retry has passed are put back; batches left OPEN or
 * SENDING are finished (looked up by name first when they may exist); then due calls are grouped by agent and slot,
 * and each group that must go (see {@link DueGroups}) is claimed into batches that are persisted, then posted. In
 * dry-run mode it only writes the would-be request bodies. Runs on one thread at a time; with several instances on
 * one database, only the holder of a lease should run it.
 */
public final class PostingCycle {
    /** Most due calls read per run; the rest wait for the next. */
    static final int MAX_DUE = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger(PostingCycle.class);

    private final CallStore calls;
    private final BatchStore batches;
    private final DueGroups groups;
    private final BatchNames names;
    private final BatchSender sender;
    private final PendingBatches pending;
    private final DryRunWriter dryRun;
    private final PostingSettings settings;
    private final Clock clock;

    PostingCycle(CallStore calls, BatchStore batches, DueGroups groups, BatchNames names, BatchSender sender,
                 PendingBatches pending, DryRunWriter dryRun, PostingSettings settings, Clock clock) {
        this.calls = calls;
        this.batches = batches;
        this.groups = groups;
        this.names = names;
        this.sender = sender;
        this.pending = pending;
        this.dryRun = dryRun;
        this.settings = settings;
        this.clock = clock;
    }

    /** Claims, posts and records what is due now; returns the counts. */
    public PostingSummary run() {
        Instant now = clock.instant();
        PostingSummary.Tally tally = new PostingSummary.Tally();
        if (settings.dryRun()) {
            tally.dryRun(dryRun.write(now));
            LOG.info("dry run: {} batch(es) written, nothing posted", tally.summary().dryRunBatches());
            return tally.summary();
        }
        Duration parkRetry = settings.parkRetry();
        tally.unparked(unpark(b -> !b.updatedAt().plus(parkRetry).isAfter(now)));
        pending.resolve(tally);
        for (DueGroups.Group group : groups.group(calls.duePending(MAX_DUE), now)) {
            if (groups.ready(group, now)) {
                claimAndSend(group, now, tally);
            }
        }
        PostingSummary summary = tally.summary();
        if (!summary.equals(new PostingSummary.Tally().summary())) {
            LOG.info("posting cycle: {}", summary);
        }
        return summary;
    }

    private int unpark(Predicate<CallBatch> due) {
        int n = 0;
        for (CallBatch batch : batches.batchesIn(BatchState.PARKED)) {
            if (due.test(batch) && batches.unpark(batch.id())) {
                LOG.info("batch {} {}: unparked after {} attempt(s)", batch.id(), batch.name(), batch.attempts());
                n++;
            }
        }
        return n;
    }

    // each claim takes at least one call, so a group needs at most as many batches as it has calls
    private void claimAndSend(DueGroups.Group group, Instant now, PostingSummary.Tally tally) {
        for (int i = 0; i <= group.calls().size(); i++) {
            BatchClaim claim = new BatchClaim(names.newName(group.agentId(), group.slot()), group.agentId(),
                    group.slot(), group.claimFrom(), group.claimUntil(now, settings.scheduleLead()), settings.maxSize());
            Optional<CallBatch> batch = batches.claim(claim);
            if (batch.isEmpty()) {
                return;
            }
            PendingBatches.sendQuietly(sender, batch.get(), tally);
        }
    }
}
