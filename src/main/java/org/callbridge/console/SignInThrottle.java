package org.callbridge.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down repeated failed sign-ins from one address: after {@value #FREE} failures within {@link #WINDOW}, each
 * further attempt from it waits before it is checked, twice as long each time up to {@link #MAX_DELAY}, and only one
 * attempt is let in per wait: attempts sent side by side would otherwise each wait out the same delay, and a guesser
 * could try as many passwords per delay as connections it opens. A success clears the address. Plain Java, so the
 * rule is tested without a server.
 */
final class SignInThrottle {
    static final int FREE = 3;
    static final Duration WINDOW = Duration.ofMinutes(15);
    static final Duration FIRST_DELAY = Duration.ofMillis(500);
    static final Duration MAX_DELAY = Duration.ofSeconds(10);
    /** Bound on remembered addresses, so a spray of addresses cannot grow the map without end. */
    static final int MAX_ADDRESSES = 10_000;

    private final Clock clock;
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    SignInThrottle(Clock clock) {
        this.clock = clock;
    }

    /** Failures of one address, the last one's time, and until when the attempt let in last is waiting. */
    private record Failures(int count, Instant last, Instant busyUntil) {
    }

    /** How long the next attempt from this address waits before it is checked (zero: at once). */
    Duration delayFor(String address) {
        return delay(failures.get(key(address)), clock.instant());
    }

    /**
     * Lets an attempt from this address in: returns how long it waits before it is checked (zero: at once), or empty
     * when the address is slowed and the attempt let in before is still waiting; that one is refused unchecked.
     */
    Optional<Duration> admit(String address) {
        Instant now = clock.instant();
        Duration[] wait = {Duration.ZERO};
        failures.computeIfPresent(key(address), (k, f) -> {
            Duration delay = delay(f, now);
            if (delay.isZero()) {
                return f;
            }
            if (now.isBefore(f.busyUntil())) {
                wait[0] = null;
                return f;
            }
            wait[0] = delay;
            return new Failures(f.count(), f.last(), now.plus(delay));
        });
        return Optional.ofNullable(wait[0]);
    }

    private String key(String address) {
        return !failures.containsKey(address) && failures.size() >= MAX_ADDRESSES ? "*" : address;
    }

    private static Duration delay(Failures f, Instant now) {
        if (f == null || f.last().plus(WINDOW).isBefore(now) || f.count() < FREE) {
            return Duration.ZERO;
        }
        int over = Math.min(f.count() - FREE, 10);
        Duration delay = FIRST_DELAY.multipliedBy(1L << over);
        return delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay;
    }

    /** Counts a failure; returns how many this address has now within the window. */
    int failed(String address) {
        Instant now = clock.instant();
        if (failures.size() >= MAX_ADDRESSES) {
            failures.values().removeIf(f -> f.last().plus(WINDOW).isBefore(now));
            if (failures.size() >= MAX_ADDRESSES) {
                // under a spray of addresses every one of them counts as one: all are slowed down together
                address = "*";
            }
        }
        return failures.merge(address, new Failures(1, now, Instant.MIN), (old, one) ->
                old.last().plus(WINDOW).isBefore(now) ? one : new Failures(old.count() + 1, now, old.busyUntil())).count();
    }

    void succeeded(String address) {
        failures.remove(address);
    }
}
