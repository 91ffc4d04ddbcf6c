package org.callbridge.simulator;

import java.util.Random;

/** Decides, per request and from a seeded generator, which configured fault (if any) the request suffers. */
final class FaultInjector {

    /** The faults drawn for one request; an injected error wins over throttling. */
    record Decision(boolean error, boolean throttle, boolean ambiguous) {
        static final Decision NONE = new Decision(false, false, false);
    }

    private final SimulatorFixtures.Faults faults;
    private final Random random;

    FaultInjector(SimulatorFixtures.Faults faults) {
        this.faults = faults;
        this.random = new Random(faults.seed());
    }

    /** Three draws per request, always, so the sequence of faults repeats for the same sequence of requests. */
    synchronized Decision next() {
        boolean error = random.nextDouble() < faults.errorRate();
        boolean throttle = random.nextDouble() < faults.throttleRate();
        boolean ambiguous = random.nextDouble() < faults.ambiguousRate();
        return new Decision(error, throttle, ambiguous);
    }

    long latencyMillis() {
        return faults.latencyMillis();
    }

    int retryAfterSeconds() {
        return faults.retryAfterSeconds();
    }
}
