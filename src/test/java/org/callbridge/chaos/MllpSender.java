package org.callbridge.chaos;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * A sending system as HL7 interfaces behave: each message is sent until it is acknowledged. A connection that drops
 * (the receiver was killed) or an ACK that does not come is answered by connecting again and sending the
 * unacknowledged messages again, unchanged; so is an AR that asks for a resend. Several messages may go in one
 * TCP write. ACKs are matched to messages by MSA-2.
 */
final class MllpSender {
    /** A message to send and the ACK it finally got. */
    static final class Message {
        final String controlId;
        final byte[] frame;
        final boolean valid;
        volatile String ackCode;
        volatile String ackText;
        volatile int attempts;

        Message(String controlId, String text, boolean valid) {
            this.controlId = controlId;
            this.valid = valid;
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(0x0B);
            out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
            out.write(0x1C);
            out.write(0x0D);
            this.frame = out.toByteArray();
        }
    }

    private final int port;
    private final Random random;
    private final long deadlineNanos;
    private final BooleanSupplier aborted;

    MllpSender(int port, Random random, long deadlineNanos, BooleanSupplier aborted) {
        this.port = port;
        this.random = random;
        this.deadlineNanos = deadlineNanos;
        this.aborted = aborted;
    }

    /** Sends every message until each has a final ACK; throws when the deadline passes first. */
    void sendAll(List<Message> messages) throws IOException, InterruptedException {
        Deque<Message> todo = new ArrayDeque<>(messages);
        Socket socket = null;
        InputStream in = null;
        try {
            while (!todo.isEmpty()) {
                if (aborted.getAsBoolean()) {
                    throw new IOException("run aborted");
                }
                if (System.nanoTime() > deadlineNanos) {
                    throw new IOException(todo.size() + " MLLP message(s) still unacknowledged at the deadline, e.g. "
                            + todo.peek().controlId);
                }
                try {
                    if (socket == null) {
                        socket = new Socket();
                        socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
                        socket.setSoTimeout(15_000);
                        in = new BufferedInputStream(socket.getInputStream());
                    }
                    List<Message> batch = new ArrayList<>();
                    Iterator<Message> it = todo.iterator();
                    int size = 1 + random.nextInt(3);
                    while (it.hasNext() && batch.size() < size) {
                        batch.add(it.next());
                    }
                    ByteArrayOutputStream oneWrite = new ByteArrayOutputStream();
                    batch.forEach(m -> {
                        m.attempts++;
                        oneWrite.writeBytes(m.frame);
                    });
                    socket.getOutputStream().write(oneWrite.toByteArray());
                    socket.getOutputStream().flush();
                    Map<String, Message> waiting = new ConcurrentHashMap<>();
                    batch.forEach(m -> waiting.put(m.controlId, m));
                    while (!waiting.isEmpty()) {
                        String ack = readFrame(in);
                        Message m = waiting.remove(field(ack, "MSA", 2));
                        if (m == null) {
                            throw new IOException("ACK for no message sent: " + field(ack, "MSA", 2));
                        }
                        String code = field(ack, "MSA", 1);
                        String text = field(ack, "MSA", 3);
                        boolean resend = "AR".equals(code) && text != null && text.contains("resend later");
                        if (!resend) {
                            m.ackCode = code;
                            m.ackText = text;
                            todo.remove(m);
                        }
                    }
                    if (random.nextInt(4) == 0) {
                        Thread.sleep(random.nextInt(40));
                    }
                } catch (IOException e) {
                    close(socket);
                    socket = null;
                    in = null;
                    Thread.sleep(100 + random.nextInt(300));
                }
            }
        } finally {
            close(socket);
        }
    }

    /**
     * A backlog replay: every frame written back to back on one connection without waiting for an ACK, then the ACKs
     * read. The frames are re-sends of acknowledged messages, so whatever happens to them (the receiver is killed)
     * changes nothing; returns how many were acknowledged AA.
     */
    static int flood(int port, List<Message> frames, long deadlineNanos) {
        int accepted = 0;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
            socket.setSoTimeout(15_000);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            Thread writer = new Thread(() -> {
                try {
                    for (Message m : frames) {
                        socket.getOutputStream().write(m.frame);
                    }
                    socket.getOutputStream().flush();
                } catch (IOException closed) {
                    // the receiver was killed: the rest of the flood is lost, as a real sender's would be
                }
            }, "chaos-flood-writer");
            writer.setDaemon(true);
            writer.start();
            for (int i = 0; i < frames.size() && System.nanoTime() < deadlineNanos; i++) {
                if ("AA".equals(field(readFrame(in), "MSA", 1))) {
                    accepted++;
                }
            }
        } catch (IOException closed) {
            // killed, or done
        }
        return accepted;
    }

    private static String readFrame(InputStream in) throws IOException {
        ByteArrayOutputStream current = new ByteArrayOutputStream();
        boolean inFrame = false;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed before the ACK");
            }
            if (b == 0x0B) {
                inFrame = true;
                current.reset();
            } else if (b == 0x1C && inFrame) {
                return current.toString(StandardCharsets.UTF_8);
            } else if (inFrame) {
                current.write(b);
            }
        }
    }

    /** A field of a segment of an ER7 message, or null. */
    static String field(String message, String segment, int n) {
        for (String line : message.split("[\r\n]+")) {
            if (line.startsWith(segment + "|")) {
                String[] fields = line.split("\\|", -1);
                return n < fields.length ? fields[n] : null;
            }
        }
        return null;
    }

    private static void close(Socket socket) {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // already gone
            }
        }
    }
}
