package org.callbridge.posting;

import org.callbridge.callsapi.CallsApi;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.callbridge.callsapi.AmbiguousResultException;
import org.callbridge.callsapi.ApiTime;
import org.callbridge.callsapi.CallsApiException;
import org.callbridge.callsapi.MissingPhoneNumbersException;
import org.callbridge.callsapi.TransientApiException;
import org.callbridge.callsapi.TransientRetry;
import org.callbridge.callsapi.ValidationRejectedException;
import org.callbridge.callsapi.model.CreateCallsRequest;
import org.callbridge.callsapi.model.CreateCallsResponse;
import org.callbridge.store.BatchStore;
import org.callbridge.store.BatchToSend;
import org.callbridge.store.CallBatch;
import org.callbridge.store.PlannedCall;
import org.callbridge.store.PostedCall;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts a batch already marked SENDING and records the outcome. Success: each call id against its planned call (the
 * API answers in request order). 400 for some patients: they are rejected with the API's reason and the rest posted
 * again under the same name (the 400 created nothing). 5xx, 429, no connection: retried with backoff, then parked.
 * No answer: looked up by name and adopted if it exists, else left SENDING for a later look-up (posting again at
 * once could double a request the API is still working on). 401 and other
 * refusals: parked with the reason. Parked batches are tried again later; nothing is dropped.
 */
final class BatchPoster {
    private static final Logger LOG = LoggerFactory.getLogger(BatchPoster.class);

    private final BatchStore batches;
    private final CallsApi api;
    private final TransientRetry retry;
    private final CampaignAdopter adopter;

    BatchPoster(BatchStore batches, CallsApi api, TransientRetry retry, CampaignAdopter adopter) {
        this.batches = batches;
        this.api = api;
        this.retry = retry;
        this.adopter = adopter;
    }

    SendResult post(BatchToSend first, Instant scheduledAt) {
        CallBatch batch = first.batch();
        List<PlannedCall> calls = first.calls();
        int rejected = 0;
        while (true) {
            CreateCallsRequest request = PlannedPayloads.request(batch.name(), batch.agentId(), calls, scheduledAt);
            LOG.info("batch {} {}: posting {} call(s) {}", batch.id(), batch.name(), calls.size(),
                    scheduledAt == null ? "to call now" : "scheduled at " + ApiTime.format(scheduledAt));
            Map<Long, String> refused;
            try {
                CreateCallsResponse response = retry.call(() -> api.createCalls(request));
                return recorded(batch, calls, response).withRejected(rejected);
            } catch (ValidationRejectedException e) {
                refused = Refusals.of(calls, e.patientErrors());
            } catch (MissingPhoneNumbersException e) {
                refused = Refusals.of(calls, e);
            } catch (AmbiguousResultException e) {
                return unanswered(batch, calls, e).withRejected(rejected);
            } catch (TransientApiException e) {
                return park(batch, "Calls API unavailable after retries: " + e.getMessage()).withRejected(rejected);
            } catch (CallsApiException e) {
                return park(batch, e.getMessage()).withRejected(rejected);
            }
            if (refused.isEmpty()) {
                return park(batch, "a 400 named no patient of the batch").withRejected(rejected);
            }
            rejected += batches.rejectCalls(batch.id(), refused);
            Optional<BatchToSend> again = refused.size() < calls.size() ? batches.markSending(batch.id()) : Optional.empty();
            if (again.isEmpty()) {
                batches.fail(batch.id(), "every patient was refused by the Calls API");
                LOG.warn("batch {} failed: every patient refused", batch.id());
                return new SendResult(SendResult.Outcome.FAILED, 0, rejected, 0, 0);
            }
            LOG.info("batch {}: {} patient(s) refused, posting the other {} again", batch.id(), refused.size(),
                    again.get().calls().size());
            calls = again.get().calls();
        }
    }

    private SendResult recorded(CallBatch batch, List<PlannedCall> calls, CreateCallsResponse response) {
        if (response.calls() == null || response.calls().size() != calls.size()) {
            // the batch exists but the answer cannot be paired by order: pair it as after a lost answer
            LOG.warn("batch {}: the Calls API answered {} call(s) for {} patient(s)", batch.id(),
                    response.calls() == null ? 0 : response.calls().size(), calls.size());
            return adopter.adoptIfPosted(batch, calls)
                    .orElseGet(() -> park(batch, "answer of API batch " + response.batchId() + " lists other calls"));
        }
        List<PostedCall> posted = new ArrayList<>();
        for (int i = 0; i < calls.size(); i++) {
            posted.add(new PostedCall(calls.get(i).id(), response.calls().get(i).callId(), response.calls().get(i).status()));
        }
        batches.recordPosted(batch.id(), response.batchId(), posted);
        LOG.info("batch {} {}: posted {} call(s) as API batch {}", batch.id(), batch.name(), posted.size(),
                response.batchId());
        return new SendResult(SendResult.Outcome.POSTED, posted.size(), 0, 0, 0);
    }

    private SendResult unanswered(CallBatch batch, List<PlannedCall> calls, AmbiguousResultException e) {
        LOG.warn("batch {} {}: no answer to the POST ({}); looking it up by name", batch.id(), batch.name(), e.getMessage());
        try {
            Optional<SendResult> adopted = adopter.adoptIfPosted(batch, calls);
            if (adopted.isPresent()) {
                return adopted.get();
            }
        } catch (CallsApiException lookupFailed) {
            return park(batch, "no answer to the POST, and the look-up by name failed: " + lookupFailed.getMessage());
        }
        batches.noteFailure(batch.id(), "no answer to the POST; not at the Calls API yet");
        return SendResult.of(SendResult.Outcome.WAITING);
    }

    private SendResult park(CallBatch batch, String reason) {
        batches.park(batch.id(), reason);
        LOG.warn("batch {} {} parked: {}", batch.id(), batch.name(), reason);
        return SendResult.of(SendResult.Outcome.PARKED);
    }
}
