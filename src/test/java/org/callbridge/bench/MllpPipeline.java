package org.callbridge.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.callbridge.ingest.Mllp;

/**
 * An MLLP sender for the benches: several connections, each keeping a sliding window of frames
 * unacknowledged (several frames per TCP write), as an interface engine that pipelines does. Only an
 * AA whose MSA-2 is the control id of a frame still waiting for its ACK counts as accepted. Frames are built before the clock starts.
 */
final class MllpPipeline {
    private static final byte START = 0x0B;
    private static final byte END = 0x1C;
    private static final int MAX_FAILURES_KEPT = 5;

    /** What a run gave: accepted ACKs, the first failures (ACK code and MSA-3 only), elapsed seconds. */
    record Outcome(long sent, long accepted, List<String> failures, double seconds) {
        double messagesPerSecond() {
            return accepted / seconds;
        }
    }

    private MllpPipeline() {
    }

    /** Sends {@code messages}, dealt round-robin to {@code connections} connections, {@code window} frames at a time. */
    static Outcome run(String host, int port, List<String> messages, int connections, int window) throws Exception {
        List<List<byte[]>> frames = new ArrayList<>();
        List<List<String>> controlIds = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            frames.add(new ArrayList<>());
            controlIds.add(new ArrayList<>());
        }
        for (int i = 0; i < messages.size(); i++) {
            frames.get(i % connections).add(Mllp.frame(messages.get(i), true));
            controlIds.get(i % connections).add(controlId(messages.get(i)));
        }
        List<Socket> sockets = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        try {
            for (int c = 0; c < connections; c++) {
                Socket socket = new Socket(host, port);
                socket.setTcpNoDelay(true);
                socket.setSoTimeout(60_000);
                sockets.add(socket);
            }
            AtomicLong accepted = new AtomicLong();
            List<String> failures = Collections.synchronizedList(new ArrayList<>());
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < connections; c++) {
                Socket socket = sockets.get(c);
                List<byte[]> own = frames.get(c);
                List<String> ids = controlIds.get(c);
                done.add(pool.submit(() -> {
                    go.await();
                    send(socket, own, ids, window, accepted, failures);
                    return null;
                }));
            }
            long start = System.nanoTime();
            go.countDown();
            for (Future<?> f : done) {
                f.get(10, TimeUnit.MINUTES);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return new Outcome(messages.size(), accepted.get(), List.copyOf(failures), seconds);
        } finally {
            pool.shutdownNow();
            for (Socket s : sockets) {
                s.close();
            }
        }
    }

    /**
     * A sliding window: at most {@code window} frames unacknowledged. The writer sends while the window
     * has room, several frames per TCP write, and flushes before it waits; this thread reads the ACKs,
     * each one making room for the next frame.
     */
    private static void send(Socket socket, List<byte[]> frames, List<String> ids, int window, AtomicLong accepted,
            List<String> failures) throws Exception {
        OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
        InputStream in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
        Semaphore room = new Semaphore(window);
        Set<String> pending = ConcurrentHashMap.newKeySet();
        ExecutorService writer = Executors.newSingleThreadExecutor();
        try {
            Future<?> written = writer.submit(() -> {
                for (int i = 0; i < frames.size(); i++) {
                    if (!room.tryAcquire()) {
                        out.flush();
                        room.acquire();
                    }
                    pending.add(ids.get(i));
                    out.write(frames.get(i));
                }
                out.flush();
                return null;
            });
            for (int i = 0; i < frames.size(); i++) {
                String ack = readAck(in);
                String code = Mllp.field(ack, "MSA", 1);
                if ("AA".equals(code) && pending.remove(Mllp.field(ack, "MSA", 2))) {
                    accepted.incrementAndGet();
                } else if (failures.size() < MAX_FAILURES_KEPT) {
                    // MSA-3 is the PHI-free reason the intake gives
                    failures.add(code + " " + Mllp.field(ack, "MSA", 3));
                }
                room.release();
            }
            written.get(1, TimeUnit.MINUTES);
        } finally {
            writer.shutdownNow();
        }
    }

    /** The next ACK frame's text (between 0x0B and 0x1C); a CR left from the previous frame is skipped. */
    private static String readAck(InputStream in) throws IOException {
        int b;
        while ((b = in.read()) != START) {
            if (b < 0) {
                throw new EOFException("connection closed before every ACK arrived");
            }
        }
        ByteArrayOutputStream ack = new ByteArrayOutputStream(256);
        while ((b = in.read()) != END) {
            if (b < 0) {
                throw new EOFException("connection closed inside an ACK frame");
            }
            ack.write(b);
        }
        return ack.toString(StandardCharsets.UTF_8);
    }

    private static String controlId(String message) {
        return Mllp.field(message, "MSH", 10);
    }
}
