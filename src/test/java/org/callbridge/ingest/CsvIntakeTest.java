package org.callbridge.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.callbridge.csv.CsvFeedConfig;
import org.callbridge.csv.CsvReadSummary;
import org.callbridge.patients.Crosswalk;
import org.callbridge.patients.PatientResolver;
import org.callbridge.store.Database;
import org.callbridge.store.EventStore;
import org.callbridge.store.Rejection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A CSV file through the intake: good rows stored in chunks, every bad row kept and recorded with its line. */
class CsvIntakeTest {
    private static final String HEADER = "appointment_id,mrn,patient_id,start,timezone,appointment_type,provider,location,status\n";

    @TempDir
    Path work;

    private final IntakeCounters counters = new IntakeCounters(new SimpleMeterRegistry());

    private CsvIntake intake(Database db) {
        PatientResolver resolver = new PatientResolver(Crosswalk.of(Map.of("100001", "5b0c1a7e-0000-4000-8000-000000000001")),
                "CALLSAPI", null);
        return new CsvIntake(List.of(CsvFeedConfig.defaults(ZoneId.of("America/Chicago"))), resolver,
                new EventStore(db, Clock.systemUTC()), new RejectedFolder(work.resolve("rejected"), Clock.systemUTC()), counters);
    }

    private Database open() {
        return Database.open(Database.h2FileUrl(work.resolve("state/cb")), "sa", "");
    }

    /** Rows 0..n-1 on lines 2..n+1; every seventh has no start and every eleventh an unknown MRN. */
    private static byte[] file(int rows) {
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 0; i < rows; i++) {
            String start = i % 7 == 3 ? "" : "2026-12-03T09:00";
            String mrn = i % 11 == 5 ? "999999" : "100001";
            csv.append("C-").append(i).append(',').append(mrn).append(",,").append(start)
                    .append(",,Check-up,\"Dr. Cole, MD\",Main,booked\n");
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> expectedReasonLines(int rows) {
        List<String> lines = new ArrayList<>();
        lines.add("line,reason");
        for (int i = 0; i < rows; i++) {
            if (i % 7 == 3) {
                lines.add((i + 2) + ",\"start: missing appointment start\"");
            } else if (i % 11 == 5) {
                lines.add((i + 2) + ",\"patient: no Calls API patient for the MRN in the crosswalk\"");
            }
        }
        return lines;
    }

    @Test
    void should_store_the_good_rows_and_keep_every_bad_row_with_its_line_in_order() throws Exception {
        int rows = 5_000;
        List<String> expected = expectedReasonLines(rows);
        try (Database db = open()) {
            CsvReadSummary summary = intake(db).acceptFile(new ByteArrayInputStream(file(rows)), "big.csv", "default");

            EventStore events = new EventStore(db, Clock.systemUTC());
            long bad = expected.size() - 1;
            assertThat(summary.rows()).isEqualTo(rows);
            assertThat(events.countBySource()).containsEntry("csv:default", rows - bad);
            List<Rejection> rejections = events.rejections();
            assertThat(rejections).hasSize((int) bad);
            assertThat(rejections).extracting(Rejection::sourceRef)
                    .containsExactlyElementsOf(expected.stream().skip(1).map(l -> "big.csv:" + l.substring(0, l.indexOf(','))).toList());
            assertThat(rejections).extracting(Rejection::source).containsOnly("csv:default");
            Path kept = Path.of(rejections.get(0).keptFile());
            assertThat(rejections).extracting(Rejection::keptFile).containsOnly(kept.toString());
            assertThat(Files.readAllLines(kept, StandardCharsets.UTF_8)).containsExactlyElementsOf(expected);
            assertThat(Files.readString(kept.resolveSibling(kept.getFileName() + ".reason.txt")))
                    .startsWith(bad + " row(s) of big.csv rejected");
            assertThat(counters.count("callbridge.events.rejected", "source", "csv:default")).isEqualTo(bad);
        }
    }

    @Test
    void should_record_no_rejection_and_keep_nothing_when_the_store_fails() throws Exception {
        Database db = open();
        CsvIntake intake = intake(db);
        db.close();
        List<Path> spillsBefore = spills();

        assertThatThrownBy(() -> intake.acceptFile(new ByteArrayInputStream(file(3_000)), "fails.csv", "default"))
                .isInstanceOf(RuntimeException.class);

        assertThat(spills()).isEqualTo(spillsBefore);
        assertThat(Files.exists(work.resolve("rejected"))
                ? Files.walk(work.resolve("rejected")).filter(Files::isRegularFile).toList() : List.of()).isEmpty();
        try (Database reopened = open()) {
            assertThat(new EventStore(reopened, Clock.systemUTC()).rejectionCount()).isZero();
        }
    }

    @Test
    void should_keep_a_file_with_an_unreadable_header_as_one_rejection() throws Exception {
        try (Database db = open()) {
            CsvReadSummary summary = intake(db).acceptFile(
                    new ByteArrayInputStream("appointment_id,start\nC-1,2026-12-03T09:00\n".getBytes(StandardCharsets.UTF_8)),
                    "headless.csv", "default");

            assertThat(summary.complete()).isFalse();
            List<Rejection> rejections = new EventStore(db, Clock.systemUTC()).rejections();
            assertThat(rejections).singleElement().satisfies(r -> assertThat(r.sourceRef()).isEqualTo("headless.csv:1"));
            assertThat(Files.readAllLines(Path.of(rejections.get(0).keptFile()), StandardCharsets.UTF_8)).hasSize(2)
                    .first().isEqualTo("line,reason");
        }
    }

    private static List<Path> spills() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(p -> p.getFileName().toString().startsWith("callbridge-rejected-rows-")).sorted().toList();
        }
    }
}
