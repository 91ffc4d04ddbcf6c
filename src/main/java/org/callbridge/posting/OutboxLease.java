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
 * must outlast the longest cycle (retries included), so that a live holder never loses it mid-cycle.
 */
public final class OutboxLease {
    public static final String NAME = "outbox-to-calls-api";
    private static final Logger LOG = LoggerFactory.getLogger(OutboxLease.class);

    private final Leases leases;
    private final String owner;
    private final Duration ttl;
    private final AtomicBoolean held = new AtomicBoolean();
    private volatile boolean told;

    public OutboxLease(Leases leases, String owner, Duration ttl) {
        this.leases = leases;
        this.owner = owner;
        this.ttl = ttl;
    }

    /** Takes or renews the lease; true when this instance may plan and post now. */
    public boolean hold() {
        boolean now = leases.tryAcquire(NAME, owner, ttl);
        if (now != held.getAndSet(now) || !told) {
            told = true;
            if (now) {
                LOG.info("instance {} holds the outbox lease: it plans and posts", owner);
            } else {
                LOG.info("another instance holds the outbox lease: instance {} does not plan or post", owner);
            }
        }
        return now;
    }

    /** Gives the lease up if this instance holds it, so that another can take over at once. */
    public void release() {
        if (held.getAndSet(false)) {
            leases.release(NAME, owner);
            LOG.info("instance {} gave the outbox lease up", owner);
        }
    }
}
