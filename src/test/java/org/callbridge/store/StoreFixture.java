package org.callbridge.store;

import org.callbridge.testing.ManualClock;

/** What every part of the store contract gets: a freshly migrated database and a clock to move. */
interface StoreFixture {

    Database db();

    ManualClock clock();

    /** Closes the database and opens the same one again, as after a restart. */
    Database reopen();

    default EventStore events() {
        return new EventStore(db(), clock());
    }

    default CallStore calls() {
        return new CallStore(db(), clock());
    }

    default BatchStore batches() {
        return new BatchStore(db(), clock());
    }

    default ResultStore results() {
        return new ResultStore(db(), clock());
    }
}
