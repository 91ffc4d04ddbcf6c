package org.callbridge.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import java.util.stream.Collectors;
import org.callbridge.testing.ManualClock;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The store's contract, run on every supported database: each test gets a freshly migrated, empty
 * database. The parts live in the interfaces this class implements.
 */
abstract class StoreContract implements DatabaseContract, EventStoreContract, CallStoreContract, BatchStoreContract,
        ResultStoreContract, LeaseContract, PruningContract {

    private final ManualClock clock = new ManualClock(Samples.T0);
    private Database db;
    private String url;

    /** A JDBC URL of a new, empty database. */
    abstract String newDatabaseUrl() throws Exception;

    abstract String user();

    abstract String password();

    @BeforeEach
    void openFreshDatabase() throws Exception {
        url = newDatabaseUrl();
        db = Database.open(url, user(), password());
    }

    @AfterEach
    void closeDatabase() {
        if (db != null) {
            db.close();
        }
    }

    @Test
    void the_zone_migration_copies_each_planned_calls_zone_out_of_its_json() throws Exception {
        String old = newDatabaseUrl();
        Flyway.configure().dataSource(old, user(), password()).locations("classpath:db/migration").target("6").load()
                .migrate();
        try (Connection c = DriverManager.getConnection(old, user(), password()); Statement s = c.createStatement()) {
            String[] json = {
                "'{\"appointment\":{\"name\":\"Check Up\",\"appointment_id\":\"A1\",\"timezone\":\"America/New_York\"}}'",
                "'{\"appointment\":{\"name\":\"Check Up\"}}'",
                "'{\"appointment\":{\"timezone\":\"'",
                "NULL"};
            for (int i = 0; i < json.length; i++) {
                s.execute("INSERT INTO appointment_event (id, dedup_key, source, feed, appointment_id, appointment_key, kind,"
                        + " received_at, state, state_at) VALUES (" + (i + 1) + ", 'd" + i + "', 'hl7', 'main', 'A" + i
                        + "', 'k" + i + "', 'NEW', CURRENT_TIMESTAMP, 'PLANNED', CURRENT_TIMESTAMP)");
                s.execute("INSERT INTO planned_call (appointment_key, event_id, state, live_key, extended_json, created_at,"
                        + " updated_at) VALUES ('k" + i + "', " + (i + 1) + ", 'PENDING', 'k" + i + "', " + json[i]
                        + ", CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
            }
            if (!c.getAutoCommit()) {
                c.commit();
            }
        }
        try (Database migrated = Database.open(old, user(), password())) {
            Map<String, String> zones = new CallStore(migrated, clock).callsInState(CallState.PENDING).stream().collect(Collectors.toMap(
                    PlannedCall::appointmentKey, call -> String.valueOf(call.patientZone())));

            assertThat(zones).containsExactlyInAnyOrderEntriesOf(
                    Map.of("k0", "America/New_York", "k1", "null", "k2", "null", "k3", "null"));
        }
    }

    @Override
    public Database db() {
        return db;
    }

    @Override
    public ManualClock clock() {
        return clock;
    }

    @Override
    public Database reopen() {
        db.close();
        db = Database.open(url, user(), password());
        return db;
    }
}
