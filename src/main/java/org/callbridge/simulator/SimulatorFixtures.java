package org.callbridge.simulator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The simulator's configuration: how calls behave (mode, timing, outcomes, capacity), which faults to inject,
 * and the organizations it serves. Read from the fixture JSON described in the design; immutable.
 */
public final class SimulatorFixtures {

    /** {@code demo}: calls start initiating; {@code production}: calls beyond capacity start queued. */
    public enum Mode { DEMO, PRODUCTION }

    /** How long a call stays in each lifecycle status. */
    public record Timing(Duration initiating, Duration dialing, Duration inProgress, Duration summarizing) {
        public static final Timing DEFAULT =
                new Timing(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(1));
    }

    /** Share of calls that fail, drawn from a random generator seeded so runs repeat. */
    public record Outcomes(double failureRate, long seed) {
        public static final Outcomes DEFAULT = new Outcomes(0.0, 42);
    }

    /** Active calls an organization may have at once in production mode. */
    public record Capacity(int maxConcurrentCalls) {
        public static final Capacity DEFAULT = new Capacity(20);
    }

    /** Injected failures: rates are per request in [0, 1], drawn from their own seeded generator. */
    public record Faults(double errorRate, double throttleRate, int retryAfterSeconds, long latencyMillis,
            double ambiguousRate, long seed) {
        public static final Faults NONE = new Faults(0.0, 0.0, 1, 0, 0.0, 7);
    }

    private final Mode mode;
    private final Timing timing;
    private final Outcomes outcomes;
    private final Capacity capacity;
    private final Faults faults;
    private final List<FixtureOrganization> organizations;

    public SimulatorFixtures(Mode mode, Timing timing, Outcomes outcomes, Capacity capacity, Faults faults,
            List<FixtureOrganization> organizations) {
        this.mode = mode;
        this.timing = timing;
        this.outcomes = outcomes;
        this.capacity = capacity;
        this.faults = faults;
        this.organizations = List.copyOf(organizations);
    }

    /** Reads a fixture file; any problem is an {@link IllegalArgumentException} with a one-line message. */
    public static SimulatorFixtures load(Path file) {
        String json;
        try {
            json = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("cannot read fixtures file " + file + ": no such file");
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("cannot read fixtures file " + file + ": " + e.getClass().getSimpleName());
        }
        try {
            return parse(json);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid fixtures file " + file + ": " + e.getMessage());
        }
    }

    /** Parses fixture JSON; unknown fields are ignored, a problem is an {@link IllegalArgumentException}. */
    public static SimulatorFixtures parse(String json) {
        return FixtureReader.read(json);
    }

    public Mode mode() {
        return mode;
    }

    public Timing timing() {
        return timing;
    }

    public Outcomes outcomes() {
        return outcomes;
    }

    public Capacity capacity() {
        return capacity;
    }

    public Faults faults() {
        return faults;
    }

    public List<FixtureOrganization> organizations() {
        return organizations;
    }

    public SimulatorFixtures withMode(Mode newMode) {
        return new SimulatorFixtures(newMode, timing, outcomes, capacity, faults, organizations);
    }

    public SimulatorFixtures withTiming(Timing newTiming) {
        return new SimulatorFixtures(mode, newTiming, outcomes, capacity, faults, organizations);
    }

    public SimulatorFixtures withOutcomes(Outcomes newOutcomes) {
        return new SimulatorFixtures(mode, timing, newOutcomes, capacity, faults, organizations);
    }

    public SimulatorFixtures withCapacity(Capacity newCapacity) {
        return new SimulatorFixtures(mode, timing, outcomes, newCapacity, faults, organizations);
    }

    public SimulatorFixtures withFaults(Faults newFaults) {
        return new SimulatorFixtures(mode, timing, outcomes, capacity, newFaults, organizations);
    }
}
