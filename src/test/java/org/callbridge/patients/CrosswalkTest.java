package org.callbridge.patients;

import org.callbridge.appointment.SampleData;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CrosswalkTest {
    private static final String A = "5b0c1a7e-0000-4000-8000-0000000000aa";
    private static final String B = "5b0c1a7e-0000-4000-8000-0000000000bb";

    @TempDir
    Path dir;
    /** The clock the crosswalk times its checks of the file by. */
    private long nanos;

    private Crosswalk load(Path file) {
        return Crosswalk.load(file, "callbridge.patients.crosswalk", Crosswalk.RECHECK, () -> nanos);
    }

    private void afterTheRecheckInterval() {
        nanos += Crosswalk.RECHECK.toNanos();
    }

    private Path write(String name, String content, Instant modified) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        Files.setLastModifiedTime(file, FileTime.from(modified));
        return file;
    }

    @Test
    void should_load_the_sample_crosswalk_without_the_unknown_patient() {
        Crosswalk crosswalk = Crosswalk.load(SampleData.path("crosswalk.csv"), "callbridge.patients.crosswalk");

        assertThat(crosswalk.size()).isEqualTo(13);
        assertThat(crosswalk.patientIdFor("100001")).contains("5b0c1a7e-0000-4000-8000-000000000001");
        assertThat(crosswalk.patientIdFor("DX-2044")).contains("5b0c1a7e-0000-4000-8000-000000000016");
        assertThat(crosswalk.patientIdFor("100008")).isEmpty();
        assertThat(crosswalk.patientIdFor(null)).isEmpty();
    }

    @Test
    void should_reload_when_the_file_changes() throws IOException {
        Path file = write("crosswalk.csv", "source_id,patient_id\n100001," + A + "\n", Instant.parse("2026-11-01T00:00:00Z"));
        Crosswalk crosswalk = load(file);
        assertThat(crosswalk.patientIdFor("100001")).contains(A);

        write("crosswalk.csv", "source_id,patient_id\n100001," + B + "\n100002," + A + "\n", Instant.parse("2026-11-02T00:00:00Z"));
        afterTheRecheckInterval();

        assertThat(crosswalk.patientIdFor("100001")).contains(B);
        assertThat(crosswalk.patientIdFor("100002")).contains(A);
    }

    @Test
    void should_look_at_the_file_again_only_once_the_recheck_interval_has_passed() throws IOException {
        Path file = write("crosswalk.csv", "source_id,patient_id\n100001," + A + "\n", Instant.parse("2026-11-01T00:00:00Z"));
        Crosswalk crosswalk = load(file);
        write("crosswalk.csv", "source_id,patient_id\n100001," + B + "\n", Instant.parse("2026-11-02T00:00:00Z"));

        nanos += Crosswalk.RECHECK.toNanos() - 1;
        assertThat(crosswalk.patientIdFor("100001")).contains(A);
        nanos += 1;
        assertThat(crosswalk.patientIdFor("100001")).contains(B);
    }

    @Test
    void should_keep_the_last_good_table_while_the_file_is_missing() throws IOException {
        Path file = write("crosswalk.csv", "source_id,patient_id\n100001," + A + "\n", Instant.parse("2026-11-01T00:00:00Z"));
        Crosswalk crosswalk = load(file);

        Files.delete(file);
        afterTheRecheckInterval();

        assertThat(crosswalk.patientIdFor("100001")).contains(A);
    }

    @Test
    void should_keep_the_last_good_table_when_the_new_file_has_no_header() throws IOException {
        Path file = write("crosswalk.csv", "source_id,patient_id\n100001," + A + "\n", Instant.parse("2026-11-01T00:00:00Z"));
        Crosswalk crosswalk = load(file);

        write("crosswalk.csv", "mrn,uuid\n100001," + B + "\n", Instant.parse("2026-11-02T00:00:00Z"));
        afterTheRecheckInterval();

        assertThat(crosswalk.patientIdFor("100001")).contains(A);
    }

    @Test
    void should_skip_rows_without_a_uuid_and_read_a_byte_order_mark_and_spaces() throws IOException {
        Path file = write("crosswalk.csv", "\uFEFFSource_ID, Patient_ID\r\n 100001 , " + A.toUpperCase() + "\r\n100002,not-a-uuid\r\n,"
                + B + "\r\n\r\n", Instant.parse("2026-11-01T00:00:00Z"));

        Crosswalk crosswalk = load(file);

        assertThat(crosswalk.size()).isEqualTo(1);
        assertThat(crosswalk.patientIdFor("100001")).contains(A);
    }

    @Test
    void should_refuse_to_start_without_a_readable_crosswalk() {
        assertThatThrownBy(() -> load(dir.resolve("missing.csv")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("callbridge.patients.crosswalk: ");
    }

    @Test
    void should_answer_lookups_from_many_threads_while_the_file_changes() throws Exception {
        Path file = write("crosswalk.csv", "source_id,patient_id\n100001," + A + "\n", Instant.parse("2026-11-01T00:00:00Z"));
        Crosswalk crosswalk = load(file);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Optional<String>>> answers = new ArrayList<>();
            for (int i = 0; i < 2000; i++) {
                if (i == 1000) {
                    write("crosswalk.csv", "source_id,patient_id\n100001," + B + "\n", Instant.parse("2026-11-02T00:00:00Z"));
                    afterTheRecheckInterval();
                }
                answers.add(pool.submit(() -> crosswalk.patientIdFor("100001")));
            }
            for (Future<Optional<String>> answer : answers) {
                assertThat(answer.get()).hasValueSatisfying(id -> assertThat(id).isIn(A, B));
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(crosswalk.patientIdFor("100001")).contains(B);
    }
}
