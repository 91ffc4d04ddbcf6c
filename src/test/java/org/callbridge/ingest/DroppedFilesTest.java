package org.callbridge.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
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
import org.slf4j.LoggerFactory;

/**
 * The file routes of routes/ against drops a careless feed or a hostile one makes: files larger than memory, no
 * line breaks, a writer that pauses, names starting with a dot or holding several dots or a line break, symbolic
 * links in the inbox and as processed/. Every file ends read, read again, or rejected with its reason; none stops
 * the route, and nothing is read or written outside the configured folders.
 */
class DroppedFilesTest {
    @TempDir
    static Path work;
    private static CallbridgeRuntime runtime;
    private static Path hl7Inbox;
    private static Path csvInbox;

    @BeforeAll
    static void start() throws Exception {
        runtime = IngestTestRuntime.start(work, FreePorts.next());
        hl7Inbox = Files.createDirectories(work.resolve("inbox/hl7"));
        csvInbox = Files.createDirectories(work.resolve("inbox/csv"));
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }


    private static String csvRow(String appointmentId) {
        return appointmentId + ",100001,,2026-12-10T10:00,America/New_York,Check-up,Dr. Cole,Main,booked\n";
    }

    private static final String CSV_HEADER = "appointment_id,mrn,patient_id,start,timezone,appointment_type,provider,location,status\n";

    /** Drops a file as a sender does: written beside the inbox, then moved in. */
    private static void drop(Path inbox, String name, String content) throws IOException {
        Path staged = work.resolve("staging").resolve(name.replace('/', '_'));
        Files.createDirectories(staged.getParent());
        Files.writeString(staged, content, StandardCharsets.UTF_8);
        Files.move(staged, inbox.resolve(name));
    }

    private static boolean stored(String key) {
        return runtime.events().latestFor(key).isPresent();
    }

    private static List<Rejection> rejectionsMentioning(String text) {
        return runtime.events().rejections().stream().filter(r -> r.sourceRef() != null && r.sourceRef().contains(text)
                || r.reason().contains(text)).toList();
    }

    private static List<Path> processed(Path inbox) throws IOException {
        if (!Files.isDirectory(inbox.resolve("processed"))) {
            return List.of();
        }
        try (Stream<Path> all = Files.walk(inbox.resolve("processed"))) {
            return all.filter(Files::isRegularFile).toList();
        }
    }

    private static void sparse(Path file, long length) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(length);
        }
    }

    @Test
    void should_reject_a_2_gb_hl7_file_without_holding_it_and_take_the_next_file() throws Exception {
        Path staged = Files.createDirectories(work.resolve("staging")).resolve("huge.hl7");
        // more bytes than any Java array holds: read whole, this file killed the route
        sparse(staged, (1L << 31) + 10);
        Files.move(staged, hl7Inbox.resolve("huge.hl7"));
        drop(hl7Inbox, "after-huge.hl7", Mllp.s12("AFTER-HUGE"));

        await().atMost(Duration.ofSeconds(90)).until(() -> stored("hl7|AFTER-HUGE") && !Files.exists(hl7Inbox.resolve("huge.hl7")));

        assertThat(rejectionsMentioning("huge.hl7")).singleElement().satisfies(r -> {
            assertThat(r.reason()).contains("message longer than 1048576 characters");
            assertThat(Path.of(r.keptFile())).exists().hasSize(Hl7Intake.KEPT_UNREADABLE);
        });
        assertThat(processed(hl7Inbox)).anyMatch(p -> p.getFileName().toString().startsWith("huge-"));
    }

    @Test
    void should_reject_a_2_gb_csv_without_line_breaks_once_and_take_the_next_file() throws Exception {
        Path staged = Files.createDirectories(work.resolve("staging")).resolve("huge.csv");
        sparse(staged, (1L << 31) + 10);
        Files.move(staged, csvInbox.resolve("huge.csv"));
        drop(csvInbox, "after-huge.csv", CSV_HEADER + csvRow("AFTER-HUGE-CSV"));

        await().atMost(Duration.ofSeconds(30)).until(() -> stored("csv:default|AFTER-HUGE-CSV")
                && !Files.exists(csvInbox.resolve("huge.csv")));

        assertThat(rejectionsMentioning("huge.csv")).singleElement()
                .satisfies(r -> assertThat(r.reason()).contains("header row longer than 1048576 characters"));
    }

    @Test
    void should_reject_an_unclosed_quote_that_runs_on_through_a_long_file_and_keep_the_rows_before_it() throws Exception {
        StringBuilder file = new StringBuilder(CSV_HEADER).append(csvRow("BEFORE-QUOTE"));
        file.append("\"OPEN-QUOTE,100001,,2026-12-10T10:00,America/New_York,Check-up,Dr. Cole,Main,booked\n");
        String filler = csvRow("INSIDE-QUOTE");
        while (file.length() < 3 << 20) {
            file.append(filler);
        }
        drop(csvInbox, "open-quote.csv", file.toString());

        await().atMost(Duration.ofSeconds(30)).until(() -> !rejectionsMentioning("open-quote.csv").isEmpty());

        assertThat(stored("csv:default|BEFORE-QUOTE")).isTrue();
        assertThat(stored("csv:default|INSIDE-QUOTE")).isFalse();
        assertThat(rejectionsMentioning("open-quote.csv")).singleElement()
                .satisfies(r -> assertThat(r.reason()).contains("a row longer than 1048576 characters"));
    }

    @Test
    void should_read_a_file_whose_name_starts_with_a_dot() throws Exception {
        drop(hl7Inbox, ".hidden-drop.hl7", Mllp.s12("DOT-NAME"));

        await().atMost(Duration.ofSeconds(20)).until(() -> stored("hl7|DOT-NAME"));
        await().atMost(Duration.ofSeconds(5)).until(() -> !Files.exists(hl7Inbox.resolve(".hidden-drop.hl7")));
    }

    @Test
    void should_keep_every_dot_of_a_name_in_processed() throws Exception {
        drop(hl7Inbox, "08-renalware-S12-v2.4.hl7", Mllp.s12("MANY-DOTS"));

        await().atMost(Duration.ofSeconds(20)).until(() -> processed(hl7Inbox).stream()
                .anyMatch(p -> p.getFileName().toString().matches("08-renalware-S12-v2\\.4-\\d{9}\\.hl7")));
        assertThat(stored("hl7|MANY-DOTS")).isTrue();
    }

    @Test
    void should_reject_a_symbolic_link_in_the_inbox_without_reading_or_copying_its_target() throws Exception {
        Path secret = Files.createDirectories(work.resolve("outside")).resolve("secret.hl7");
        Files.writeString(secret, Mllp.s12("BEHIND-LINK") + "ZXX|top-secret-content\r");
        Files.createSymbolicLink(hl7Inbox.resolve("link.hl7"), secret);

        await().atMost(Duration.ofSeconds(20)).until(() -> !rejectionsMentioning("link.hl7").isEmpty());

        Rejection rejection = rejectionsMentioning("link.hl7").get(0);
        assertThat(rejection.reason()).contains("symbolic link");
        assertThat(Path.of(rejection.keptFile())).isSymbolicLink();
        assertThat(stored("hl7|BEHIND-LINK")).isFalse();
        assertThat(secret).hasContent(Mllp.s12("BEHIND-LINK") + "ZXX|top-secret-content\r");
        try (Stream<Path> kept = Files.walk(work.resolve("rejected"))) {
            for (Path p : kept.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).toList()) {
                assertThat(Files.readString(p)).as(p.toString()).doesNotContain("top-secret-content");
            }
        }
    }

    @Test
    void should_not_move_a_file_through_a_processed_folder_that_is_a_symbolic_link() throws Exception {
        Path inbox = Files.createDirectories(work.resolve("inbox/dentrix"));
        Path elsewhere = Files.createDirectories(work.resolve("elsewhere"));
        Files.createSymbolicLink(inbox.resolve("processed"), elsewhere);
        String header = "Appt ID;Chart #;Appt Date;Appt Time;Visit Type;Provider;Department;Status\n";
        drop(inbox, "linked-processed.csv", header + "D-LINKED;100001;12/10/2026;10:00 AM;Check-up;Dr. Cole;Main;Booked\n");

        await().atMost(Duration.ofSeconds(20)).until(() -> !Files.exists(inbox.resolve("linked-processed.csv")));

        assertThat(stored("csv:dentrix|D-LINKED")).isTrue();
        try (Stream<Path> moved = Files.walk(elsewhere)) {
            assertThat(moved.filter(p -> !p.equals(elsewhere))).as("nothing written through the link").isEmpty();
        }
        assertThat(rejectionsMentioning("linked-processed.csv")).isEmpty();
        try (Stream<Path> kept = Files.walk(work.resolve("rejected/csv-dentrix"))) {
            List<String> files = kept.map(Path::getFileName).map(Path::toString)
                    .filter(n -> n.contains("linked-processed.csv")).toList();
            assertThat(files).anyMatch(n -> n.endsWith(".reason.txt")).anyMatch(n -> n.endsWith("linked-processed.csv"));
        }
    }

    @Test
    void should_escape_a_line_break_in_a_file_name_in_the_log_and_the_reason_file() throws Exception {
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        Logger root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        captured.start();
        root.addAppender(captured);
        try {
            drop(hl7Inbox, "forged\n12:00:00.000 INFO  FORGED line.hl7", "not HL7 at all\r");
            await().atMost(Duration.ofSeconds(20)).until(() -> !rejectionsMentioning("FORGED line").isEmpty());
        } finally {
            root.detachAppender(captured);
        }

        List<String> lines = captured.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(lines).anyMatch(l -> l.contains("forged\\n12:00:00.000 INFO  FORGED line.hl7"));
        assertThat(lines).noneMatch(l -> l.contains("\n") || l.contains("\r"));
        Path kept = Path.of(rejectionsMentioning("FORGED line").get(0).keptFile());
        String reason = Files.readString(kept.resolveSibling(kept.getFileName() + ".reason.txt"));
        assertThat(reason.strip()).doesNotContain("\n").contains("forged\\n12:00");
    }

    @Test
    void should_read_again_a_file_that_changed_after_it_was_taken_half_written() throws Exception {
        Path file = csvInbox.resolve("slow-writer.csv");
        double before = runtime.counters().count("callbridge.files.changed", "when", "after-read");
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write((CSV_HEADER + csvRow("SLOW-1") + csvRow("SLOW-2")).getBytes(StandardCharsets.UTF_8));
            out.flush();
            // the writer pauses past the read-lock age: the file is taken half written
            await().atMost(Duration.ofSeconds(20)).until(() -> stored("csv:default|SLOW-2") && !Files.exists(file));
            out.write((csvRow("SLOW-3") + csvRow("SLOW-4")).getBytes(StandardCharsets.UTF_8));
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> stored("csv:default|SLOW-3") && stored("csv:default|SLOW-4"));
        assertThat(runtime.counters().count("callbridge.files.changed", "when", "after-read")).isEqualTo(before + 1);
        assertThat(runtime.events().countBySource().get("csv:default")).isGreaterThanOrEqualTo(4);
    }
}
