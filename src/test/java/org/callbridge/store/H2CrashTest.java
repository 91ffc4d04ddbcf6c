package org.callbridge.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What the embedded default keeps when the process dies: every commit that returned. */
class H2CrashTest {

    /** A file URL without H2 options, so only {@link Database#open} can make commits durable. */
    static String plainUrl() {
        Path file = Path.of("target", "store-tests", UUID.randomUUID().toString(), "callbridge").toAbsolutePath();
        return "jdbc:h2:file:" + file;
    }

    @Test
    void a_commit_survives_an_immediate_stop_of_the_database() throws Exception {
        String url = plainUrl();
        try (Database db = Database.open(url, "sa", "")) {
            new EventStore(db).append(Samples.event("A1"));
            // stops H2 at once without writing anything more, as a crash would
            try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
                s.execute("SHUTDOWN IMMEDIATELY");
            } catch (SQLException closedUnderUs) {
                // expected: the connection dies with the database
            }
        }

        try (Database db = Database.open(url, "sa", "")) {
            assertThat(new EventStore(db).latestFor("hl7|A1")).isPresent();
        }
    }

    @Test
    void every_acknowledged_event_survives_kill_minus_9() throws Exception {
        String url = plainUrl();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classpath, AppendUntilKilled.class.getName(), url)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        List<String> acknowledged = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while (acknowledged.size() < 200 && (line = out.readLine()) != null) {
                if (line.startsWith("ACK ")) {
                    acknowledged.add(line.substring(4));
                }
            }
            child.destroyForcibly();
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(acknowledged).hasSize(200);

        try (Database db = Database.open(url, "sa", "")) {
            EventStore events = new EventStore(db);
            assertThat(acknowledged).allSatisfy(id -> assertThat(events.latestFor("hl7|" + id)).isPresent());
        }
    }
}
