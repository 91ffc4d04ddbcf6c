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

    /** What {@link #acquire} did. */
    public enum Acquired {
        /** The lease was free, expired, or held by another owner that let it expire: it is ours from now. */
        TAKEN,
        /** It was already ours (expired or not, nobody else held it since): renewed. */
        RENEWED,
        /** Another owner holds it. */
        HELD_BY_ANOTHER;

        public boolean ours() {
            return this != HELD_BY_ANOTHER;
        }
    }

    /** Takes the lease if it is free, expired or already ours (then renewed) until now + ttl; false if another owner holds it. */
    public boolean tryAcquire(String name, String owner, Duration ttl) {
        return acquire(name, owner, ttl).ours();
    }

    /** As {@link #tryAcquire}, saying whether the lease was taken from nobody or another owner, or renewed. */
    public Acquired acquire(String name, String owner, Duration ttl) {
        return db.inTransaction(c -> {
            Instant now = clock.instant();
            Instant until = now.plus(ttl);
            Optional<Lease> current = Sql.one(c, "SELECT name, owner, acquired_at, expires_at FROM lease WHERE name = ?"
                    + " FOR UPDATE", Leases::row, name);
            if (current.isEmpty()) {
                // whoever inserts first wins
                return Sql.unlessDuplicate(c, x -> Sql.update(x, "INSERT INTO lease (name, owner, acquired_at, expires_at)"
                        + " VALUES (?, ?, ?, ?)", name, owner, now, until)).isPresent() ? Acquired.TAKEN : Acquired.HELD_BY_ANOTHER;
            }
            if (current.get().owner().equals(owner)) {
                Sql.update(c, "UPDATE lease SET expires_at = ? WHERE name = ?", until, name);
                return Acquired.RENEWED;
            }
            if (current.get().expiresAt().isAfter(now)) {
                return Acquired.HELD_BY_ANOTHER;
            }
            Sql.update(c, "UPDATE lease SET owner = ?, acquired_at = ?, expires_at = ? WHERE name = ?", owner, now, until, name);
            return Acquired.TAKEN;
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
                + " WHERE name = ? AND expires_at > ?", Leases::row, name, now));
    }

    private static Lease row(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Lease(rs.getString("name"), rs.getString("owner"), Sql.instant(rs, "acquired_at"),
                Sql.instant(rs, "expires_at"));
    }
}
