package org.callbridge.store;

import org.callbridge.testing.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The store's contract, run on every supported database: each test gets a freshly migrated, empty
 * database. The parts live in the interfaces this class implements.
 */
abstract class StoreContract implements DatabaseContract, EventStoreContract, CallStoreContract, BatchStoreContract,
        ResultStoreContract, LeaseContract {

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
