package org.callbridge.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.callbridge.appointment.AppointmentEvent;
import org.callbridge.operations.Fatal;
import org.callbridge.store.AppendResult;
import org.callbridge.store.EventStore;
import org.callbridge.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit of events whose senders wait for the commit (MLLP frames, across connections). One
 * writer at a time takes every event waiting, up to {@value #MAX_GROUP}, stores them with
 * {@link EventStore#appendAll} in one transaction, then completes each caller's future with its own
 * result, or with the failure: no future completes with a result before the commit has returned.
 * Nothing is held back to make groups bigger; they grow on their own while the previous one commits.
 *
 * <p>Futures complete in the order their events were queued, and so do {@link #inTurn()} places,
 * so that answers that need no commit can follow the answers queued before them.
 *
 * <p>When a group fails on its data (SQLState class 22 or 23: one event the database refuses), each
 * of its events is stored alone, so that only that one fails; any other failure fails the group.
 */
final class GroupCommit {
    static final int MAX_GROUP = 200;
    /** Events waiting, at most; a caller beyond it waits for room (back-pressure onto the connection). */
    private static final int CAPACITY = 4 * MAX_GROUP;
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommit.class);

    private final EventStore events;
    private final BlockingQueue<Pending> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final AtomicBoolean draining = new AtomicBoolean();
    private final ThreadPoolExecutor writer;

    GroupCommit(EventStore events, String threadName) {
        this.events = events;
        // one thread, ended after a minute without work: nothing to shut down
        this.writer = new ThreadPoolExecutor(1, 1, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>(), task -> {
            Thread thread = new Thread(task, threadName);
            thread.setDaemon(true);
            return thread;
        });
        this.writer.allowCoreThreadTimeOut(true);
    }

    /** Completes with the event's result once the group it is stored in is committed, or with why it could not be. */
    CompletableFuture<AppendResult> append(AppointmentEvent event) {
        return enqueue(new Pending(event));
    }

    /** Completes (with null) once every event queued before has completed. */
    CompletableFuture<AppendResult> inTurn() {
        return enqueue(new Pending(null));
    }

    private CompletableFuture<AppendResult> enqueue(Pending pending) {
        try {
            queue.put(pending);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pending.future.completeExceptionally(e);
            return pending.future;
        }
        if (draining.compareAndSet(false, true)) {
            writer.execute(this::drain);
        }
        return pending.future;
    }

    private void drain() {
        List<Pending> group = new ArrayList<>(MAX_GROUP);
        boolean done = false;
        try {
            while (true) {
                group.clear();
                queue.drainTo(group, MAX_GROUP);
                if (group.isEmpty()) {
                    draining.set(false);
                    // an event queued after the drain above and before the flag was cleared is still ours
                    if (queue.isEmpty() || !draining.compareAndSet(false, true)) {
                        done = true;
                        return;
                    }
                    continue;
                }
                try {
                    write(group);
                } catch (RuntimeException | Error e) {
                    // out of memory ends the process; anything else fails this group only: never leave a caller waiting
                    Fatal.haltIfFatal(e);
                    group.forEach(p -> p.future.completeExceptionally(e));
                    LOG.warn("group commit failed: {}", e.getClass().getSimpleName());
                }
            }
        } finally {
            if (!done) {
                // this writer ended abnormally: the next caller starts another instead of waiting for it
                draining.set(false);
            }
        }
    }

    private void write(List<Pending> group) {
        LOG.debug("{} waiting callers in one group", group.size());
        List<Pending> appends = new ArrayList<>(group.size());
        for (Pending p : group) {
            if (p.event != null) {
                appends.add(p);
            }
        }
        try {
            store(appends);
        } catch (RuntimeException | Error e) {
            appends.forEach(p -> p.failure = e);
        }
        for (Pending p : group) {
            if (p.failure != null) {
                p.future.completeExceptionally(p.failure);
            } else {
                p.future.complete(p.result);
            }
        }
    }

    private void store(List<Pending> appends) {
        if (appends.isEmpty()) {
            return;
        }
        List<AppointmentEvent> list = new ArrayList<>(appends.size());
        appends.forEach(p -> list.add(p.event));
        List<AppendResult> results;
        try {
            results = events.appendAll(list);
        } catch (StoreException e) {
            if (appends.size() == 1 || !refusesData(e)) {
                throw e;
            }
            LOG.warn("a group of {} events was refused (SQLState {}); storing each alone", appends.size(), e.sqlState());
            for (Pending p : appends) {
                try {
                    p.result = events.append(p.event);
                } catch (RuntimeException alone) {
                    p.failure = alone;
                }
            }
            return;
        }
        for (int i = 0; i < appends.size(); i++) {
            appends.get(i).result = results.get(i);
        }
    }

    /** Data exception or integrity violation: about a row, not about the database. */
    private static boolean refusesData(StoreException e) {
        String state = e.sqlState();
        return state != null && (state.startsWith("22") || state.startsWith("23"));
    }

    private static final class Pending {
        final AppointmentEvent event;
        final CompletableFuture<AppendResult> future = new CompletableFuture<>();
        AppendResult result;
        Throwable failure;

        Pending(AppointmentEvent event) {
            this.event = event;
        }
    }
}
