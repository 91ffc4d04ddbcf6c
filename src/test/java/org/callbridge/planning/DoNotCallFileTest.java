package org.callbridge.planning;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DoNotCallFileTest {
    private static final String KEY = "callbridge.do-not-call";
    private static final String A = "5b0c1a7e-0000-4000-8000-0000000000aa";
    private static final String B = "5b0c1a7e-0000-4000-8000-0000000000bb";

    @TempDir
    Path dir;
    private long nanos;

    private Path write(String content, Instant modified) throws IOException {
        Path file = dir.resolve("do-not-call.csv");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        Files.setLastModifiedTime(file, FileTime.from(modified));
        return file;
    }

    private DoNotCallFile load(Path file) {
        return DoNotCallFile.load(file, KEY, WatchedFile.RECHECK, () -> nanos);
    }

    @Test
    void should_list_patients_by_id_without_case_and_by_mrn_exactly() throws IOException {
        DoNotCallFile list = load(write("\uFEFFMRN, Patient_ID ,note\n 100001 ,,asked 2026-10-01\n," + A.toUpperCase(Locale.ROOT)
                + "\n\nDX-2044," + B + ",\n", Instant.parse("2026-11-01T00:00:00Z")));

        assertThat(list.listed(null, "100001")).isTrue();
        assertThat(list.listed(null, " 100001 ")).isTrue();
        assertThat(list.listed(null, "100001a")).isFalse();
        assertThat(list.listed(null, "dx-2044")).as("MRNs compare exactly").isFalse();
        assertThat(list.listed(A, null)).isTrue();
        assertThat(list.listed(" " + B.toUpperCase(Locale.ROOT), "other")).isTrue();
        assertThat(list.listed("5b0c1a7e-0000-4000-8000-0000000000cc", "100002")).isFalse();
        assertThat(list.listed(null, null)).isFalse();
        assertThat(list.listed("", " ")).isFalse();
        assertThat(list.size()).isEqualTo(4);
        assertThat(DoNotCallFile.none().listed(A, "100001")).isFalse();
    }

    @Test
    void should_stop_a_patient_listed_by_mrn_on_an_appointment_that_carries_only_the_patient_id() {
        DoNotCallFile list = DoNotCallFile.of(java.util.Set.of(), java.util.Set.of("100001"));
        java.util.Map<String, String> crosswalk = java.util.Map.of("100001", A, "100002", B);

        assertThat(list.listed(A, null, m -> java.util.Optional.ofNullable(crosswalk.get(m)))).isTrue();
        assertThat(list.listed(A.toUpperCase(Locale.ROOT), null, m -> java.util.Optional.ofNullable(crosswalk.get(m)))).isTrue();
        assertThat(list.listed(B, null, m -> java.util.Optional.ofNullable(crosswalk.get(m)))).isFalse();
        assertThat(list.listed(A, null, m -> java.util.Optional.empty())).isFalse();
    }

    @Test
    void should_read_a_file_with_only_one_of_the_columns() throws IOException {
        assertThat(load(write("mrn\n100001\n", Instant.parse("2026-11-01T00:00:00Z"))).listed(null, "100001")).isTrue();
        assertThat(load(write("patient_id\n" + A + "\n", Instant.parse("2026-11-02T00:00:00Z"))).listed(A, null)).isTrue();
    }

    @Test
    void should_refuse_a_bad_file_naming_the_key_and_line_without_its_values() throws IOException {
        Path noHeader = write("name,phone\nJane Doe,5550100\n", Instant.parse("2026-11-01T00:00:00Z"));
        assertThatThrownBy(() -> DoNotCallFile.load(noHeader, KEY)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(KEY + ": " + noHeader + ": line 1: the header needs a patient_id or an mrn column");

        Path badId = write("mrn,patient_id\n100001," + A + "\n100002,Jane-Doe\n", Instant.parse("2026-11-02T00:00:00Z"));
        assertThatThrownBy(() -> DoNotCallFile.load(badId, KEY)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 3: patient_id").hasMessageNotContaining("Jane").hasMessageNotContaining("100002");
        assertThatThrownBy(() -> DoNotCallFile.load(dir.resolve("missing.csv"), KEY))
                .hasMessageStartingWith(KEY + ": cannot read");
    }

    @Test
    void should_reload_a_changed_file_and_keep_the_last_good_list_when_it_breaks() throws IOException {
        Path file = write("mrn\n100001\n", Instant.parse("2026-11-01T00:00:00Z"));
        DoNotCallFile list = load(file);
        assertThat(list.listed(null, "100001")).isTrue();

        write("mrn\n100002\n", Instant.parse("2026-11-02T00:00:00Z"));
        assertThat(list.listed(null, "100002")).as("within the recheck interval").isFalse();
        nanos += WatchedFile.RECHECK.toNanos();
        assertThat(list.listed(null, "100002")).isTrue();
        assertThat(list.listed(null, "100001")).isFalse();

        write("name\nJane\n", Instant.parse("2026-11-03T00:00:00Z"));
        nanos += WatchedFile.RECHECK.toNanos();
        assertThat(list.listed(null, "100002")).isTrue();

        Files.delete(file);
        nanos += WatchedFile.RECHECK.toNanos();
        assertThat(list.listed(null, "100002")).isTrue();
    }

    @net.jqwik.api.Property
    void a_listed_uuid_is_found_in_any_case_and_an_unlisted_one_never(@ForAll("uuids") UUID listed, @ForAll("uuids") UUID other,
                                                                      @ForAll boolean upper) {
        DoNotCallFile list = DoNotCallFile.of(Set.of(upper ? listed.toString().toUpperCase(Locale.ROOT) : listed.toString()), Set.of());

        assertThat(list.listed(listed.toString().toUpperCase(Locale.ROOT), null)).isTrue();
        assertThat(list.listed(listed.toString(), "x")).isTrue();
        assertThat(list.listed(other.toString(), null)).isEqualTo(other.equals(listed));
    }

    @Provide
    Arbitrary<UUID> uuids() {
        return Arbitraries.longs().between(0, 3).map(n -> new UUID(0x5b0c1a7e00004000L, 0x8000000000000000L | n));
    }
}
