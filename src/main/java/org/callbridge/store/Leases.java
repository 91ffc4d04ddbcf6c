package org.callbridge.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Named, expiring leases: the seam for electing one poller or poster among instances sharing a
 * database. Expiry uses this instance's clock, so hosts need synchronised clocks and a ttl well
 * above their skew; the holder renews before the ttl runs out.
 */
public final class Leases {
    private final Database db;
    private final Clock clock;

    public Leases(Database db) {
        this(db, Clock.systemUTC());
    }

    public Leases(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Takes the lease if it is free, expired or already ours (then renewed) until now + ttl; false if another owner holds it. */
    public boolean tryAcquire(String name, String owner, Duration ttl) {
        return db.inTransaction(c -> {
            Instant now = clock.instant();
            Instant until = now.plus(ttl);
            int updated = Sql.update(c, "UPDATE lease SET acquired_at = CASE WHEN owner = ? THEN acquired_at ELSE ? END,"
                    + " owner = ?, expires_at = ? WHERE name = ? AND (owner = ? OR expires_at <= ?)",
                    owner, now, owner, until, name, owner, now);
            if (updated == 1) {
                return true;
            }
            // no row yet, or held by another: whoever inserts first wins
            return Sql.unlessDuplicate(c, x -> Sql.update(x, "INSERT INTO lease (name, owner, acquired_at, expires_at)"
                    + " VALUES (?, ?, ?, ?)", name, owner, now, until)).isPresent();
        });
    }

    /** Gives the lease up if this owner holds it; true if it did. */
    public boolean release(String name, String owner) {
        return db.inTransaction(c -> Sql.update(c, "DELETE FROM lease WHERE name = ? AND owner = ?", name, owner) == 1);
    }

    /** The current holder, if the lease exists and has not expired. */
    public Optional<Lease> holder(String name) {
        Instant now = clock.instant();
        return db.inTransaction(c -> Sql.one(c, "SELECT name, owner, acquired_at, expires_at FROM lease"
                + " WHERE name = ? AND expires_at > ?", rs -> new Lease(rs.getString("name"), rs.getString("owner"),
                Sql.instant(rs, "acquired_at"), Sql.instant(rs, "expires_at")), name, now));
    }
}
