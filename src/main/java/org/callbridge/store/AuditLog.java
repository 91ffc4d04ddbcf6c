package org.callbridge.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Every action a person took in the console or through the ops API: who, what, on which object, when, and what it
 * gave. The text holds ids, states and reasons, never patient data.
 */
public final class AuditLog {
    private final Database db;
    private final Clock clock;

    public AuditLog(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public record Entry(long id, Instant at, String actor, String action, String object, String outcome) {
    }

    public Entry record(String actor, String action, String object, String outcome) {
        return db.inTransaction(c -> {
            Instant now = clock.instant();
            String text = Sql.errorText(outcome);
            long id = Sql.insert(c, "INSERT INTO audit (at, actor, action, object, outcome) VALUES (?, ?, ?, ?, ?)", now,
                    actor, action, object, text);
            return new Entry(id, now, actor, action, object, text);
        });
    }

    /** Entries with an id below {@code before} (null: from the newest), newest first. */
    public List<Entry> entries(Long before, int limit) {
        return db.inTransaction(c -> Sql.list(c, "SELECT * FROM audit WHERE id < ? ORDER BY id DESC FETCH FIRST ? ROWS ONLY",
                AuditLog::entry, before == null ? Long.MAX_VALUE : before, limit));
    }

    private static Entry entry(ResultSet rs) throws SQLException {
        return new Entry(rs.getLong("id"), Sql.instant(rs, "at"), rs.getString("actor"), rs.getString("action"),
                rs.getString("object"), rs.getString("outcome"));
    }
}
