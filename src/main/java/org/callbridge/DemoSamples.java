package org.callbridge;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.callbridge.config.Keys;
import org.callbridge.store.OutboxSummary;

/**
 * The demo's run of {@code sample-data/} on one machine, in parts that {@code demo} and the tests that walk through
 * the demo's data share: its clock, the settings of a work folder, the sample drops, the MLLP samples, and when every
 * sample call has its final report.
 */
public final class DemoSamples {
    /** The demo's clock: Tuesday 1 December 2026, 10:00 in New York (inside every calling window). */
    public static final Instant DEMO_NOW = ZonedDateTime.parse("2026-12-01T10:00:00-05:00[America/New_York]").toInstant();
    private static final List<String> INBOXES = List.of("inbox/hl7", "inbox/csv", "inbox/dentrix");

    private DemoSamples() {
    }

    /** Real time, shifted to {@link #DEMO_NOW}. */
    public static Clock clock() {
        return Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), DEMO_NOW));
    }

    /** The settings that put a run's state, inboxes, rejected inputs and reports under {@code work}. */
    public static Map<String, String> workSettings(Path work, String apiUrl, int mllpPort, int managementPort) {
        Map<String, String> values = new HashMap<>();
        values.put(Keys.API_URL.key(), apiUrl);
        values.put(Keys.HL7_MLLP_PORT.key(), Integer.toString(mllpPort));
        values.put(Keys.MANAGEMENT_PORT.key(), Integer.toString(managementPort));
        values.put(Keys.STATE_URL.key(), "jdbc:h2:file:" + work.resolve("state/callbridge").toAbsolutePath()
                + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0");
        values.put(Keys.INBOX_HL7.key(), work.resolve("inbox/hl7").toString());
        values.put(Keys.INBOX_CSV.key(), work.resolve("inbox/csv").toString());
        values.put(Keys.CSV_FEED_INBOX.forFeed("dentrix").key(), work.resolve("inbox/dentrix").toString());
        values.put(Keys.REJECTED_DIR.key(), work.resolve("rejected").toString());
        values.put(Keys.REPORTS_DIR.key(), work.resolve("reports").toString());
        return values;
    }

    /** Copies the sample drops into the inboxes; returns files per inbox. */
    public static Map<String, Integer> drop(Path samples, Path work) throws IOException {
        Map<String, Integer> dropped = new LinkedHashMap<>();
        dropped.put("HL7 files", copy(samples.resolve("hl7"), work.resolve(INBOXES.get(0))));
        dropped.put("CSV files", copy(samples.resolve("csv"), work.resolve(INBOXES.get(1))));
        dropped.put("vendor CSV files", copy(samples.resolve("csv-vendor"), work.resolve(INBOXES.get(2))));
        return dropped;
    }

    private static int copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        int n = 0;
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                // copy under a temporary name, then rename: the file route never sees half a file
                Path tmp = to.resolve("." + f.getFileName() + ".part");
                Files.copy(f, tmp);
                Files.move(tmp, to.resolve(f.getFileName()));
                n++;
            }
        }
        return n;
    }

    /**
     * Sends each sample message in its own MLLP frame over one connection; returns the ACK codes counted (fewer in all
     * than messages when the listener closed first).
     */
    public static Map<String, Long> sendOverMllp(Path folder, int port) throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(folder)) {
            files = list.sorted().toList();
        }
        Map<String, Long> codes = new TreeMap<>();
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(20_000);
            OutputStream o = socket.getOutputStream();
            for (Path f : files) {
                o.write(0x0B);
                o.write(Files.readAllBytes(f));
                o.write(new byte[] {0x1C, 0x0D});
            }
            o.flush();
            InputStream in = socket.getInputStream();
            StringBuilder ack = new StringBuilder();
            for (int received = 0; received < files.size(); ) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                if (b == 0x1C) {
                    codes.merge(msa1(ack.toString()), 1L, Long::sum);
                    ack.setLength(0);
                    received++;
                } else if (b != 0x0B) {
                    ack.append((char) b);
                }
            }
        }
        return codes;
    }

    private static String msa1(String ack) {
        for (String segment : ack.split("\r")) {
            if (segment.startsWith("MSA|")) {
                return segment.split("\\|")[1];
            }
        }
        return "none";
    }

    /**
     * Every dropped file read, every event planned, every call due by {@code now} (on the run's clock) ended and its
     * report delivered to every sink; touchpoints planned for later days are left to wait.
     */
    public static boolean finished(Path work, OutboxSummary summary, Instant now) throws IOException {
        for (String inbox : INBOXES) {
            try (Stream<Path> left = Files.list(work.resolve(inbox))) {
                if (left.anyMatch(Files::isRegularFile)) {
                    return false;
                }
            }
        }
        return summary.eventsWaiting() == 0 && summary.callsUnderWay(now) == 0 && summary.callsAwaitingResult() == 0
                && summary.deliveriesPending() == 0 && !summary.resultsByStatus().isEmpty();
    }
}
