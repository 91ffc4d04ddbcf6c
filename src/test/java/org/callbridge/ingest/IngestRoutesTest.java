package org.callbridge.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.callbridge.CallbridgeRuntime;
import org.callbridge.store.Rejection;
import org.callbridge.testing.FreePorts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real ingest routes of routes/ over MLLP and file drops, against an H2 outbox. */
class IngestRoutesTest {
    @TempDir
    static Path work;
    private static CallbridgeRuntime runtime;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        port = FreePorts.next();
        runtime = IngestTestRuntime.start(work, port);
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    private static long events() {
        return runtime.events().countBySource().values().stream().mapToLong(Long::longValue).sum();
    }

    private static String message(int i) {
        return ("MSH|^~\\&|EHR|CLINIC|CALLBRIDGE|CLINIC|20261125080000||SIU^S12|BULK-%1$d|P|2.5.1\r"
                + "SCH|BULK-APPT-%1$d||||||^Check-up||||^^^20261210%2$02d00\r"
                + "PID|1||100001^^^LSG^MR||Testperson^Ada\r").formatted(i, 10 + i % 8);
    }

    @Test
    void should_store_and_acknowledge_every_frame_of_a_single_tcp_write() throws Exception {
        long before = events();
        ByteArrayOutputStream oneWrite = new ByteArrayOutputStream();
        for (int i = 0; i < 50; i++) {
            oneWrite.writeBytes(Mllp.frame(message(i), true));
        }
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.getOutputStream().write(oneWrite.toByteArray());
            socket.getOutputStream().flush();

            List<String> acks = Mllp.readAcks(socket, 50);

            assertThat(acks).hasSize(50);
            assertThat(acks).allSatisfy(ack -> assertThat(Mllp.field(ack, "MSA", 1)).isEqualTo("AA"));
            assertThat(acks).extracting(ack -> Mllp.field(ack, "MSA", 2))
                    .containsExactlyInAnyOrderElementsOf(Stream.iterate(0, i -> i + 1).limit(50).map(i -> "BULK-" + i).toList());
        }
        assertThat(events() - before).isEqualTo(50);
    }

    @Test
    void should_acknowledge_pipelined_frames_in_the_order_they_were_sent() throws Exception {
        long before = events();
        ByteArrayOutputStream oneWrite = new ByteArrayOutputStream();
        List<String> sent = new java.util.ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String text = message(1000 + i).replace("BULK-", "ORDER-");
            if (i == 77) {
                text = "MSH|^~\\&|EHR|CLINIC|CALLBRIDGE|CLINIC|20261125080000||ADT^A01|ORDER-ADT|P|2.5\rPID|1||100001^^^LSG^MR\r";
            }
            sent.add(Mllp.field(text, "MSH", 10));
            oneWrite.writeBytes(Mllp.frame(text, true));
        }
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.getOutputStream().write(oneWrite.toByteArray());
            socket.getOutputStream().flush();

            List<String> acks = Mllp.readAcks(socket, 200);

            assertThat(acks).extracting(ack -> Mllp.field(ack, "MSA", 2)).containsExactlyElementsOf(sent);
            assertThat(Mllp.field(acks.get(77), "MSA", 1)).isEqualTo("AR");
            assertThat(acks).filteredOn(ack -> Mllp.field(ack, "MSA", 1).equals("AA")).hasSize(199);
        }
        assertThat(events() - before).isEqualTo(199);
    }

    @Test
    void should_accept_a_frame_whose_final_cr_is_missing() throws Exception {
        String message = Mllp.sample("01-new-s12.hl7");
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.getOutputStream().write(Mllp.frame(message, false));

            List<String> acks = Mllp.readAcks(socket, 1);

            assertThat(acks).singleElement().satisfies(ack -> assertThat(Mllp.field(ack, "MSA", 1)).isEqualTo("AA"));
        }
    }

    @Test
    void should_store_a_resent_message_once_even_with_a_new_control_id() throws Exception {
        String message = Mllp.sample("03-new-s12-epic-v23.hl7");
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.getOutputStream().write(Mllp.frame(message, true));
            Mllp.readAcks(socket, 1);
            long afterFirst = events();

            socket.getOutputStream().write(Mllp.frame(message, true));
            socket.getOutputStream().write(Mllp.frame(Mllp.withControlId(message, "RESENT-1"), true));
            List<String> acks = Mllp.readAcks(socket, 2);

            assertThat(acks).allSatisfy(ack -> assertThat(Mllp.field(ack, "MSA", 1)).isEqualTo("AA"));
            assertThat(events()).isEqualTo(afterFirst);
        }
    }

    @Test
    void should_reject_a_non_scheduling_message_with_ar_and_keep_it_with_its_reason() throws Exception {
        String adt = "MSH|^~\\&|EHR|CLINIC|CALLBRIDGE|CLINIC|20261125080000||ADT^A01|ADT-77|P|2.5\rPID|1||100001^^^LSG^MR||Testperson^Ada\r";
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.getOutputStream().write(Mllp.frame(adt, true));

            String ack = Mllp.readAcks(socket, 1).get(0);

            assertThat(Mllp.field(ack, "MSA", 1)).isEqualTo("AR");
            assertThat(Mllp.field(ack, "MSA", 2)).isEqualTo("ADT-77");
            assertThat(Mllp.field(ack, "MSA", 3)).contains("not a scheduling message");
            assertThat(ack).contains("ERR|");
        }
        assertThat(runtime.events().rejections()).extracting(Rejection::sourceRef).anyMatch(ref -> ref.contains("ADT-77"));
        try (Stream<Path> kept = Files.walk(work.resolve("rejected"))) {
            assertThat(kept.map(Path::toString)).anyMatch(p -> p.contains("ADT-77") && p.endsWith(".reason.txt"));
        }
    }

    @Test
    void should_answer_ae_for_an_unknown_patient() throws Exception {
        String unknown = message(3).replace("100001^^^LSG", "999999^^^LSG").replace("BULK-3", "UNKNOWN-1");
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.getOutputStream().write(Mllp.frame(unknown, true));

            String ack = Mllp.readAcks(socket, 1).get(0);

            assertThat(Mllp.field(ack, "MSA", 1)).isEqualTo("AE");
            assertThat(Mllp.field(ack, "MSA", 3)).contains("crosswalk").doesNotContain("999999");
        }
    }

    @Test
    void should_keep_serving_after_garbage_and_an_oversized_frame() throws Exception {
        try (Socket garbage = new Socket("127.0.0.1", port)) {
            garbage.getOutputStream().write(new byte[] {0x0B, 'x', 'y', 0x1C, 0x0D});
            assertThat(Mllp.field(Mllp.readAcks(garbage, 1).get(0), "MSA", 1)).isEqualTo("AR");
        }
        try (Socket huge = new Socket("127.0.0.1", port)) {
            OutputStream out = huge.getOutputStream();
            out.write(0x0B);
            out.write(new byte[100_000]);
            out.flush();
            assertThat(Mllp.readAcks(huge, 1)).isEmpty();
        } catch (IOException closedByListener) {
            // the listener drops a connection whose frame passes the size limit
        }
        try (Socket halfFrame = new Socket("127.0.0.1", port)) {
            halfFrame.getOutputStream().write(new byte[] {0x0B, 'M', 'S', 'H'});
        }
        try (Socket good = new Socket("127.0.0.1", port)) {
            good.getOutputStream().write(Mllp.frame(message(99).replace("BULK-99", "AFTER-GARBAGE"), true));
            assertThat(Mllp.field(Mllp.readAcks(good, 1).get(0), "MSA", 1)).isEqualTo("AA");
        }
    }

    @Test
    void should_ingest_hl7_files_once_even_when_dropped_again() throws Exception {
        Path inbox = work.resolve("inbox/hl7");
        Files.createDirectories(inbox);
        long rejectedBefore = runtime.events().rejectionCount();
        long before = events();
        copySamples(inbox);
        awaitProcessed(inbox);
        long stored = events() - before;
        long rejected = runtime.events().rejectionCount() - rejectedBefore;

        assertThat(stored + rejected).isEqualTo(14);
        assertThat(rejected).isEqualTo(2);
        assertThat(runtime.events().rejections()).extracting(Rejection::reason)
                .anyMatch(r -> r.contains("MSH-9")).anyMatch(r -> r.contains("crosswalk"));

        copySamples(inbox);
        awaitProcessed(inbox);

        assertThat(events() - before).isEqualTo(stored);
    }

    @Test
    void should_ingest_default_and_vendor_csv_with_bad_rows_rejected_alone() throws Exception {
        Path csvInbox = work.resolve("inbox/csv");
        Path vendorInbox = work.resolve("inbox/dentrix");
        Files.createDirectories(csvInbox);
        Files.createDirectories(vendorInbox);
        Files.copy(Path.of("sample-data/csv/appointments.csv"), csvInbox.resolve("appointments.csv"));
        Files.copy(Path.of("sample-data/csv-vendor/dentrix-export.csv"), vendorInbox.resolve("dentrix-export.csv"));

        await().atMost(Duration.ofSeconds(20)).until(() -> runtime.events().countBySource().containsKey("csv:default")
                && runtime.events().countBySource().containsKey("csv:dentrix")
                && !Files.exists(csvInbox.resolve("appointments.csv")) && !Files.exists(vendorInbox.resolve("dentrix-export.csv")));

        assertThat(runtime.events().countBySource().get("csv:default")).isEqualTo(5);
        assertThat(runtime.events().rejections()).extracting(Rejection::sourceRef)
                .contains("appointments.csv:7", "dentrix-export.csv:6");
    }

    private static void copySamples(Path inbox) throws IOException {
        try (Stream<Path> files = Files.list(Path.of("sample-data/hl7"))) {
            for (Path f : files.toList()) {
                Files.copy(f, inbox.resolve(f.getFileName()));
            }
        }
    }

    private static void awaitProcessed(Path inbox) {
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            try (Stream<Path> left = Files.list(inbox)) {
                return left.noneMatch(p -> p.toString().endsWith(".hl7"));
            }
        });
    }
}
