package org.callbridge.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Alerts a person acknowledges. One row per condition and subject (a batch, a call, a flow): a condition seen again
 * on the next look only moves {@code last_seen_at}, so an alert is shown once, not once per cycle. A condition that
 * goes away is cleared; if it comes back after that, the same row is raised again and needs a new acknowledgement.
 */
public final class AlertStore {
    private final Database db;
    private final Clock clock;

    public AlertStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** A condition seen now: its kind (PARKED_BATCH, ...), its subject, and a line a person can act on (no PHI). */
    public record Condition(String kind, String subject, String detail) {
    }

    public record Alert(long id, String kind, String subject, String detail, Instant raisedAt, Instant lastSeenAt,
                        Instant clearedAt, String acknowledgedBy, Instant acknowledgedAt) {
    }

    /**
     * Records what one look saw for these kinds: new conditions raise alerts, known ones are marked seen, alerts of
     * these kinds not seen any more are cleared. Returns how many alerts were raised (new or again).
     */
    public int observe(Collection<String> kinds, Collection<Condition> seen) {
        return db.inTransaction(c -> {
            Instant now = clock.instant();
            int raised = 0;
            for (Condition condition : seen) {
                Optional<Instant> cleared = Sql.one(c, "SELECT cleared_at FROM alert WHERE kind = ? AND subject = ?",
                        rs -> Optional.ofNullable(Sql.instant(rs, "cleared_at")), condition.kind(), condition.subject())
                        .orElse(null);
                String detail = Sql.errorText(condition.detail());
                if (cleared == null) {
                    Sql.update(c, "INSERT INTO alert (kind, subject, detail, raised_at, last_seen_at) VALUES (?, ?, ?, ?, ?)",
                            condition.kind(), condition.subject(), detail, now, now);
                    raised++;
                } else if (cleared.isPresent()) {
                    Sql.update(c, "UPDATE alert SET detail = ?, raised_at = ?, last_seen_at = ?, cleared_at = NULL,"
                            + " acknowledged_by = NULL, acknowledged_at = NULL WHERE kind = ? AND subject = ?", detail, now, now,
                            condition.kind(), condition.subject());
                    raised++;
                } else {
                    Sql.update(c, "UPDATE alert SET detail = ?, last_seen_at = ? WHERE kind = ? AND subject = ?", detail, now,
                            condition.kind(), condition.subject());
                }
            }
            for (String kind : kinds) {
                for (Alert open : Sql.list(c, "SELECT * FROM alert WHERE kind = ? AND cleared_at IS NULL", AlertStore::alert, kind)) {
                    boolean stillSeen = seen.stream().anyMatch(s -> s.kind().equals(kind) && s.subject().equals(open.subject()));
                    if (!stillSeen) {
                        Sql.update(c, "UPDATE alert SET cleared_at = ? WHERE id = ?", now, open.id());
                    }
                }
            }
            return raised;
        });
    }

    /** The kinds {@link #storeConditions} looks at. */
    public static final List<String> STORE_KINDS = List.of("NOT_WITHDRAWN", "CALL_REFUSED", "BATCH_PARKED", "BATCH_UNANSWERED",
            "DELIVERY_PARKED");
    /** At most this many subjects per kind on one look (the newest), so a burst cannot flood the list. */
    static final int PER_KIND = 100;

    /**
     * What the state database shows now: calls not withdrawn after a cancel, calls the Calls API refused, parked
     * batches, batches sent and still unanswered since {@code unansweredBefore}, parked report deliveries.
     */
    public List<Condition> storeConditions(Instant unansweredBefore) {
        return db.inTransaction(c -> {
            List<Condition> seen = new java.util.ArrayList<>();
            seen.addAll(Sql.list(c, "SELECT id, appointment_key, reason FROM planned_call WHERE state = 'NOT_WITHDRAWN'"
                    + " ORDER BY id DESC FETCH FIRST " + PER_KIND + " ROWS ONLY", rs -> new Condition("NOT_WITHDRAWN",
                    "call " + rs.getLong("id"), "the call of appointment " + rs.getString("appointment_key")
                    + " could not be withdrawn after its cancel: " + rs.getString("reason"))));
            seen.addAll(Sql.list(c, "SELECT id, appointment_key, reason FROM planned_call WHERE state = 'REJECTED'"
                    + " ORDER BY id DESC FETCH FIRST " + PER_KIND + " ROWS ONLY", rs -> new Condition("CALL_REFUSED",
                    "call " + rs.getLong("id"), "the Calls API refused the call of appointment " + rs.getString("appointment_key")
                    + ": " + rs.getString("reason"))));
            seen.addAll(Sql.list(c, "SELECT id, name, last_error FROM call_batch WHERE state = 'PARKED'"
                    + " ORDER BY id DESC FETCH FIRST " + PER_KIND + " ROWS ONLY", rs -> new Condition("BATCH_PARKED",
                    "batch " + rs.getLong("id"), "batch " + rs.getString("name") + " is parked: " + rs.getString("last_error"))));
            seen.addAll(Sql.list(c, "SELECT id, name FROM call_batch WHERE state = 'SENDING' AND updated_at < ?"
                    + " ORDER BY id DESC FETCH FIRST " + PER_KIND + " ROWS ONLY", rs -> new Condition("BATCH_UNANSWERED",
                    "batch " + rs.getLong("id"), "batch " + rs.getString("name") + " was sent and has no answer yet; it is looked"
                    + " up by name before any new POST"), unansweredBefore));
            seen.addAll(Sql.list(c, "SELECT call_id, sink, last_error FROM sink_delivery WHERE state = 'PARKED'"
                    + " ORDER BY updated_at DESC FETCH FIRST " + PER_KIND + " ROWS ONLY", rs -> new Condition("DELIVERY_PARKED",
                    "delivery " + rs.getString("call_id") + " " + rs.getString("sink"), "the report of call " + rs.getString("call_id")
                    + " to " + rs.getString("sink") + " is parked: " + rs.getString("last_error"))));
            return seen;
        });
    }

    /** Alerts not yet acknowledged, newest first. */
    public List<Alert> unacknowledged() {
        return unacknowledged(Integer.MAX_VALUE);
    }

    /** The newest {@code limit} alerts not yet acknowledged (how many there are in all: {@link #unacknowledgedCount}). */
    public List<Alert> unacknowledged(int limit) {
        return db.inTransaction(c -> Sql.list(c, "SELECT * FROM alert WHERE acknowledged_at IS NULL ORDER BY id DESC"
                + " FETCH FIRST ? ROWS ONLY", AlertStore::alert, limit));
    }

    /** The latest {@code limit} alerts, acknowledged or not. */
    public List<Alert> latest(int limit) {
        return db.inTransaction(c -> Sql.list(c, "SELECT * FROM alert ORDER BY last_seen_at DESC, id DESC FETCH FIRST ? ROWS ONLY",
                AlertStore::alert, limit));
    }

    public long unacknowledgedCount() {
        return db.inTransaction(c -> Sql.one(c, "SELECT COUNT(*) FROM alert WHERE acknowledged_at IS NULL", rs -> rs.getLong(1))
                .orElse(0L));
    }

    public Optional<Alert> get(long id) {
        return db.inTransaction(c -> Sql.one(c, "SELECT * FROM alert WHERE id = ?", AlertStore::alert, id));
    }

    /** Acknowledges an alert (once: a second acknowledgement keeps the first); empty when there is no such alert. */
    public Optional<Alert> acknowledge(long id, String by) {
        return db.inTransaction(c -> {
            Sql.update(c, "UPDATE alert SET acknowledged_by = ?, acknowledged_at = ? WHERE id = ? AND acknowledged_at IS NULL",
                    by, clock.instant(), id);
            return Sql.one(c, "SELECT * FROM alert WHERE id = ?", AlertStore::alert, id);
        });
    }

    private static Alert alert(ResultSet rs) throws SQLException {
        return new Alert(rs.getLong("id"), rs.getString("kind"), rs.getString("subject"), rs.getString("detail"),
                Sql.instant(rs, "raised_at"), Sql.instant(rs, "last_seen_at"), Sql.instant(rs, "cleared_at"),
                rs.getString("acknowledged_by"), Sql.instant(rs, "acknowledged_at"));
    }
}
