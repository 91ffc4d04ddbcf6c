package org.callbridge.posting;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.callbridge.store.Leases;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which instance plans and posts when several share one database: the holder of the
 * {@value #NAME} lease. Each cycle asks {@link #hold()} first, which takes or renews the lease for
 * the ttl; an instance that stops cleanly gives it up, one that dies leaves it to expire. The ttl
 * must outlast the longest cycle (retries included), so that a live holder never loses it mid-cycle. Each time
 * this instance takes the lease it did not hold, it first runs {@code onTaken} (start-up reconciliation: the
 * batches the previous holder left in flight are settled before anything is posted).
 */
public final class OutboxLease {
    public static final String NAME = "outbox-to-calls-api";
    private static final Logger LOG = LoggerFactory.getLogger(OutboxLease.class);

    private final Leases leases;
    private final String owner;
    private final Duration ttl;
    private final AtomicBoolean held = new AtomicBoolean();
    private volatile boolean told;

    private final Runnable onTaken;

    public OutboxLease(Leases leases, String owner, Duration ttl) {
        this(leases, owner, ttl, () -> { });
    }

    public OutboxLease(Leases leases, String owner, Duration ttl, Runnable onTaken) {
        this.leases = leases;
        this.owner = owner;
        this.ttl = ttl;
        this.onTaken = onTaken;
    }

    /** Takes or renews the lease; true when this instance may plan and post now. */
    public boolean hold() {
        Leases.Acquired acquired = leases.acquire(NAME, owner, ttl);
        boolean now = acquired.ours();
        boolean before = held.getAndSet(now);
        if (now != before || !told) {
            told = true;
            if (now) {
                LOG.info("instance {} holds the outbox lease: it plans and posts", owner);
            } else {
                LOG.info("another instance holds the outbox lease: instance {} does not plan or post", owner);
            }
        }
        // taken from another holder (or from nobody), or ours from a previous run of this instance
        if (acquired == Leases.Acquired.TAKEN || now && !before) {
            try {
                onTaken.run();
            } catch (RuntimeException e) {
                // not settled: the next cycle takes the lease as new and tries again
                held.set(false);
                throw e;
            }
        }
        return now;
    }

    /** True when this instance held the lease at its last {@link #hold()}: for work that follows the cycles' holder. */
    public boolean holds() {
        return held.get();
    }

    /** Gives the lease up if this instance holds it, so that another can take over at once. */
    public void release() {
        if (held.getAndSet(false)) {
            leases.release(NAME, owner);
            LOG.info("instance {} gave the outbox lease up", owner);
        }
    }
}
