package org.callbridge.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.callbridge.CallbridgeRuntime;
import org.callbridge.testing.FreePorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The done-file convention ({@code callbridge.inbox.done-suffix}): a drop is taken only once its sender has written
 * {@code <name><suffix>} beside it, however long the file itself takes to write, and the done file goes with it.
 */
class DoneFilesTest {
    @TempDir
    Path work;

    @Test
    void should_take_a_file_only_once_its_done_file_is_there_and_remove_both() throws Exception {
        var settings = IngestTestRuntime.settings(work, FreePorts.next()).with(Map.of("callbridge.inbox.done-suffix", ".done",
                "callbridge.inbox.read-lock-min-age-millis", "100"));
        try (CallbridgeRuntime runtime = new CallbridgeRuntime(settings, Clock.systemUTC())) {
            runtime.start();
            Path inbox = Files.createDirectories(work.resolve("inbox/hl7"));
            Path file = Files.writeString(inbox.resolve("slow.hl7"), "MSH|^~\\&|EHR|CLINIC|CALLBRIDGE|CLINIC|"
                    + "20261125080000||SIU^S12|D1|P|2.5.1\rSCH|DONE-1||||||^Check-up||||^^^202612101000\r"
                    + "PID|1||100001^^^LSG^MR\r");

            Thread.sleep(2_000);
            assertThat(file).as("no done file yet: not taken").exists();
            assertThat(runtime.events().latestFor("hl7|DONE-1")).isEmpty();

            Files.writeString(inbox.resolve("slow.hl7.done"), "");

            await().atMost(Duration.ofSeconds(20)).until(() -> runtime.events().latestFor("hl7|DONE-1").isPresent());
            await().atMost(Duration.ofSeconds(5)).until(() -> !Files.exists(file) && !Files.exists(inbox.resolve("slow.hl7.done")));
        }
    }
}
