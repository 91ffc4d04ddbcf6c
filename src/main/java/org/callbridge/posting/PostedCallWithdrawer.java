package org.callbridge.posting;

import org.callbridge.callsapi.HangupRefusedException;
import org.callbridge.callsapi.NotFoundException;
import org.callbridge.callsapi.TransientRetry;
import org.callbridge.callsapi.model.Call;
import org.callbridge.store.CallStore;
import org.callbridge.store.PlannedCall;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Withdraws a call the Calls API already has, after its appointment was cancelled or moved: hung up when it is
 * {@code initiating}, {@code dialing} or {@code in-progress} (the only statuses the API hangs up), otherwise recorded
 * NOT_WITHDRAWN with the reason, for the alerts report. Failures that outlast the retries are thrown, so the event
 * stays to be applied again.
 */
final class PostedCallWithdrawer {
    private static final Logger LOG = LoggerFactory.getLogger(PostedCallWithdrawer.class);

    enum Result { HUNG_UP, NOT_WITHDRAWN }

    private final CallsApi api;
    private final TransientRetry retry;
    private final CallStore calls;

    PostedCallWithdrawer(CallsApi api, TransientRetry retry, CallStore calls) {
        this.api = api;
        this.retry = retry;
        this.calls = calls;
    }

    /** @param why what happened to the appointment, e.g. "appointment cancelled" */
    Result withdraw(PlannedCall posted, String why) {
        Call current;
        try {
            current = retry.call(() -> api.getCall(posted.callId()));
        } catch (NotFoundException e) {
            return notWithdrawn(posted, why + " after posting; the Calls API does not know the call");
        }
        if (!Call.HANGUP_STATUSES.contains(current.status())) {
            return notWithdrawn(posted, why + " after posting; the call was " + current.status()
                    + ", and only initiating, dialing or in-progress calls can be hung up");
        }
        try {
            retry.call(() -> {
                api.hangup(posted.callId());
                return null;
            });
        } catch (HangupRefusedException e) {
            return notWithdrawn(posted, why + " after posting; hang-up refused: " + e.getMessage());
        }
        calls.markWithdrawn(posted.id(), true, why + " after posting; hung up while " + current.status());
        LOG.info("call {} (planned {}) hung up while {}", posted.callId(), posted.id(), current.status());
        return Result.HUNG_UP;
    }

    private Result notWithdrawn(PlannedCall posted, String reason) {
        calls.markWithdrawn(posted.id(), false, reason);
        LOG.warn("call {} (planned {}) could not be withdrawn", posted.callId(), posted.id());
        return Result.NOT_WITHDRAWN;
    }
}
