package org.callbridge.results;

import java.time.Duration;
import org.callbridge.store.Leases;

/**
 * Which instance polls the Calls API for ended calls when several share one database: the holder of the
 * {@value #NAME} lease. Each poll cycle asks {@link #hold()} first, which takes or renews the lease for the ttl; a
 * holder that stops polling leaves it to expire.
 */
public final class ResultsLease {
    public static final String NAME = "results-poller";

    private final Leases leases;
    private final String owner;
    private final Duration ttl;

    public ResultsLease(Leases leases, String owner, Duration ttl) {
        this.leases = leases;
        this.owner = owner;
        this.ttl = ttl;
    }

    /** Takes or renews the lease; true when this instance may poll now. */
    public boolean hold() {
        return leases.tryAcquire(NAME, owner, ttl);
    }
}
