package org.callbridge.results;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

/**
 * An EHR's MLLP listener on 127.0.0.1: reads framed messages, records each, and answers as a script says for the
 * message's number (1-based) and text: an ACK code, no answer, an ACK for another message, or AA then hang up.
 */
final class MllpListener implements AutoCloseable {
    enum Reply { AA, AE, AR, CE, CR, NONE, OTHER_ID, AA_THEN_CLOSE }

    /** One message as received: its text, whether its frame ended 0x1C 0x0D, and its connection's number. */
    record Received(String message, boolean framed, int connection) {
        String controlId() {
            return message.split("\r")[0].split("\\|", -1)[9];
        }
    }

    private final ServerSocket server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<Received> received = new ArrayList<>();
    private final List<Socket> sockets = new ArrayList<>();
    private final AtomicInteger messages = new AtomicInteger();
    private final AtomicInteger connections = new AtomicInteger();
    private volatile BiFunction<Integer, String, Reply> script = (n, message) -> Reply.AA;

    private MllpListener(ServerSocket server) {
        this.server = server;
        threads.submit(this::accept);
    }

    static MllpListener start() {
        try {
            return new MllpListener(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Over TLS with this context; {@code needClientAuth}: the sender must show a certificate the context trusts. */
    static MllpListener startTls(javax.net.ssl.SSLContext context, boolean needClientAuth) {
        try {
            javax.net.ssl.SSLServerSocket tls = (javax.net.ssl.SSLServerSocket) context.getServerSocketFactory()
                    .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
            tls.setNeedClientAuth(needClientAuth);
            return new MllpListener(tls);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    MllpListener answer(BiFunction<Integer, String, Reply> script) {
        this.script = script;
        return this;
    }

    int port() {
        return server.getLocalPort();
    }

    synchronized List<Received> received() {
        return List.copyOf(received);
    }

    int connections() {
        return connections.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                synchronized (this) {
                    sockets.add(socket);
                }
                int connection = connections.incrementAndGet();
                threads.submit(() -> serve(socket, connection));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket, int connection) {
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            while (true) {
                int b = in.read();
                while (b >= 0 && b != 0x0B) {
                    b = in.read();
                }
                if (b < 0) {
                    return;
                }
                ByteArrayOutputStream frame = new ByteArrayOutputStream();
                while ((b = in.read()) >= 0 && b != 0x1C) {
                    frame.write(b);
                }
                boolean framed = b == 0x1C && in.read() == 0x0D;
                Received message = new Received(frame.toString(StandardCharsets.UTF_8), framed, connection);
                synchronized (this) {
                    received.add(message);
                }
                Reply reply = script.apply(messages.incrementAndGet(), message.message());
                switch (reply) {
                    case NONE -> {
                    }
                    case OTHER_ID -> out.write(ack("AA", "NOT" + message.controlId()));
                    case AA_THEN_CLOSE -> {
                        out.write(ack("AA", message.controlId()));
                        out.flush();
                        return;
                    }
                    default -> out.write(ack(reply.name(), message.controlId()));
                }
                out.flush();
            }
        } catch (IOException e) {
            // the sender hung up
        }
    }

    private static byte[] ack(String code, String controlId) {
        String ack = "MSH|^~\\&|EHR|HOSP|CALLBRIDGE||20240115104000||ACK^R01^ACK|ACK" + controlId + "|P|2.5\r"
                + "MSA|" + code + "|" + controlId + "|" + (code.equals("AA") ? "" : "Patient not found") + "\r";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x0B);
        out.writeBytes(ack.getBytes(StandardCharsets.UTF_8));
        out.write(0x1C);
        out.write(0x0D);
        return out.toByteArray();
    }

    @Override
    public void close() {
        try {
            server.close();
            synchronized (this) {
                for (Socket socket : sockets) {
                    socket.close();
                }
            }
        } catch (IOException e) {
            // closing anyway
        }
        threads.shutdownNow();
    }
}
