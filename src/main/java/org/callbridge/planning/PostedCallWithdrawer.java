package org.callbridge.planning;

import org.callbridge.callsapi.CallsApi;

import org.callbridge.callsapi.HangupRefusedException;
import org.callbridge.callsapi.NotFoundException;
import org.callbridge.callsapi.TransientRetry;
import org.callbridge.callsapi.model.Call;
import org.callbridge.store.CallStore;
import org.callbridge.store.PlannedCall;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Withdraws a call the Calls API already has, after its appointment was cancelled or moved. The API hangs up only
 * {@code initiating}, {@code dialing} and {@code in-progress} calls: such a call is hung up at once. One that has
 * not started yet ({@code queued}: scheduled ahead, or waiting for capacity) is kept WITHDRAWING and hung up as soon
 * as it starts (the withdrawal watch of posting), so a cancel received before the phone rings still wins. One that ended, or
 * is being summarised, is recorded NOT_WITHDRAWN with the reason, for the alerts report. Failures that outlast the
 * retries are thrown, so the event (or the watch) tries again.
 */
public final class PostedCallWithdrawer {
    private static final Logger LOG = LoggerFactory.getLogger(PostedCallWithdrawer.class);
    /** Between what happened to the appointment and what became of the call, in every reason. */
    private static final String AFTER_POSTING = " after posting; ";

    public enum Result { HUNG_UP, NOT_WITHDRAWN, PENDING }

    private final CallsApi api;
    private final TransientRetry retry;
    private final CallStore calls;

    public PostedCallWithdrawer(CallsApi api, TransientRetry retry, CallStore calls) {
        this.api = api;
        this.retry = retry;
        this.calls = calls;
    }

    /** @param why what happened to the appointment, e.g. "appointment cancelled" */
    Result withdraw(PlannedCall posted, String why) {
        return settle(posted, why);
    }

    /** A WITHDRAWING call, looked at again: hung up if it has started, NOT_WITHDRAWN if it ended meanwhile. */
    public Result again(PlannedCall withdrawing) {
        String reason = withdrawing.reason() == null ? "" : withdrawing.reason();
        int cut = reason.indexOf(AFTER_POSTING);
        return settle(withdrawing, cut > 0 ? reason.substring(0, cut) : "appointment cancelled");
    }

    private Result settle(PlannedCall call, String why) {
        Call current;
        try {
            current = retry.call(() -> api.getCall(call.callId()));
        } catch (NotFoundException e) {
            return notWithdrawn(call, why + AFTER_POSTING + "the Calls API does not know the call");
        }
        String status = current.status();
        if (Call.HANGUP_STATUSES.contains(status)) {
            try {
                retry.call(() -> {
                    api.hangup(call.callId());
                    return null;
                });
            } catch (HangupRefusedException e) {
                // it moved on between the look and the hang-up: look once more
                Call now = retry.call(() -> api.getCall(call.callId()));
                if (!ended(now.status()) && !Call.HANGUP_STATUSES.contains(now.status())) {
                    return pending(call, why, now.status());
                }
                return notWithdrawn(call, why + AFTER_POSTING + "hang-up refused: " + e.getMessage());
            }
            calls.markWithdrawn(call.id(), true, why + AFTER_POSTING + "hung up while " + status);
            LOG.info("call {} (planned {}) hung up while {}", call.callId(), call.id(), status);
            return Result.HUNG_UP;
        }
        if (ended(status)) {
            return notWithdrawn(call, why + AFTER_POSTING + "the call was " + status
                    + ", and only initiating, dialing or in-progress calls can be hung up");
        }
        return pending(call, why, status);
    }

    /** Summarizing, completed or failed: the call has happened, or will not. */
    private static boolean ended(String status) {
        return Call.FINAL_STATUSES.contains(status) || "summarizing".equals(status);
    }

    private Result pending(PlannedCall call, String why, String status) {
        if (calls.markWithdrawing(call.id(), why + AFTER_POSTING + "the call was " + status
                + ": it is hung up as soon as it starts")) {
            LOG.info("call {} (planned {}) is {}: it is hung up as soon as it starts", call.callId(), call.id(), status);
        }
        return Result.PENDING;
    }

    private Result notWithdrawn(PlannedCall call, String reason) {
        calls.markWithdrawn(call.id(), false, reason);
        LOG.warn("call {} (planned {}) could not be withdrawn", call.callId(), call.id());
        return Result.NOT_WITHDRAWN;
    }
}
