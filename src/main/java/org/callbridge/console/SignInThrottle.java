package org.callbridge.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down repeated failed sign-ins from one address: after {@value #FREE} failures within {@link #WINDOW}, each
 * further attempt from it waits before it is answered, twice as long each time up to {@link #MAX_DELAY}. A success
 * clears the address. Plain Java, so the rule is tested without a server.
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

    private record Failures(int count, Instant last) {
    }

    /** How long an attempt from this address waits before it is answered (zero: at once). */
    Duration delayFor(String address) {
        Failures f = failures.get(address);
        if (f == null && failures.size() >= MAX_ADDRESSES) {
            f = failures.get("*");
        }
        if (f == null || f.last().plus(WINDOW).isBefore(clock.instant()) || f.count() < FREE) {
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
        return failures.merge(address, new Failures(1, now), (old, one) ->
                old.last().plus(WINDOW).isBefore(now) ? one : new Failures(old.count() + 1, now)).count();
    }

    void succeeded(String address) {
        failures.remove(address);
    }
}
