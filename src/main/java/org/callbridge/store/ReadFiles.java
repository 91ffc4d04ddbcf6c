package org.callbridge.store;

import java.time.Instant;
import java.util.List;

/**
 * Dropped files moved to processed/ and watched for a change for a while after (see
 * {@code org.callbridge.ingest.InboxFiles}): kept in the state database so that a restart still watches them.
 */
public final class ReadFiles {
    private final Database db;

    /** One watched file, as it was when its reading ended. */
    public record ReadFile(long id, String inbox, String processedPath, String originalName, long size,
                           Instant modifiedAt, Instant watchUntil) {
    }

    public ReadFiles(Database db) {
        this.db = db;
    }

    public void watch(String inbox, String processedPath, String originalName, long size, Instant modifiedAt,
            Instant watchUntil) {
        db.inTransaction(c -> Sql.insert(c, "INSERT INTO read_file (inbox, processed_path, original_name, size_bytes,"
                + " modified_at, watch_until) VALUES (?, ?, ?, ?, ?, ?)", inbox, processedPath, originalName, size,
                modifiedAt, watchUntil));
    }

    /** The files of {@code inbox} still watched at {@code now}; those whose watch ended are let go. */
    public List<ReadFile> watched(String inbox, Instant now) {
        return db.inTransaction(c -> {
            Sql.update(c, "DELETE FROM read_file WHERE inbox = ? AND watch_until <= ?", inbox, now);
            return Sql.list(c, "SELECT id, inbox, processed_path, original_name, size_bytes, modified_at, watch_until"
                    + " FROM read_file WHERE inbox = ? ORDER BY id", rs -> new ReadFile(rs.getLong(1), rs.getString(2),
                    rs.getString(3), rs.getString(4), rs.getLong(5), Sql.instant(rs, "modified_at"),
                    Sql.instant(rs, "watch_until")), inbox);
        });
    }

    public void forget(long id) {
        db.inTransaction(c -> Sql.update(c, "DELETE FROM read_file WHERE id = ?", id));
    }
}
