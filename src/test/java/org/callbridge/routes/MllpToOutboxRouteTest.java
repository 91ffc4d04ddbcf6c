package org.callbridge.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import io.netty.handler.ssl.ClientAuth;
import org.apache.camel.spi.Registry;
import org.callbridge.ingest.MllpFrames;
import org.callbridge.ingest.UnansweredFrames;
import org.callbridge.mllp.MllpFraming;
import org.callbridge.tls.Tls;
import org.junit.jupiter.api.Test;

/**
 * mllp-to-outbox on a real socket, with the listener's real Netty handlers: frames written together reach the intake
 * as one list, with the peer; each gets its own framed ACK back, in order; nothing is written back before the
 * intake's answer completes (the ACK waits for the commit).
 */
class MllpToOutboxRouteTest extends RouteFileTestSupport {
    private static final int PORT = freePort();

    private final Intake intake = new Intake();

    @Override
    protected String[] routeFiles() {
        return new String[] {"mllp-to-outbox"};
    }

    @Override
    protected void properties(Properties values) {
        values.setProperty("callbridge.hl7.mllp.port", Integer.toString(PORT));
    }

    @Override
    protected void bindToRegistry(Registry registry) {
        registry.bind("mllpFrameDecoder", MllpFrames.frameDecoder(1 << 20));
        registry.bind("mllpBytesDecoder", MllpFrames.bytesDecoder());
        registry.bind("mllpFramesOfOneRead", MllpFrames.framesOfOneRead(200, new UnansweredFrames(1 << 21, 1 << 24)));
        registry.bind("mllpEncoder", MllpFrames.encoder());
        registry.bind("mllpTls", Tls.serverHandler(null, ClientAuth.NONE));
        registry.bind("hl7Intake", intake);
    }

    @Test
    void should_answer_each_frame_of_one_write_in_order() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", PORT)) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(concat(MllpFraming.frame("MSG-1".getBytes(StandardCharsets.US_ASCII)),
                    MllpFraming.frame("MSG-2".getBytes(StandardCharsets.US_ASCII))));
            out.flush();

            assertThat(readFrame(socket.getInputStream())).isEqualTo("ACK MSG-1");
            assertThat(readFrame(socket.getInputStream())).isEqualTo("ACK MSG-2");
        }
        assertThat(intake.received).containsExactly("MSG-1", "MSG-2");
        assertThat(intake.peers).allMatch(peer -> peer.contains("127.0.0.1"));
    }

    @Test
    void should_write_no_ack_before_the_intake_answers() throws Exception {
        intake.hold = new CompletableFuture<>();
        try (Socket socket = new Socket("127.0.0.1", PORT)) {
            socket.setSoTimeout(700);
            socket.getOutputStream().write(MllpFraming.frame("HELD".getBytes(StandardCharsets.US_ASCII)));
            socket.getOutputStream().flush();

            assertThat(silentFor(socket.getInputStream())).isTrue();
            intake.hold.complete(null);

            socket.setSoTimeout(5000);
            assertThat(readFrame(socket.getInputStream())).isEqualTo("ACK HELD");
        }
    }

    private static boolean silentFor(InputStream in) throws IOException {
        try {
            return in.read() < 0;
        } catch (java.net.SocketTimeoutException timedOut) {
            return true;
        }
    }

    /** One MLLP frame's payload: after the start block, up to the end block. */
    private static String readFrame(InputStream in) throws IOException {
        int b = in.read();
        assertThat(b).isEqualTo(0x0b);
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        while ((b = in.read()) != 0x1c) {
            assertThat(b).isNotNegative();
            payload.write(b);
        }
        assertThat(in.read()).isEqualTo(0x0d);
        return payload.toString(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stands in for Hl7Intake: answers "ACK <payload>" per frame, once {@link #hold} (if set) completes. */
    public static class Intake {
        final List<String> received = new CopyOnWriteArrayList<>();
        final List<String> peers = new CopyOnWriteArrayList<>();
        volatile CompletableFuture<Void> hold = CompletableFuture.completedFuture(null);

        public CompletableFuture<List<String>> acceptFramesInTurn(List<byte[]> frames, String peer) {
            peers.add(peer);
            List<String> acks = new ArrayList<>();
            for (byte[] frame : frames) {
                String payload = new String(MllpFrames.payload(frame), StandardCharsets.US_ASCII).trim();
                received.add(payload);
                acks.add("ACK " + payload);
            }
            return hold.thenApply(ignored -> acks);
        }
    }
}
