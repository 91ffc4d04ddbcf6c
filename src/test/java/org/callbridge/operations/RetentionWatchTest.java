package org.callbridge.operations;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.List;
import org.callbridge.ingest.RejectedFolder;
import org.callbridge.store.Database;
import org.callbridge.store.EventStore;
import org.callbridge.store.Pruning;
import org.callbridge.testing.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** A pruning run deletes the kept files of the rejections it pruned, and only below the rejected folder. */
class RetentionWatchTest {
    private static final Instant T0 = Instant.parse("2025-08-20T12:00:00Z");
    private static final Period RETENTION = Period.ofDays(30);

    @TempDir
    Path work;

    private final ManualClock clock = new ManualClock(T0);
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private Database db;
    private EventStore events;
    private Path rejected;
    private Path outside;

    @BeforeEach
    void open() throws IOException {
        db = Database.open(Database.h2FileUrl(work.resolve("state/cb")), "sa", "");
        events = new EventStore(db, clock);
        rejected = Files.createDirectories(work.resolve("rejected"));
        outside = Files.createDirectories(work.resolve("outside"));
        logged.start();
        ((Logger) LoggerFactory.getLogger(RetentionWatch.class)).addAppender(logged);
    }

    @AfterEach
    void close() {
        ((Logger) LoggerFactory.getLogger(RetentionWatch.class)).detachAppender(logged);
        db.close();
    }

    private RetentionWatch watch(Path rejectedDir) {
        return new RetentionWatch(new Pruning(db, clock), RETENTION, Period.ofYears(1), rejectedDir);
    }

    private void rejectedWith(Path keptFile) {
        events.reject("hl7-file", "smith-john.hl7", "not HL7", keptFile.toString(), null);
    }

    private static Path reasonOf(Path kept) {
        return kept.resolveSibling(kept.getFileName() + ".reason.txt");
    }

    private static Path file(Path path) throws IOException {
        Files.createDirectories(path.getParent());
        return Files.writeString(path, "PID|1||MRN-1||Smith^John");
    }

    @Test
    void should_delete_the_kept_files_of_pruned_rejections_with_their_reasons_inside_the_rejected_folder()
            throws IOException {
        RejectedFolder folder = new RejectedFolder(rejected, clock);
        Path old = folder.keep("hl7-file", "smith-john.hl7", "PID|1||MRN-1".getBytes(), "not HL7");
        rejectedWith(old);
        rejectedWith(rejected.resolve("hl7-file/already-gone.hl7"));
        clock.advance(Duration.ofDays(20));
        Path recent = folder.keep("hl7-file", "doe-jane.hl7", "PID|1||MRN-2".getBytes(), "not HL7");
        rejectedWith(recent);
        Path unrelated = file(rejected.resolve("hl7-file/not-a-rejection.txt"));
        clock.advance(Duration.ofDays(20));

        Pruning.Pruned pruned = watch(rejected).runOnce();

        assertThat(pruned.rejections()).isEqualTo(2);
        assertThat(pruned.keptFiles()).hasSize(2);
        assertThat(old).doesNotExist();
        assertThat(reasonOf(old)).doesNotExist();
        assertThat(recent).exists();
        assertThat(reasonOf(recent)).exists();
        assertThat(unrelated).exists();
        assertThat(events.rejections()).hasSize(1);
    }

    @Test
    void should_refuse_a_kept_file_outside_the_rejected_folder() throws IOException {
        Path secret = file(outside.resolve("secret.txt"));
        Path secretReason = file(reasonOf(secret));
        rejectedWith(secret);
        rejectedWith(rejected.resolve("hl7-file/../../outside/secret.txt"));
        rejectedWith(rejected);
        rejectedWith(work.resolve("rejected-but-not-below/x"));
        clock.advance(Duration.ofDays(40));

        Pruning.Pruned pruned = watch(rejected).runOnce();

        assertThat(pruned.rejections()).isEqualTo(4);
        assertThat(secret).exists();
        assertThat(secretReason).exists();
        assertThat(rejected).isDirectory();
        assertThat(info()).singleElement().asString().contains("4 refused");
    }

    @Test
    void should_never_follow_a_link_below_the_rejected_folder() throws IOException {
        Path secret = file(outside.resolve("secret.txt"));
        Path secretReason = file(reasonOf(secret));
        // a folder below the rejected folder that links outside: the kept file seems inside, and is not
        Files.createSymbolicLink(rejected.resolve("hl7-file"), outside);
        rejectedWith(rejected.resolve("hl7-file/secret.txt"));
        // a kept file that is itself a link (an inbox link moved in as it was): the link goes, not what it points to
        Path link = Files.createSymbolicLink(Files.createDirectories(rejected.resolve("csv")).resolve("link.csv"), secret);
        rejectedWith(link);
        clock.advance(Duration.ofDays(40));

        watch(rejected).runOnce();

        assertThat(secret).exists().hasContent("PID|1||MRN-1||Smith^John");
        assertThat(secretReason).exists();
        assertThat(Files.exists(link, LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThat(Files.isSymbolicLink(rejected.resolve("hl7-file"))).isTrue();
        assertThat(info()).singleElement().asString().contains("1 refused");
    }

    @Test
    void should_check_every_folder_on_the_way_where_folders_cannot_be_opened_without_following_links()
            throws IOException {
        Path secret = file(outside.resolve("secret.txt"));
        Files.createSymbolicLink(rejected.resolve("hl7-file"), outside);
        Path kept = file(rejected.resolve("mllp/kept.hl7"));
        Path link = Files.createSymbolicLink(rejected.resolve("mllp/link.hl7"), secret);

        assertThat(RetentionWatch.checkedDelete(rejected, Path.of("hl7-file/secret.txt")))
                .isEqualTo(RetentionWatch.Outcome.REFUSED);
        assertThat(RetentionWatch.checkedDelete(rejected, Path.of("mllp"))).isEqualTo(RetentionWatch.Outcome.REFUSED);
        assertThat(RetentionWatch.checkedDelete(rejected, Path.of("mllp/link.hl7")))
                .isEqualTo(RetentionWatch.Outcome.DELETED);
        assertThat(RetentionWatch.checkedDelete(rejected, Path.of("mllp/kept.hl7")))
                .isEqualTo(RetentionWatch.Outcome.DELETED);
        assertThat(RetentionWatch.checkedDelete(rejected, Path.of("mllp/kept.hl7")))
                .isEqualTo(RetentionWatch.Outcome.MISSING);

        assertThat(secret).exists();
        assertThat(kept).doesNotExist();
        assertThat(Files.exists(link, LinkOption.NOFOLLOW_LINKS)).isFalse();
    }

    @Test
    void should_accept_a_rejected_folder_that_is_itself_a_link_as_an_administrator_may_configure_it() throws IOException {
        Path configured = Files.createSymbolicLink(work.resolve("rejected-link"), rejected);
        Path kept = file(configured.resolve("mllp/20250820-1-input.hl7"));
        Path reason = file(reasonOf(kept));
        rejectedWith(kept);
        clock.advance(Duration.ofDays(40));

        watch(configured).runOnce();

        assertThat(rejected.resolve("mllp/20250820-1-input.hl7")).doesNotExist();
        assertThat(reason).doesNotExist();
    }

    @Test
    void should_log_one_line_of_counts_without_paths_or_input() throws IOException {
        Path kept = file(rejected.resolve("csv/smith-john-1990-01-01.csv"));
        file(reasonOf(kept));
        rejectedWith(kept);
        rejectedWith(outside.resolve("doe-jane.csv"));
        clock.advance(Duration.ofDays(40));

        watch(rejected).runOnce();

        List<String> lines = logged.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(info()).singleElement().asString()
                .contains("2 rejection(s)", "2 file(s) of the rejected folder deleted", "1 refused");
        assertThat(lines).isNotEmpty().noneMatch(l -> l.contains("smith") || l.contains("doe") || l.contains("MRN")
                || l.contains(work.toString()));
    }

    private List<String> info() {
        return logged.list.stream().filter(e -> e.getLevel() == Level.INFO).map(ILoggingEvent::getFormattedMessage)
                .toList();
    }
}
