package org.callbridge.store;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/** Named instants that survive restarts, such as the results poller's {@code ended_after}. */
public final class Watermarks {
    private final Database db;
    private final Clock clock;

    public Watermarks(Database db) {
        this(db, Clock.systemUTC());
    }

    public Watermarks(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** The stored value, or empty if never set. */
    public Optional<Instant> get(String name) {
        return db.inTransaction(c -> Sql.one(c, "SELECT value_at FROM watermark WHERE name = ?",
                rs -> Sql.instant(rs, "value_at"), name));
    }

    /** Stores the value (microsecond precision), replacing any earlier one; durable when it returns. */
    public void set(String name, Instant value) {
        db.inTransaction(c -> {
            Instant now = clock.instant();
            if (Sql.update(c, "UPDATE watermark SET value_at = ?, updated_at = ? WHERE name = ?", value, now, name) == 0) {
                // another instance created it first: run again, this time as an update
                Sql.unlessDuplicate(c, x -> Sql.update(x, "INSERT INTO watermark (name, value_at, updated_at)"
                        + " VALUES (?, ?, ?)", name, value, now))
                        .orElseThrow(() -> new SQLException("watermark created concurrently", Database.RETRY_STATE));
            }
            return null;
        });
    }
}
