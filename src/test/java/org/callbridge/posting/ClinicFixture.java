package org.callbridge.posting;

import static org.callbridge.posting.PlanningCycleTest.NOW;

import java.nio.file.Path;
import org.callbridge.testing.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A state database on a hand-moved clock and a simulated clinic of fast calls, fresh for each test. */
abstract class ClinicFixture {
    @TempDir
    Path dir;
    final ManualClock clock = new ManualClock(NOW);
    Harness h;
    Clinic clinic;

    /** Patients the clinic knows (and one without a phone). */
    int patients() {
        return 20;
    }

    @BeforeEach
    void openClinic() {
        h = new Harness(dir, clock);
        clinic = Clinic.start(patients(), 0.05);
    }

    @AfterEach
    void closeClinic() {
        clinic.close();
        h.close();
    }
}
