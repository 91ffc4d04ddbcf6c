package org.callbridge.posting;

import org.callbridge.planning.PostedCallWithdrawer;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.callbridge.callsapi.CallsApiException;
import org.callbridge.store.CallState;
import org.callbridge.store.CallStore;
import org.callbridge.store.PlannedCall;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the WITHDRAWING calls: posted, cancelled, and not started yet when the cancel came, so the Calls API could
 * not hang them up. Each is looked at again at every run (a timer runs it twice a second) from {@value #NEAR_MINUTES}
 * minutes before its scheduled time, and every {@value #FAR_SECONDS} seconds before that (a call queued for capacity
 * can start at any time); it is hung up as soon as it is initiating, dialing or in progress, before a call that was
 * initiating rings, and recorded NOT_WITHDRAWN if it ended first. Each look is one request, never a backoff: a
 * failed one is simply made again at the next run. Runs on one thread at a time.
 */
public final class WithdrawalWatch {
    static final long NEAR_MINUTES = 2;
    static final long FAR_SECONDS = 30;
    private static final Logger LOG = LoggerFactory.getLogger(WithdrawalWatch.class);

    private final CallStore calls;
    private final PostedCallWithdrawer withdrawer;
    private final Clock clock;
    private final Map<Long, Instant> lookedAt = new ConcurrentHashMap<>();

    WithdrawalWatch(CallStore calls, PostedCallWithdrawer withdrawer, Clock clock) {
        this.calls = calls;
        this.withdrawer = withdrawer;
        this.clock = clock;
    }

    /** Looks at the WITHDRAWING calls that are due a look; returns how many were hung up or settled. */
    public int run() {
        Instant now = clock.instant();
        int settled = 0;
        Set<Long> watching = new HashSet<>();
        for (PlannedCall call : calls.callsInState(CallState.WITHDRAWING)) {
            watching.add(call.id());
            boolean near = call.callAt() == null || !now.isBefore(call.callAt().minus(Duration.ofMinutes(NEAR_MINUTES)));
            Instant last = lookedAt.get(call.id());
            if (!near && last != null && now.isBefore(last.plusSeconds(FAR_SECONDS))) {
                continue;
            }
            lookedAt.put(call.id(), now);
            try {
                if (withdrawer.again(call) != PostedCallWithdrawer.Result.PENDING) {
                    settled++;
                }
            } catch (CallsApiException e) {
                LOG.warn("call {} (planned {}): not looked at ({}); tried again at the next run", call.callId(), call.id(),
                        e.getClass().getSimpleName());
            }
        }
        lookedAt.keySet().retainAll(watching);
        return settled;
    }
}
