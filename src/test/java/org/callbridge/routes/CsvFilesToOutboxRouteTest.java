package org.callbridge.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.spi.Registry;
import org.junit.jupiter.api.Test;

/** csv-files-to-outbox, one route per feed from the template: a real dropped file goes take, accept (with its feed), finish. */
class CsvFilesToOutboxRouteTest extends RouteFileTestSupport {
    private final Calls calls = new Calls();

    @Override
    protected String[] routeFiles() {
        return new String[] {"csv-files-to-outbox"};
    }

    @Override
    protected void bindToRegistry(Registry registry) {
        registry.bind("csvInbox-acme", new Hl7FilesToOutboxRouteTest.Inbox(calls));
        registry.bind("csvIntake", new Intake(calls));
    }

    @Test
    void should_read_a_dropped_file_of_its_feed_in_turn() throws Exception {
        Path inbox = Files.createTempDirectory("csv-route-");
        Path drop = Files.writeString(inbox.resolve("visits.csv"), "appointment_id\n");
        // older than the read lock's minimum age: nothing is still writing it
        Files.setLastModifiedTime(drop, FileTime.from(Instant.now().minusSeconds(60)));
        NotifyBuilder done = new NotifyBuilder(context).fromRoute("csv-files-to-outbox-acme").whenCompleted(1).create();

        TemplatedRouteBuilder.builder(context, "csv-files-to-outbox").routeId("csv-files-to-outbox-acme")
                .parameter("feed", "acme").parameter("inbox", inbox.toString()).add();

        assertThat(done.matches(20, TimeUnit.SECONDS)).isTrue();
        String path = drop.toAbsolutePath().toString();
        assertThat(calls.list()).containsExactly("take(" + path + ")", "acceptFile(taken:" + path + ", acme)",
                "finish(taken:" + path + ")");
    }

    /** Stands in for CsvIntake.acceptFile(file, feed). */
    public static class Intake {
        private final Calls calls;

        Intake(Calls calls) {
            this.calls = calls;
        }

        public void acceptFile(String token, String feed) {
            calls.add("acceptFile(" + token + ", " + feed + ")");
        }
    }
}
