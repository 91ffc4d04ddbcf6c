package org.callbridge.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.callbridge.appointment.AppointmentEvent;
import org.callbridge.appointment.EventKind;
import org.callbridge.store.AppendResult;
import org.callbridge.store.Database;
import org.callbridge.store.EventStore;
import org.callbridge.store.StoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Group commit: one transaction for the events waiting together, each caller answered with its own result. */
class GroupCommitTest {
    @TempDir
    Path work;

    private static AppointmentEvent event(String id, String source) {
        return new AppointmentEvent(source, "peer 127.0.0.1 MSH-10=" + id, "hl7", id, EventKind.NEW, List.of(),
                "11111111-1111-1111-1111-111111111111", "MRN-" + id,
                ZonedDateTime.of(2026, 12, 2, 10, 30, 0, 0, ZoneId.of("America/Chicago")), Duration.ofMinutes(30),
                "Check-up", "Dr. Example", "Clinic A", "Booked", "CTRL-" + id, null);
    }

    @Test
    void should_fail_only_the_event_the_database_refuses_and_store_the_rest_of_its_group() throws Exception {
        try (Database db = Database.open(Database.h2FileUrl(work.resolve("state/cb")), "sa", "")) {
            EventStore events = new EventStore(db, Clock.systemUTC());
            GroupCommit groups = new GroupCommit(events, "test-commit");
            // holds E0 uncommitted, so that the writer waits on the group with E0 while the others queue up
            UncommittedEvent blocker = UncommittedEvent.hold(db, event("E0", "mllp"));
            List<CompletableFuture<AppendResult>> results = new ArrayList<>();
            results.add(groups.append(event("E0", "mllp")));
            Thread.sleep(200);
            for (int i = 1; i <= 20; i++) {
                results.add(groups.append(event("E" + i, i == 10 ? null : "mllp"))); // no source: NOT NULL refuses it
            }
            blocker.close();

            assertThat(results.get(0).get(30, TimeUnit.SECONDS).status()).isEqualTo(AppendResult.Status.DUPLICATE);
            for (int i = 1; i <= 20; i++) {
                if (i == 10) {
                    CompletableFuture<AppendResult> refused = results.get(i);
                    assertThat(catchCause(refused)).isInstanceOf(StoreException.class);
                } else {
                    assertThat(results.get(i).get(30, TimeUnit.SECONDS).isStored()).as("E" + i).isTrue();
                }
            }
            assertThat(events.countBySource()).containsEntry("mllp", 20L);
        }
    }

    private static Throwable catchCause(CompletableFuture<?> future) throws Exception {
        try {
            future.get(30, TimeUnit.SECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }
}
