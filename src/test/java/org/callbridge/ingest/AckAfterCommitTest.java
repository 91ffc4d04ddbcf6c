package org.callbridge.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Map;
import org.callbridge.appointment.Crosswalk;
import org.callbridge.appointment.PatientResolver;
import org.callbridge.appointment.SiuMapper;
import org.callbridge.appointment.SiuMapperConfig;
import org.callbridge.store.Database;
import org.callbridge.store.EventStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** AA means committed: when the store cannot commit, the sender gets AR and no event exists. */
class AckAfterCommitTest {
    @TempDir
    Path work;

    private static final String S12 = "MSH|^~\\&|EHR|CLINIC|CALLBRIDGE|CLINIC|20261125080000||SIU^S12|COMMIT-1|P|2.5.1\r"
            + "SCH|COMMIT-APPT||||||^Check-up||||^^^202612101000\r"
            + "PID|1||100001^^^LSG^MR||Testperson^Ada\r";

    private Hl7Intake intake(Database db) {
        PatientResolver resolver = new PatientResolver(Crosswalk.of(Map.of("100001", "5b0c1a7e-0000-4000-8000-000000000001")),
                "CALLSAPI", "LSG");
        return new Hl7Intake(new SiuMapper(SiuMapperConfig.defaults(ZoneId.of("America/New_York"))), resolver,
                new EventStore(db, Clock.systemUTC()), new RejectedFolder(work.resolve("rejected"), Clock.systemUTC()),
                StandardCharsets.UTF_8, new IntakeCounters(new SimpleMeterRegistry()));
    }

    private Database open() {
        return Database.open(Database.h2FileUrl(work.resolve("state/cb")), "sa", "");
    }

    @Test
    void should_answer_aa_only_after_the_event_is_committed() {
        try (Database db = open()) {
            String ack = intake(db).acceptFrame(Mllp.frame(S12, true), "127.0.0.1:5000");

            assertThat(Mllp.field(ack, "MSA", 1)).isEqualTo("AA");
            assertThat(Mllp.field(ack, "MSA", 2)).isEqualTo("COMMIT-1");
        }
        try (Database reopened = open()) {
            assertThat(new EventStore(reopened, Clock.systemUTC()).countBySource()).containsEntry("mllp", 1L);
        }
    }

    @Test
    void should_never_answer_aa_when_the_commit_fails() {
        Database db = open();
        Hl7Intake intake = intake(db);
        db.close();

        String ack = intake.acceptFrame(Mllp.frame(S12, true), "127.0.0.1:5000");

        assertThat(Mllp.field(ack, "MSA", 1)).isEqualTo("AR");
        assertThat(Mllp.field(ack, "MSA", 3)).contains("not stored");
        try (Database reopened = open()) {
            assertThat(new EventStore(reopened, Clock.systemUTC()).countBySource()).isEmpty();
        }
    }
}
