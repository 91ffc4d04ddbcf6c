package org.callbridge.results;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.callbridge.store.CallStore;
import org.callbridge.store.Database;
import org.callbridge.store.EventStore;
import org.callbridge.store.ResultStore;

/** A state database with ended calls recorded and their deliveries queued, and a look at each delivery's row. */
final class Deliveries implements AutoCloseable {
    /** One delivery row. */
    record Row(String state, int attempts, String lastError) {
    }

    final Database db;

    Deliveries(Path dir) {
        db = Database.open(Database.h2FileUrl(dir.resolve("state/cb")), "sa", "");
    }

    /** Records {@code count} completed, unlinked calls {@code <prefix>-<n>} with a delivery queued per sink. */
    List<String> record(String prefix, int count, String... sinks) {
        ResultStore results = new ResultStore(db);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = prefix + "-" + i;
            results.recordResult(id, "completed", Instant.parse("2024-01-15T10:35:45Z"),
                    Calls.completed(id, "{\"appointment_confirmed\": true}").toString(), null, List.of(sinks));
            ids.add(id);
        }
        return ids;
    }

    ReportDelivery delivery(int maxAttempts, ReportSink... sinks) {
        return new ReportDelivery(List.of(sinks), new ResultStore(db), new CallStore(db), new EventStore(db), maxAttempts);
    }

    Row row(String callId, String sink) {
        return db.inTransaction(c -> query(c, callId, sink));
    }

    private static Row query(Connection c, String callId, String sink) throws java.sql.SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT state, attempts, last_error FROM sink_delivery WHERE call_id = ? AND sink = ?")) {
            s.setString(1, callId);
            s.setString(2, sink);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? new Row(rs.getString(1), rs.getInt(2), rs.getString(3)) : null;
            }
        }
    }

    @Override
    public void close() {
        db.close();
    }
}
