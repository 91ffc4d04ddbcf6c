package org.callbridge.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.callbridge.appointment.AppointmentEvent;
import org.callbridge.appointment.EventKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The H2 state database's disk fills up, then has room again: while it is full every write fails (and nothing is
 * acknowledged); once there is room, writes succeed again by themselves, without a restart, and what was committed
 * before is all there.
 */
class FullDiskRecoveryTest {
    @TempDir
    Path work;

    @AfterEach
    void emptyDisk() {
        FullDisk.empty();
    }

    private static AppointmentEvent event(String id) {
        return new AppointmentEvent("mllp", "test " + id, "hl7", id, EventKind.NEW, List.of(), null, "100001",
                ZonedDateTime.of(2026, 12, 10, 10, 0, 0, 0, ZoneId.of("America/New_York")), null, "Check-up", null, null,
                null, id, null);
    }

    @Test
    void should_store_again_once_the_full_disk_has_room_without_a_restart() {
        FullDisk.install();
        String url = "jdbc:h2:fulldisk:" + work.resolve("state/cb").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";
        try (Database db = Database.open(url, "sa", "")) {
            EventStore events = new EventStore(db, Clock.systemUTC());
            assertThat(events.append(event("BEFORE")).isStored()).isTrue();

            FullDisk.fill();
            for (int i = 0; i < 5; i++) {
                String id = "WHILE-FULL-" + i;
                assertThatThrownBy(() -> events.append(event(id))).isInstanceOf(Throwable.class);
            }
            FullDisk.empty();

            assertThat(events.append(event("AFTER")).isStored()).isTrue();
            assertThat(events.appendAll(List.of(event("AFTER-2"), event("AFTER-3")))).allMatch(AppendResult::isStored);
            assertThat(events.latestFor("hl7|BEFORE")).isPresent();
            assertThat(events.latestFor("hl7|WHILE-FULL-0")).isEmpty();
        }
    }
}
