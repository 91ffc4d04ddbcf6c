package org.callbridge.chaos;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** The outbox tables of a run, read with plain JDBC (the application's classes are what is under test). */
final class Outbox {
    record Event(long id, String appointmentKey, String appointmentId, String kind, Instant startAt, String zone,
            String state, String reason, Instant receivedAt) {
    }

    record Planned(long id, String appointmentKey, long eventId, String state, String reason, String callId,
            Long batchId, Instant callAt, Instant dueAt, int touchpoint, int attempt, String patientId,
            Instant appointmentStart, String outcome, Instant endedAt) {
    }

    /** A patient on the stored do-not-call list, since when. */
    record DoNotCall(String patientId, Instant addedAt) {
    }

    record Batch(long id, String name, String state, Instant sentAt, String apiBatchId, String lastError) {
    }

    record Rejected(String source, String sourceRef, String reason, String keptFile) {
    }

    record Result(String callId, String status) {
    }

    record Delivery(String callId, String sink, String state) {
    }

    /** Everything the invariants look at, read in one connection. */
    record Snapshot(List<Event> events, List<Planned> planned, List<Batch> batches, List<Rejected> rejections,
            List<Result> results, List<Delivery> deliveries, List<DoNotCall> doNotCall) {
    }

    private Outbox() {
    }

    static Snapshot read(String url) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            c.setReadOnly(true);
            return new Snapshot(
                    list(c, "SELECT id, appointment_key, appointment_id, kind, start_at, start_zone, state, state_reason,"
                            + " received_at FROM appointment_event ORDER BY id", rs -> new Event(rs.getLong(1),
                            rs.getString(2), rs.getString(3), rs.getString(4), instant(rs, 5), rs.getString(6),
                            rs.getString(7), rs.getString(8), instant(rs, 9))),
                    list(c, "SELECT id, appointment_key, event_id, state, reason, call_id, batch_id, call_at, due_at,"
                            + " touchpoint, attempt, patient_id, appointment_start, outcome, ended_at"
                            + " FROM planned_call ORDER BY id", rs -> new Planned(rs.getLong(1), rs.getString(2),
                            rs.getLong(3), rs.getString(4), rs.getString(5), rs.getString(6),
                            rs.getObject(7) == null ? null : rs.getLong(7), instant(rs, 8), instant(rs, 9), rs.getInt(10),
                            rs.getInt(11), rs.getString(12), instant(rs, 13), rs.getString(14), instant(rs, 15))),
                    list(c, "SELECT id, name, state, sent_at, api_batch_id, last_error FROM call_batch ORDER BY id",
                            rs -> new Batch(rs.getLong(1), rs.getString(2), rs.getString(3), instant(rs, 4),
                                    rs.getString(5), rs.getString(6))),
                    list(c, "SELECT source, source_ref, reason, kept_file FROM rejection ORDER BY id",
                            rs -> new Rejected(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4))),
                    list(c, "SELECT call_id, status FROM call_result", rs -> new Result(rs.getString(1), rs.getString(2))),
                    list(c, "SELECT call_id, sink, state FROM sink_delivery",
                            rs -> new Delivery(rs.getString(1), rs.getString(2), rs.getString(3))),
                    list(c, "SELECT patient_id, added_at FROM do_not_call",
                            rs -> new DoNotCall(rs.getString(1), instant(rs, 2))));
        }
    }

    /** What keeps the run from being finished, or an empty list: the condition to stop the last process. */
    static List<String> unfinished(String url, Instant now) throws SQLException {
        List<String> open = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            c.setReadOnly(true);
            count(c, open, "events not planned", "SELECT COUNT(*) FROM appointment_event WHERE state = 'RECEIVED'");
            count(c, open, "calls batched or sending", "SELECT COUNT(*) FROM planned_call WHERE state IN ('BATCHED', 'SENDING')");
            // a pending call due within the next ten minutes will be posted during the run; later ones wait for their window
            count(c, open, "pending calls due soon", "SELECT COUNT(*) FROM planned_call WHERE state = 'PENDING' AND due_at < ?",
                    now.plusSeconds(600).atOffset(ZoneOffset.UTC));
            count(c, open, "batches open, sending or parked",
                    "SELECT COUNT(*) FROM call_batch WHERE state IN ('OPEN', 'SENDING', 'PARKED')");
            count(c, open, "posted calls without a final result", "SELECT COUNT(*) FROM planned_call p LEFT JOIN call_result r"
                    + " ON r.call_id = p.call_id WHERE p.call_id IS NOT NULL AND (r.call_id IS NULL OR r.status NOT IN"
                    + " ('completed', 'failed'))");
            count(c, open, "report deliveries pending", "SELECT COUNT(*) FROM sink_delivery WHERE state <> 'DELIVERED'");
            count(c, open, "posted calls still to be withdrawn", "SELECT COUNT(*) FROM planned_call WHERE state = 'WITHDRAWING'");
        }
        return open;
    }

    private static void count(Connection c, List<String> open, String what, String sql, Object... args) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                long n = rs.getLong(1);
                if (n > 0) {
                    open.add(n + " " + what);
                }
            }
        }
    }

    private interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private static <T> List<T> list(Connection c, String sql, Row<T> row) throws SQLException {
        List<T> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                out.add(row.map(rs));
            }
        }
        return out;
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
