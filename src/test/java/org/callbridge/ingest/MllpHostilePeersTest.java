package org.callbridge.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.callbridge.CallbridgeRuntime;
import org.callbridge.store.Rejection;
import org.callbridge.testing.FreePorts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MLLP listener of the real route against peers that misbehave: bytes without framing, a frame past the size
 * limit, peers that connect and stay silent, half a frame then a hang-up, and 200 senders at once. Each bad peer
 * costs only its own connection: the listener keeps answering everyone else, and only complete, valid messages are
 * stored. Control ids that name paths never lead a kept file out of the rejected folder.
 */
class MllpHostilePeersTest {
    /** The size limit the test runtime sets ({@code callbridge.hl7.mllp.max-message-bytes}). */
    private static final int LIMIT = 65_536;

    @TempDir
    static Path work;
    private static CallbridgeRuntime runtime;
    private static int port;
    private final List<Socket> open = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        port = FreePorts.next();
        runtime = IngestTestRuntime.start(work, port);
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    @AfterEach
    void closePeers() {
        for (Socket s : open) {
            try {
                s.close();
            } catch (IOException ignored) {
                // the listener may have closed it first
            }
        }
    }

    private static String message(String controlId, String appointmentId) {
        return ("MSH|^~\\&|EHR|CLINIC|CALLBRIDGE|CLINIC|20261125080000||SIU^S12|%s|P|2.5.1\r"
                + "SCH|%s||||||^Check-up||||^^^202612101000\r"
                + "PID|1||100001^^^LSG^MR||Testperson^Ada\r").formatted(controlId, appointmentId);
    }

    private static long events() {
        return runtime.events().countBySource().values().stream().mapToLong(Long::longValue).sum();
    }

    private Socket connect() throws IOException {
        Socket s = new Socket("127.0.0.1", port);
        s.setSoTimeout(20_000);
        open.add(s);
        return s;
    }

    /** Sends one valid message on a new connection and returns MSA-1 of its ACK. */
    private String sendGood(String controlId) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.getOutputStream().write(Mllp.frame(message(controlId, "APPT-" + controlId), true));
            List<String> acks = Mllp.readAcks(s, 1);
            assertThat(acks).as("ACK for " + controlId).hasSize(1);
            assertThat(Mllp.field(acks.get(0), "MSA", 2)).isEqualTo(controlId);
            return Mllp.field(acks.get(0), "MSA", 1);
        }
    }

    /** True when the listener closed the connection (end of stream or reset) within the socket timeout. */
    private static boolean closedByListener(Socket s) {
        try {
            InputStream in = s.getInputStream();
            while (true) {
                if (in.read() < 0) {
                    return true;
                }
            }
        } catch (IOException reset) {
            return !(reset instanceof java.net.SocketTimeoutException);
        }
    }

    @Test
    void should_ignore_bytes_without_any_framing_and_keep_serving() throws Exception {
        long before = events();
        Socket garbage = connect();
        byte[] noise = new byte[8_000];
        new Random(7).nextBytes(noise);
        for (int i = 0; i < noise.length; i++) {
            if (noise[i] == 0x0B || noise[i] == 0x1C) {
                noise[i] = 'x';
            }
        }
        OutputStream out = garbage.getOutputStream();
        out.write("GET / HTTP/1.1\r\nHost: callbridge\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.write(noise);
        out.flush();

        assertThat(sendGood("AFTER-NOISE")).isEqualTo("AA");
        assertThat(events() - before).isEqualTo(1);
    }

    @Test
    void should_answer_ar_to_a_frame_end_without_a_frame_start() throws Exception {
        Socket peer = connect();
        peer.getOutputStream().write("PID|1||100001^^^LSG^MR||Testperson^Ada\r".getBytes(StandardCharsets.US_ASCII));
        peer.getOutputStream().write(new byte[] {0x1C, 0x0D});

        List<String> acks = Mllp.readAcks(peer, 1);

        assertThat(acks).singleElement().satisfies(ack -> assertThat(Mllp.field(ack, "MSA", 1)).isEqualTo("AR"));
        assertThat(sendGood("AFTER-NO-START")).isEqualTo("AA");
    }

    @Test
    void should_drop_a_complete_frame_over_the_size_limit_without_storing_it() throws Exception {
        String huge = message("HUGE-1", "HUGE-APPT") + "ZXX|" + "y".repeat(LIMIT + 10) + "\r";
        Socket peer = connect();
        try {
            peer.getOutputStream().write(Mllp.frame(huge, true));
            peer.getOutputStream().write(Mllp.frame(message("AFTER-HUGE-SAME-CONNECTION", "APPT-SAME"), true));
        } catch (IOException closedWhileWriting) {
            // the listener may close the connection before the whole frame is written
        }

        assertThat(closedByListener(peer)).as("connection closed by the listener").isTrue();
        assertThat(sendGood("AFTER-HUGE")).isEqualTo("AA");
        // a complete frame that followed in the same TCP read may still be taken before the close: it is whole
        assertThat(runtime.events().latestFor("hl7|HUGE-APPT")).as("the oversized message").isEmpty();
        assertThat(runtime.events().latestFor("hl7|APPT-AFTER-HUGE")).isPresent();
    }

    @Test
    void should_store_nothing_from_half_a_frame_and_take_the_whole_message_when_sent_again() throws Exception {
        long before = events();
        byte[] frame = Mllp.frame(message("HALF-1", "HALF-APPT"), true);
        try (Socket half = new Socket("127.0.0.1", port)) {
            half.getOutputStream().write(frame, 0, frame.length / 2);
            half.getOutputStream().flush();
        }
        Thread.sleep(300);
        assertThat(events()).isEqualTo(before);

        try (Socket again = new Socket("127.0.0.1", port)) {
            again.getOutputStream().write(frame);
            assertThat(Mllp.field(Mllp.readAcks(again, 1).get(0), "MSA", 1)).isEqualTo("AA");
        }
        assertThat(events() - before).isEqualTo(1);
    }

    @Test
    void should_serve_others_while_peers_connect_and_never_send() throws Exception {
        for (int i = 0; i < 50; i++) {
            connect();
        }
        long started = System.nanoTime();

        assertThat(sendGood("BESIDE-SILENT")).isEqualTo("AA");

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void should_acknowledge_200_concurrent_senders_with_aa_while_bad_peers_hang_on() throws Exception {
        // bad peers stay connected during the whole burst: silent, half a frame, noise
        for (int i = 0; i < 10; i++) {
            connect();
            connect().getOutputStream().write(new byte[] {0x0B, 'M', 'S', 'H', '|'});
            connect().getOutputStream().write("noise without any frame".getBytes(StandardCharsets.US_ASCII));
        }
        long before = events();
        int senders = 200;
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < senders; i++) {
                String controlId = "BURST-" + i;
                Callable<String> send = () -> {
                    try (Socket s = new Socket("127.0.0.1", port)) {
                        s.setSoTimeout(30_000);
                        go.await();
                        s.getOutputStream().write(Mllp.frame(message(controlId, "BURST-APPT-" + controlId), true));
                        String ack = Mllp.readAcks(s, 1).get(0);
                        return Mllp.field(ack, "MSA", 2) + "=" + Mllp.field(ack, "MSA", 1);
                    }
                };
                answers.add(pool.submit(send));
            }
            go.countDown();
            List<String> results = new ArrayList<>();
            for (Future<String> answer : answers) {
                results.add(answer.get(60, TimeUnit.SECONDS));
            }

            assertThat(results).hasSize(senders).allSatisfy(r -> assertThat(r).matches("BURST-\\d+=AA"));
            assertThat(results).doesNotHaveDuplicates();
        } finally {
            pool.shutdownNow();
        }
        assertThat(events() - before).isEqualTo(senders);
        assertThat(sendGood("AFTER-BURST")).isEqualTo("AA");
    }

    @Test
    void should_keep_rejected_messages_inside_the_rejected_folder_whatever_their_control_id() throws Exception {
        Path root = work.resolve("rejected").toAbsolutePath().normalize();
        List<String> hostile = List.of("../../../../tmp/escaped", "/etc/passwd", "..", "..\\..\\windows\\x",
                "a/../../b", "%2e%2e%2f%2e%2e", "x".repeat(300), "nul\u0000byte");
        for (String controlId : hostile) {
            String adt = "MSH|^~\\&|EHR|CLINIC|CALLBRIDGE|CLINIC|20261125080000||ADT^A01|" + controlId + "|P|2.5\r"
                    + "PID|1||100001^^^LSG^MR||Testperson^Ada\r";
            try (Socket s = new Socket("127.0.0.1", port)) {
                s.getOutputStream().write(Mllp.frame(adt, true));
                assertThat(Mllp.field(Mllp.readAcks(s, 1).get(0), "MSA", 1)).as(controlId).isEqualTo("AR");
            }
        }

        List<Rejection> kept = runtime.events().rejections().stream().filter(r -> r.source().equals("mllp")).toList();
        assertThat(kept).hasSizeGreaterThanOrEqualTo(hostile.size());
        for (Rejection r : kept) {
            Path file = Path.of(r.keptFile()).toAbsolutePath().normalize();
            assertThat(file).as(r.keptFile()).startsWith(root.resolve("mllp"));
            assertThat(file.getParent()).isEqualTo(root.resolve("mllp"));
            assertThat(file.getFileName().toString().length()).isLessThanOrEqualTo(255);
            assertThat(file).exists();
        }
        try (Stream<Path> all = Files.walk(work.getParent(), 1)) {
            assertThat(all.map(p -> p.getFileName().toString())).doesNotContain("escaped");
        }
        assertThat(Path.of("/tmp/escaped")).doesNotExist();
        await().atMost(Duration.ofSeconds(5)).until(() -> sendGood("AFTER-HOSTILE-IDS").equals("AA"));
    }
}
