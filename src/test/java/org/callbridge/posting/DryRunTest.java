package org.callbridge.posting;

import org.callbridge.config.Keys;
import static org.assertj.core.api.Assertions.assertThat;
import static org.callbridge.posting.PlanningCycleTest.NOW;
import static org.callbridge.posting.PlanningCycleTest.newYork;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.callbridge.appointment.EventKind;
import org.callbridge.json.Json;
import org.callbridge.store.BatchState;
import org.callbridge.store.CallState;
import org.callbridge.testing.ManualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dry run: the request bodies that would be posted land in files, and the Calls API hears nothing. */
class DryRunTest {

    @TempDir
    Path dir;

    private static List<Path> files(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.sorted().toList();
        }
    }

    @Test
    void a_dry_run_writes_each_would_be_request_body_to_a_file_and_posts_nothing() throws IOException {
        try (Harness h = new Harness(dir, new ManualClock(NOW)); Clinic clinic = Clinic.start(10, 0.05)) {
            PostingEngine engine = h.engine(clinic.api(), Map.of(Keys.DRY_RUN.key(), "true"));
            IntStream.rangeClosed(1, 3).forEach(p ->
                    h.append(Visits.booked("A" + p, Clinic.patient(p), newYork("2030-03-13T09:30"))));
            IntStream.rangeClosed(4, 5).forEach(p ->
                    h.append(Visits.booked("A" + p, Clinic.patient(p), newYork("2030-03-13T14:00"))));
            engine.planning().run();

            PostingSummary summary = engine.posting().run();
            PostingSummary startUp = engine.reconciler().reconcileOnStartup();

            Path folder = dir.resolve("reports").resolve("dry-run");
            List<Path> written = files(folder);
            assertThat(summary.dryRunBatches()).isEqualTo(2);
            assertThat(startUp.batchesPosted()).isZero();
            assertThat(written).hasSize(2);
            for (Path file : written) {
                JsonNode body = Json.mapper().readTree(file.toFile());
                assertThat(file.getFileName().toString()).isEqualTo(body.path("name").asText() + ".json");
                assertThat(body.path("agentId").asText()).isEqualTo(Clinic.AGENT);
                assertThat(body.path("recording").asBoolean()).isTrue();
                assertThat(body.path("patients").get(0).path("extended").path("appointment").path("name").asText())
                        .isEqualTo("General Check Up");
            }
            // "callbridge-reminder-2030..." sorts before "callbridge-reminder-now-..."
            JsonNode later = Json.mapper().readTree(written.get(0).toFile());
            JsonNode now = Json.mapper().readTree(written.get(1).toFile());
            assertThat(now.path("name").asText()).startsWith("callbridge-reminder-now-");
            assertThat(later.path("name").asText()).startsWith("callbridge-reminder-20300312T1800Z-");
            assertThat(now.has("scheduledAt")).isFalse();
            assertThat(now.path("patients")).hasSize(3);
            assertThat(later.path("scheduledAt").asText()).isEqualTo("2030-03-12T18:00:00.000Z");
            assertThat(later.path("patients")).hasSize(2);
            assertThat(clinic.simulator().requestCount()).isZero();
            assertThat(h.calls.countByState()).containsOnlyKeys(CallState.PENDING);
            assertThat(h.batches.batchesIn(BatchState.OPEN)).isEmpty();
        }
    }

    @Test
    void the_dry_run_folder_always_shows_what_would_be_posted_now() throws IOException {
        try (Harness h = new Harness(dir, new ManualClock(NOW)); Clinic clinic = Clinic.start(10, 0.05)) {
            PostingEngine engine = h.engine(clinic.api(), Map.of(Keys.DRY_RUN.key(), "true"));
            IntStream.rangeClosed(1, 3).forEach(p ->
                    h.append(Visits.booked("A" + p, Clinic.patient(p), newYork("2030-03-13T09:30"))));
            engine.planning().run();
            engine.posting().run();
            List<Path> first = files(dir.resolve("reports").resolve("dry-run"));

            engine.posting().run();
            List<Path> again = files(dir.resolve("reports").resolve("dry-run"));
            h.append(Visits.event(EventKind.CANCEL, "A1", Clinic.patient(1), newYork("2030-03-13T09:30")));
            engine.planning().run();
            engine.posting().run();
            List<Path> afterCancel = files(dir.resolve("reports").resolve("dry-run"));

            assertThat(again).isEqualTo(first);
            assertThat(afterCancel).hasSize(1).doesNotContainAnyElementsOf(first);
            assertThat(Json.mapper().readTree(afterCancel.get(0).toFile()).path("patients")).hasSize(2);
            assertThat(clinic.simulator().requestCount()).isZero();
        }
    }
}
