package org.callbridge.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.function.Supplier;

/**
 * The rules a call follows: its outcome, whether it may start, and how it moves
 * queued → initiating → dialing → in-progress → summarizing → completed (or failed while dialing or talking).
 * Not thread-safe: the store calls it under its lock, which also keeps the seeded outcomes in a repeatable order.
 */
final class CallLifecycle {

    private final SimulatorFixtures.Mode mode;
    private final SimulatorFixtures.Timing timing;
    private final int capacity;
    private final double failureRate;
    private final Random outcomes;
    private final Random reports;

    /** What a call will come to, fixed when it is created: where it fails (null if it completes) and its report. */
    record Outcome(CallRecord.FailurePoint failurePoint, JsonNode finalReport) {
    }

    CallLifecycle(SimulatorFixtures fixtures) {
        this.mode = fixtures.mode();
        this.timing = fixtures.timing();
        this.capacity = fixtures.capacity().maxConcurrentCalls();
        this.failureRate = fixtures.outcomes().failureRate();
        this.outcomes = new Random(fixtures.outcomes().seed());
        this.reports = new Random(reportSeed(fixtures.outcomes().seed()));
    }

    /**
     * A call's outcome. Two failure draws per call, always, so one call's outcome never shifts the next one's;
     * the same holds for the weighted report, drawn from a second generator (also from {@code outcomes.seed})
     * for every call of an agent with {@code finalReports}, so that adding them changes no call's failure.
     * A patient's {@code planned} outcome, when given, overrides both; a planned failure fails where the
     * draw says, like any other failure.
     */
    Outcome drawOutcome(FixtureAgent agent, FixturePatient.Outcome planned) {
        boolean fails = outcomes.nextDouble() < failureRate;
        boolean whileDialing = outcomes.nextBoolean();
        JsonNode report = agent == null ? null
                : agent.picksReport() ? agent.pick(reports.nextDouble()) : agent.finalReport();
        CallRecord.FailurePoint failurePoint =
                whileDialing ? CallRecord.FailurePoint.DIALING : CallRecord.FailurePoint.IN_PROGRESS;
        if (planned != null) {
            return planned.failed() ? new Outcome(failurePoint, null) : new Outcome(null, planned.finalReport());
        }
        return fails ? new Outcome(failurePoint, null) : new Outcome(null, report);
    }

    /** The report generator's seed: derived from the outcome seed, and apart from it so the two streams differ. */
    private static long reportSeed(long seed) {
        return seed ^ 0x9E3779B97F4A7C15L;
    }

    /** Demo mode ignores capacity; production mode starts a call only with a free slot and nobody due ahead of it. */
    boolean mayStart(int activeCalls, boolean othersWaiting) {
        return mode == SimulatorFixtures.Mode.DEMO || (!othersWaiting && activeCalls < capacity);
    }

    /** started_at is when the call leaves the queue (enters initiating), so duration covers setup, ringing and talk. */
    void start(CallRecord call, Instant now) {
        call.status = CallStatus.INITIATING;
        call.statusSince = now;
        call.startedAt = now;
    }

    /**
     * Moves an active call through every status whose time is up; zero-length statuses pass in the same step.
     * {@code endStamp} gives the ended_at to use, so that ended_at never goes backwards across the store.
     */
    void advance(CallRecord call, Instant now, Supplier<Instant> endStamp) {
        while (call.status.isActive() && elapsed(call, now).compareTo(durationOf(call.status)) >= 0) {
            switch (call.status) {
                case INITIATING -> move(call, CallStatus.DIALING, now);
                case DIALING -> {
                    if (call.failurePoint == CallRecord.FailurePoint.DIALING) {
                        end(call, CallStatus.FAILED, endStamp.get());
                    } else {
                        move(call, CallStatus.IN_PROGRESS, now);
                    }
                }
                case IN_PROGRESS -> {
                    if (call.failurePoint == CallRecord.FailurePoint.IN_PROGRESS) {
                        end(call, CallStatus.FAILED, endStamp.get());
                    } else {
                        move(call, CallStatus.SUMMARIZING, now);
                    }
                }
                case SUMMARIZING -> end(call, CallStatus.COMPLETED, endStamp.get());
                default -> throw new IllegalStateException("not an active status: " + call.status);
            }
        }
    }

    /** A hung-up call is marked failed, like any call that did not complete. */
    void hangUp(CallRecord call, Instant endedAt) {
        end(call, CallStatus.FAILED, endedAt);
    }

    private Duration durationOf(CallStatus status) {
        return switch (status) {
            case INITIATING -> timing.initiating();
            case DIALING -> timing.dialing();
            case IN_PROGRESS -> timing.inProgress();
            case SUMMARIZING -> timing.summarizing();
            default -> Duration.ZERO;
        };
    }

    private static Duration elapsed(CallRecord call, Instant now) {
        return Duration.between(call.statusSince, now);
    }

    private static void move(CallRecord call, CallStatus next, Instant now) {
        call.status = next;
        call.statusSince = now;
    }

    private static void end(CallRecord call, CallStatus last, Instant endedAt) {
        call.status = last;
        call.statusSince = endedAt;
        call.endedAt = endedAt;
    }
}
