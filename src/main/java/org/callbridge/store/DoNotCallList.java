package org.callbridge.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Patients who asked not to be called again (a call classified opted-out), kept in the state database with the call
 * and the time, until an operator removes them. The do-not-call file is the other list; a patient on either is never
 * posted.
 */
public final class DoNotCallList {

    /** One patient on the list. */
    public record Entry(String patientId, String callId, String reason, Instant addedAt) {
    }

    private final Database db;
    private final Clock clock;

    public DoNotCallList(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** True when the patient (by Calls API patient id) is on the list. */
    public boolean contains(String patientId) {
        return patientId != null && find(patientId).isPresent();
    }

    public Optional<Entry> find(String patientId) {
        return db.inTransaction(c -> Sql.one(c, "SELECT patient_id, call_id, reason, added_at FROM do_not_call"
                + " WHERE patient_id = ?", rs -> new Entry(rs.getString(1), rs.getString(2), rs.getString(3),
                Sql.instant(rs, "added_at")), patientId));
    }

    /** Every patient on the list, newest first, at most {@code limit}. */
    public List<Entry> entries(int limit) {
        return db.inTransaction(c -> Sql.list(c, "SELECT patient_id, call_id, reason, added_at FROM do_not_call"
                + " ORDER BY added_at DESC, patient_id FETCH FIRST ? ROWS ONLY", rs -> new Entry(rs.getString(1),
                rs.getString(2), rs.getString(3), Sql.instant(rs, "added_at")), limit));
    }

    /** Adds a patient; false when already listed (the first entry stays). */
    public boolean add(String patientId, String callId, String reason) {
        return db.inTransaction(c -> add(c, patientId, callId, reason, clock.instant()));
    }

    static boolean add(Connection c, String patientId, String callId, String reason, Instant at) throws SQLException {
        if (Sql.one(c, "SELECT 1 FROM do_not_call WHERE patient_id = ?", rs -> 1, patientId).isPresent()) {
            return false;
        }
        return Sql.unlessDuplicate(c, x -> Sql.update(x, "INSERT INTO do_not_call (patient_id, call_id, reason, added_at)"
                + " VALUES (?, ?, ?, ?)", patientId, callId, reason, at)).isPresent();
    }

    /** Removes a patient (an operator's explicit decision); false when the patient was not listed. */
    public boolean remove(String patientId) {
        return db.inTransaction(c -> Sql.update(c, "DELETE FROM do_not_call WHERE patient_id = ?", patientId) == 1);
    }
}
