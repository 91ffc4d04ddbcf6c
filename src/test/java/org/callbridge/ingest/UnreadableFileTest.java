package org.callbridge.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.callbridge.Application;
import org.callbridge.testing.FreePorts;
import org.callbridge.testing.RunProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dropped file that callbridge may not read (no read permission) is moved to the rejected folder once, with a
 * reason a person can act on, and the route takes the next file; it is not retried, with a stack trace, at every
 * poll. Run as {@code run} in a child process; as root, the child runs without the capabilities that let root read
 * any file, so that permissions apply to it as to a service account.
 */
class UnreadableFileTest {
    @TempDir
    Path work;

    @Test
    void should_reject_a_file_without_read_permission_once_and_take_the_next() throws Exception {
        int port = FreePorts.next();
        Path hl7Inbox = Files.createDirectories(work.resolve("inbox/hl7"));
        Path config = RunProcess.config(work, port,
                "callbridge.management.port=",
                "callbridge.inbox.poll-delay-millis=100",
                "callbridge.inbox.read-lock-min-age-millis=200",
                "callbridge.patients.crosswalk=" + Path.of("sample-data/crosswalk.csv").toAbsolutePath());
        Path log = work.resolve("run.log");
        // as root, without the capabilities that let root read any file
        List<String> prefix = "root".equals(System.getProperty("user.name"))
                ? List.of("setpriv", "--bounding-set=-dac_override,-dac_read_search") : List.of();
        Process run = RunProcess.start(prefix, config, work, log);
        try {
            RunProcess.awaitListening(port, run);
            Path locked = hl7Inbox.resolve("locked.hl7");
            Files.writeString(locked, "MSH|^~\\&|EHR|CLINIC|CALLBRIDGE|CLINIC|20261125080000||SIU^S12|L1|P|2.5.1\r");
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
            Thread.sleep(1_500);
            Files.writeString(hl7Inbox.resolve("open.hl7"), "MSH|^~\\&|EHR|CLINIC|CALLBRIDGE|CLINIC|20261125080000"
                    + "||SIU^S12|O1|P|2.5.1\rSCH|OPEN-1||||||^Check-up||||^^^202612101000\rPID|1||100001^^^LSG^MR\r");

            await().atMost(Duration.ofSeconds(30)).until(() -> !Files.exists(locked)
                    && !Files.exists(hl7Inbox.resolve("open.hl7")));
            Thread.sleep(1_500);
        } finally {
            run.destroy();
            run.waitFor(30, TimeUnit.SECONDS);
            run.destroyForcibly();
        }
        List<Path> kept = new ArrayList<>();
        try (Stream<Path> files = Files.list(work.resolve("rejected/hl7-file"))) {
            files.forEach(kept::add);
        }
        assertThat(kept).anyMatch(p -> p.getFileName().toString().endsWith("-locked.hl7"));
        Path reason = kept.stream().filter(p -> p.getFileName().toString().endsWith("-locked.hl7.reason.txt"))
                .findFirst().orElseThrow();
        assertThat(Files.readString(reason)).contains("locked.hl7: cannot be read: permission denied");
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(output.lines().filter(l -> l.contains("locked.hl7"))).as(output).hasSizeLessThanOrEqualTo(2);
        assertThat(output).doesNotContain("hl7-files-to-outbox failed").doesNotContain("AccessDeniedException")
                .contains("HL7 file open.hl7: 1 messages, 1 stored");
    }
}
