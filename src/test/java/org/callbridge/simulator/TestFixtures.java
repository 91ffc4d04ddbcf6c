package org.callbridge.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The test fixture and the ids it declares. */
final class TestFixtures {

    static final String KEY_A = "key-a";
    static final String KEY_B = "key-b";
    static final String AGENT_A = "a0000000-0000-4000-8000-000000000001";
    static final String AGENT_B = "b0000000-0000-4000-8000-000000000001";
    static final String JOHN = "11111111-1111-4111-8111-111111111111";
    static final String JANE = "11111111-1111-4111-8111-111111111112";
    static final String SAM = "11111111-1111-4111-8111-111111111113";
    static final String NO_PHONE = "11111111-1111-4111-8111-111111111114";
    static final String BLANK_PHONE = "11111111-1111-4111-8111-111111111115";
    static final String ANN_OF_B = "22222222-2222-4222-8222-222222222221";

    private TestFixtures() {
    }

    static SimulatorFixtures load() {
        try (InputStream in = TestFixtures.class.getResourceAsStream("/simulator/fixtures-test.json")) {
            return SimulatorFixtures.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every status lasts the given number of milliseconds. */
    static SimulatorFixtures.Timing timing(long initiating, long dialing, long inProgress, long summarizing) {
        return new SimulatorFixtures.Timing(Duration.ofMillis(initiating), Duration.ofMillis(dialing),
                Duration.ofMillis(inProgress), Duration.ofMillis(summarizing));
    }
}
