package org.callbridge.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.callbridge.CallbridgeRuntime;
import org.callbridge.testing.FreePorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Runs the whole ingest on the sample data and finds no name, phone, birth date or e-mail in the log. */
class NoPhiInLogsTest {
    @TempDir
    Path work;

    @Test
    void should_log_no_patient_data_while_ingesting_the_samples() throws Exception {
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        Logger root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        captured.start();
        root.addAppender(captured);
        int port = FreePorts.next();
        try (CallbridgeRuntime runtime = IngestTestRuntime.start(work, port)) {
            copyAll(Path.of("sample-data/hl7"), work.resolve("inbox/hl7"));
            copyAll(Path.of("sample-data/csv"), work.resolve("inbox/csv"));
            copyAll(Path.of("sample-data/csv-vendor"), work.resolve("inbox/dentrix"));
            try (Stream<Path> messages = Files.list(Path.of("sample-data/hl7-mllp")); Socket socket = new Socket("127.0.0.1", port)) {
                List<Path> files = messages.sorted().toList();
                for (Path f : files) {
                    socket.getOutputStream().write(Mllp.frame(Files.readString(f), true));
                }
                assertThat(Mllp.readAcks(socket, files.size())).hasSize(files.size());
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> inboxesEmpty());
        } finally {
            root.detachAppender(captured);
        }

        List<String> lines = captured.list.stream().map(e -> e.getFormattedMessage()
                + (e.getThrowableProxy() == null ? "" : " " + e.getThrowableProxy().getMessage())).toList();
        assertThat(lines).anyMatch(l -> l.contains("HL7 file")).anyMatch(l -> l.contains("CSV file"));
        for (String phi : phiStrings()) {
            assertThat(lines).as("log lines containing PHI").noneMatch(line -> line.contains(phi));
        }
    }

    private boolean inboxesEmpty() throws Exception {
        for (String inbox : List.of("inbox/hl7", "inbox/csv", "inbox/dentrix")) {
            try (Stream<Path> left = Files.list(work.resolve(inbox))) {
                if (left.anyMatch(Files::isRegularFile)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Every name, phone, birth date and e-mail of the sample patients, in the forms the inputs use. */
    private static List<String> phiStrings() throws Exception {
        JsonNode fixtures = new ObjectMapper().readTree(Path.of("sample-data/simulator-fixtures.json").toFile());
        List<String> phi = new ArrayList<>();
        for (JsonNode org : fixtures.path("organizations")) {
            for (JsonNode p : org.path("patients")) {
                for (String field : List.of("first_name", "last_name", "email", "phone_number", "birth_date")) {
                    String value = p.path(field).asText("");
                    if (value.length() >= 3 && !value.equals("null")) {
                        phi.add(value);
                    }
                }
                String phone = p.path("phone_number").asText("");
                if (phone.length() > 7) {
                    phi.add(phone.substring(phone.length() - 7));
                }
                phi.add(p.path("birth_date").asText("").replace("-", ""));
            }
        }
        phi.removeIf(s -> s.length() < 3);
        return phi;
    }

    private static void copyAll(Path from, Path to) throws Exception {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
    }
}
