package org.callbridge.ingest;

import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.callbridge.appointment.AppointmentEvent;
import org.callbridge.store.Database;
import org.callbridge.store.EventStore;

/**
 * Another writer that has appended an event and holds its transaction open until {@link #close}: a
 * writer of the same event waits on it meanwhile (unique index), which is how a test holds a group commit.
 */
final class UncommittedEvent implements AutoCloseable {
    private final CountDownLatch release = new CountDownLatch(1);
    private final Thread writer;

    private UncommittedEvent(Database db, AppointmentEvent event) throws InterruptedException {
        CountDownLatch held = new CountDownLatch(1);
        writer = new Thread(() -> db.inTransaction(c -> {
            new EventStore(db, Clock.systemUTC()).append(event);
            held.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }), "uncommitted-event");
        writer.start();
        if (!held.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the holding writer did not append within 30 s");
        }
    }

    /** Returns once {@code event} is appended in a transaction left open. */
    static UncommittedEvent hold(Database db, AppointmentEvent event) throws InterruptedException {
        return new UncommittedEvent(db, event);
    }

    /** Commits the held transaction and waits for the writer to finish. */
    @Override
    public void close() throws InterruptedException {
        release.countDown();
        writer.join(30_000);
    }
}
