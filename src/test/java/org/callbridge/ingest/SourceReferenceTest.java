package org.callbridge.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.callbridge.patients.Crosswalk;
import org.callbridge.patients.PatientResolver;
import org.callbridge.hl7.SiuMapper;
import org.callbridge.hl7.SiuMapperConfig;
import org.callbridge.store.Database;
import org.callbridge.store.EventStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The source reference of a stored event names where it came from and its MSH-10 once, whatever the channel. */
class SourceReferenceTest {
    @TempDir
    Path work;

    private Database db;
    private EventStore events;
    private Hl7Intake intake;

    @BeforeEach
    void open() {
        db = Database.open("jdbc:h2:mem:source-ref-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        events = new EventStore(db, Clock.systemUTC());
        intake = new Hl7Intake(new SiuMapper(SiuMapperConfig.defaults(ZoneId.of("America/New_York"))),
                new PatientResolver(Crosswalk.of(Map.of("100001", "5b0c1a7e-0000-4000-8000-000000000001")), "CALLSAPI", "LSG"),
                events, new RejectedFolder(work.resolve("rejected"), Clock.systemUTC()), StandardCharsets.UTF_8,
                new IntakeCounters(new SimpleMeterRegistry()));
    }

    @AfterEach
    void close() {
        db.close();
    }

    private String storedSourceRef(String appointmentId) {
        return events.latestFor("hl7|" + appointmentId).orElseThrow().event().sourceRef();
    }

    @Test
    void should_carry_msh_10_once_in_the_source_reference_of_an_s12_over_mllp() {
        List<String> acks = intake.acceptFramesInTurn(List.of(Mllp.frame(Mllp.s12("REF-MLLP-1"), true)), "10.0.0.9:5000").join();

        assertThat(Mllp.field(acks.get(0), "MSA", 1)).isEqualTo("AA");
        assertThat(storedSourceRef("REF-MLLP-1")).isEqualTo("peer 10.0.0.9:5000 MSH-10=REF-MLLP-1");
    }

    @Test
    void should_carry_msh_10_once_in_the_source_reference_of_an_s12_from_a_file() {
        Hl7Intake.FileSummary summary = intake.acceptFile(Mllp.s12("REF-FILE-1").getBytes(StandardCharsets.UTF_8), "drop.hl7");

        assertThat(summary.stored()).isEqualTo(1);
        assertThat(storedSourceRef("REF-FILE-1")).isEqualTo("drop.hl7#1 MSH-10=REF-FILE-1");
    }
}
