package org.callbridge.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.callbridge.store.Database;
import org.callbridge.store.ReadFiles;
import org.callbridge.testing.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Taking and moving dropped files, without a route: names, links, files that change while or after they are read. */
class InboxFilesTest {
    @TempDir
    Path work;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-02T10:15:30.123Z"));
    private final IntakeCounters counters = new IntakeCounters(new SimpleMeterRegistry());

    private Database db;

    @BeforeEach
    void open() {
        db = Database.open(Database.h2FileUrl(work.resolve("state/cb")), "sa", "");
    }

    @AfterEach
    void close() {
        db.close();
    }

    private InboxFiles inbox(Path dir, String doneSuffix) {
        return new InboxFiles("hl7-file", dir, new RejectedFolder(work.resolve("rejected"), Clock.systemUTC()), doneSuffix,
                Duration.ofMinutes(10), clock, ZoneOffset.UTC, counters, new ReadFiles(db));
    }

    private static List<Path> under(Path dir) throws Exception {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(Files::isRegularFile).toList();
        }
    }

    @Test
    void should_put_the_time_before_the_last_extension_only() {
        assertThat(InboxFiles.processedName("08-renalware-S12-v2.4.hl7", "101530123")).isEqualTo("08-renalware-S12-v2.4-101530123.hl7");
        assertThat(InboxFiles.processedName("plain.hl7", "1")).isEqualTo("plain-1.hl7");
        assertThat(InboxFiles.processedName("no-extension", "1")).isEqualTo("no-extension-1");
        assertThat(InboxFiles.processedName(".hidden.hl7", "1")).isEqualTo(".hidden-1.hl7");
        assertThat(InboxFiles.processedName(".hl7", "1")).isEqualTo(".hl7-1");
    }

    @Test
    void should_move_a_read_file_to_processed_of_its_day_and_remove_its_done_file() throws Exception {
        Path dir = Files.createDirectories(work.resolve("inbox"));
        Path file = Files.writeString(dir.resolve("a.b.hl7"), "MSH|");
        Files.writeString(dir.resolve("a.b.hl7.done"), "");
        InboxFiles inbox = inbox(dir, ".done");

        inbox.finish(inbox.take(file.toString()));

        assertThat(under(dir)).containsExactly(dir.resolve("processed/20261202/a.b-101530123.hl7"));
    }

    @Test
    void should_keep_a_file_that_changed_while_it_was_read_in_the_inbox() throws Exception {
        Path dir = Files.createDirectories(work.resolve("inbox"));
        Path file = Files.writeString(dir.resolve("growing.hl7"), "MSH|1\r");
        InboxFiles inbox = inbox(dir, null);
        InboxFile taken = inbox.take(file.toString());

        Files.writeString(file, "MSH|2\r", StandardOpenOption.APPEND);

        assertThatThrownBy(() -> inbox.finish(taken)).isInstanceOf(InboxFiles.FileChangedException.class);
        assertThat(file).exists();
        assertThat(counters.count("callbridge.files.changed", "when", "while-read")).isEqualTo(1.0);
    }

    @Test
    void should_move_a_processed_file_back_when_it_changes_within_the_watch_and_not_after() throws Exception {
        Path dir = Files.createDirectories(work.resolve("inbox"));
        InboxFiles inbox = inbox(dir, null);
        Path first = Files.writeString(dir.resolve("paused.hl7"), "MSH|1\r");
        inbox.finish(inbox.take(first.toString()));
        Path moved = dir.resolve("processed/20261202/paused-101530123.hl7");
        assertThat(inbox.recheckProcessed()).as("unchanged").isZero();

        Files.writeString(moved, "MSH|2\r", StandardOpenOption.APPEND);

        assertThat(inbox.recheckProcessed()).isEqualTo(1);
        assertThat(dir.resolve("paused.hl7")).hasContent("MSH|1\rMSH|2\r");
        assertThat(moved).doesNotExist();

        clock.set(Instant.parse("2026-12-02T11:15:30.123Z"));
        Path late = Files.writeString(dir.resolve("late.hl7"), "MSH|1\r");
        inbox.finish(inbox.take(late.toString()));
        clock.advance(Duration.ofMinutes(11));
        Path lateMoved = dir.resolve("processed/20261202/late-111530123.hl7");
        Files.writeString(lateMoved, "MSH|2\r", StandardOpenOption.APPEND);
        Files.setLastModifiedTime(lateMoved, FileTime.from(Instant.now().plusSeconds(5)));
        assertThat(inbox.recheckProcessed()).as("past the watch").isZero();
    }

    @Test
    void should_still_watch_a_moved_file_after_a_restart() throws Exception {
        Path dir = Files.createDirectories(work.resolve("inbox"));
        Path first = Files.writeString(dir.resolve("before-restart.hl7"), "MSH|1\r");
        inbox(dir, null).finish(inbox(dir, null).take(first.toString()));
        Path moved = dir.resolve("processed/20261202/before-restart-101530123.hl7");

        Files.writeString(moved, "MSH|2\r", StandardOpenOption.APPEND);
        db.close();
        db = Database.open(Database.h2FileUrl(work.resolve("state/cb")), "sa", ""); // a new process, after kill -9

        assertThat(inbox(dir, null).recheckProcessed()).isEqualTo(1);
        assertThat(dir.resolve("before-restart.hl7")).hasContent("MSH|1\rMSH|2\r");
    }

    @Test
    void should_take_a_link_as_unreadable_and_move_the_link_itself_when_rejected() throws Exception {
        Path dir = Files.createDirectories(work.resolve("inbox"));
        Path target = Files.writeString(work.resolve("secret.txt"), "secret");
        Path link = Files.createSymbolicLink(dir.resolve("link.hl7"), target);
        InboxFiles inbox = inbox(dir, null);

        InboxFile taken = inbox.take(link.toString());
        Path kept = taken.reject(taken.unreadableReason());
        inbox.finish(taken);

        assertThat(taken.unreadableReason()).startsWith("a symbolic link to " + target);
        assertThat(kept).isSymbolicLink();
        assertThat(Files.readSymbolicLink(kept)).isEqualTo(target);
        assertThat(link).doesNotExist();
        assertThat(target).hasContent("secret");
        assertThat(dir.resolve("processed")).doesNotExist();
    }

    @Test
    void should_take_a_directory_named_like_a_drop_as_not_a_regular_file() throws Exception {
        Path dir = Files.createDirectories(work.resolve("inbox"));
        Path folder = Files.createDirectories(dir.resolve("folder.hl7"));

        assertThat(inbox(dir, null).take(folder.toString()).unreadableReason()).isEqualTo("not a regular file");
    }
}
