package org.callbridge.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process killed during the migrations of a new H2 file leaves part of a script applied, and no history row for it
 * (H2 commits each DDL statement), or the leftovers of a table H2 was rebuilding: the next start makes the empty
 * database again. One that holds data is kept.
 */
class HalfMigratedTest {
    @TempDir
    Path dir;

    private String halfMigrated(boolean withData) throws Exception {
        String url = Database.h2FileUrl(dir.resolve("state").toAbsolutePath());
        Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/migration").target("3").load().migrate();
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
            if (withData) {
                s.execute("INSERT INTO watermark (name, value_at, updated_at) VALUES ('x', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
            }
            // the first statement of V4, then the kill
            s.execute("ALTER TABLE appointment_event ADD COLUMN owner_key VARCHAR");
        }
        return url;
    }

    @Test
    void an_empty_database_half_made_by_a_kill_is_made_again() throws Exception {
        String url = halfMigrated(false);

        try (Database db = Database.open(url, "sa", "")) {
            new DoNotCallList(db, Clock.systemUTC()).add("p1", "c1", "opted out");
            assertThat(new DoNotCallList(db, Clock.systemUTC()).contains("p1")).isTrue();
        }
    }

    @Test
    void an_empty_database_whose_last_migration_was_cut_short_is_made_again_without_what_the_cut_left() throws Exception {
        String url = Database.h2FileUrl(dir.resolve("state").toAbsolutePath());
        Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/migration").target("9").load().migrate();
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
            // what a kill in the middle of an ALTER can leave: a constraint on a table that should not exist
            s.execute("CREATE TABLE planned_call_copy (id BIGINT PRIMARY KEY)");
            s.execute("ALTER TABLE call_result ADD CONSTRAINT planned_call_copy_fk FOREIGN KEY (planned_call_id)"
                    + " REFERENCES planned_call_copy (id)");
        }

        try (Database db = Database.open(url, "sa", "")) {
            db.inTransaction(c -> {
                try (Statement s = c.createStatement(); var rs = s.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES"
                        + " WHERE TABLE_NAME = 'PLANNED_CALL_COPY'")) {
                    rs.next();
                    assertThat(rs.getInt(1)).isZero();
                }
                return null;
            });
        }
    }

    @Test
    void a_database_that_holds_data_is_never_dropped() throws Exception {
        String url = halfMigrated(true);

        assertThatThrownBy(() -> Database.open(url, "sa", "")).isInstanceOf(RuntimeException.class);
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT COUNT(*) FROM watermark")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(1);
        }
    }
}
