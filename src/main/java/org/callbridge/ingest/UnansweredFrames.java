package org.callbridge.ingest;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bound on MLLP frames read but not yet answered, across every connection. Each frame costs its length, and at
 * least {@value #MIN_FRAME_COST} bytes (a short frame still holds an event, a future and its ACK). A connection over
 * its own bound stops reading from its socket until its ACKs have gone out; when all connections together are over
 * the total, the ones holding more than a {@value #RESERVE}-byte reserve stop too, so that a flood on some
 * connections only slows those senders, and a sender that waits for each ACK is still read. Reads resume once the
 * total is back under half its bound. The frames already read are always answered.
 */
public final class UnansweredFrames {
    /** The least a frame costs: what an event, its future and its ACK hold, whatever the frame's length. */
    static final long MIN_FRAME_COST = 4 * 1024;
    /** What a connection may hold when the total is over its bound: one waiting frame of a stop-and-wait sender. */
    static final long RESERVE = 64 * 1024;

    private final long perConnection;
    private final long total;
    private final AtomicLong outstanding = new AtomicLong();
    private final Set<Reader> pausedForTotal = ConcurrentHashMap.newKeySet();

    /** Something that reads from one connection and can be told to read again (run on its own thread). */
    interface Reader {
        void resumeAfterTotal();
    }

    /**
     * @param perConnection bytes one connection may hold unanswered before its reads stop
     * @param total         bytes all connections may hold before the ones above the reserve stop
     */
    public UnansweredFrames(long perConnection, long total) {
        if (perConnection < 1 || total < 1) {
            throw new IllegalArgumentException("the unanswered-bytes bounds must be positive");
        }
        this.perConnection = perConnection;
        this.total = total;
    }

    static long cost(int frameLength) {
        return Math.max(frameLength, MIN_FRAME_COST);
    }

    long perConnection() {
        return perConnection;
    }

    /** Bytes read and not yet answered, all connections together. */
    public long outstanding() {
        return outstanding.get();
    }

    /** Counts frames read on a connection that now holds {@code held}; true when that connection must stop reading. */
    boolean read(Reader reader, long cost, long held) {
        long now = outstanding.addAndGet(cost);
        if (now > total && held > RESERVE) {
            pausedForTotal.add(reader);
            // answers may have brought the total down between the add and the pause
            if (outstanding.get() <= total / 2) {
                resumeAll();
            }
            return true;
        }
        return false;
    }

    /** True while the reader waits for the total to come down. */
    boolean pausedForTotal(Reader reader) {
        return pausedForTotal.contains(reader);
    }

    /** Counts frames answered (or dropped with their connection). */
    void answered(long cost) {
        if (outstanding.addAndGet(-cost) <= total / 2 && !pausedForTotal.isEmpty()) {
            resumeAll();
        }
    }

    /** A closed connection waits for nothing. */
    void forget(Reader reader) {
        pausedForTotal.remove(reader);
    }

    private void resumeAll() {
        for (Reader reader : pausedForTotal) {
            if (pausedForTotal.remove(reader)) {
                reader.resumeAfterTotal();
            }
        }
    }
}
