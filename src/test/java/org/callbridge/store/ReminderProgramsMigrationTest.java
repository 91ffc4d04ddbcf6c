package org.callbridge.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** V10 on a database an earlier version filled: its calls keep their meaning in the reminder programs. */
class ReminderProgramsMigrationTest {
    @TempDir
    Path dir;

    @Test
    void a_call_placed_before_the_upgrade_completes_its_program_and_a_skip_stays_a_decision_of_the_event() throws Exception {
        String url = Database.h2FileUrl(dir.resolve("db").toAbsolutePath());
        Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/migration").target("9").load().migrate();
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
            for (int i = 1; i <= 3; i++) {
                s.execute("INSERT INTO appointment_event (id, dedup_key, source, feed, appointment_id, appointment_key, kind,"
                        + " patient_id, start_at, received_at, state, state_at) VALUES (" + i + ", 'd" + i + "', 'hl7', 'hl7',"
                        + " 'A" + i + "', 'hl7|A" + i + "', 'NEW', 'p1', TIMESTAMP WITH TIME ZONE '2030-03-19 15:00:00+00',"
                        + " CURRENT_TIMESTAMP, 'PLANNED', CURRENT_TIMESTAMP)");
            }
            s.execute("INSERT INTO planned_call (id, appointment_key, event_id, patient_id, call_at, state, call_id, created_at,"
                    + " updated_at) VALUES (101, 'hl7|A1', 1, 'p1', CURRENT_TIMESTAMP, 'POSTED', 'c1', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
            s.execute("INSERT INTO planned_call (id, appointment_key, event_id, state, reason, created_at, updated_at)"
                    + " VALUES (102, 'hl7|A2', 2, 'SKIPPED', 'too late to remind', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
            s.execute("INSERT INTO planned_call (id, appointment_key, event_id, patient_id, call_at, due_at, state, live_key,"
                    + " created_at, updated_at) VALUES (103, 'hl7|A3', 3, 'p1', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 'PENDING',"
                    + " 'hl7|A3', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
        }

        Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/migration").load().migrate();

        Map<Long, Integer> touchpoints = new HashMap<>();
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT id, touchpoint, appointment_start FROM planned_call ORDER BY id")) {
                while (rs.next()) {
                    touchpoints.put(rs.getLong(1), rs.getInt(2));
                    assertThat(rs.getObject(3)).as("appointment start of call %d", rs.getLong(1)).isNotNull();
                }
            }
            assertThat(touchpoints).containsEntry(101L, 999).containsEntry(102L, -1).containsEntry(103L, 0);
            // an event may now hold a row per touchpoint and try, and the foreign key still holds
            s.execute("INSERT INTO planned_call (appointment_key, event_id, state, touchpoint, attempt, created_at, updated_at)"
                    + " VALUES ('hl7|A1', 1, 'SKIPPED', 1, 0, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
            assertThatThrownBy(() -> s.execute("INSERT INTO planned_call (appointment_key, event_id, state, touchpoint, attempt,"
                    + " created_at, updated_at) VALUES ('hl7|A1', 1, 'SKIPPED', 1, 0, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"))
                    .isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> s.execute("INSERT INTO planned_call (appointment_key, event_id, state, touchpoint, attempt,"
                    + " created_at, updated_at) VALUES ('hl7|A9', 99, 'SKIPPED', 1, 0, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"))
                    .isInstanceOf(SQLException.class);
        }
    }
}
