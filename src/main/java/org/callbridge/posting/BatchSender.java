package org.callbridge.posting;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.callbridge.callsapi.CallsApiException;
import org.callbridge.store.BatchState;
import org.callbridge.store.BatchStore;
import org.callbridge.store.CallBatch;
import org.callbridge.store.CallState;
import org.callbridge.store.PlannedCall;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one OPEN or SENDING batch. An OPEN batch was never posted: it is prepared and posted. A SENDING batch may
 * exist at the Calls API (a POST without an answer, a crash, a restart, an unparked batch): it is looked up by name
 * first and adopted if found; if not, it is posted again once its last POST is older than the settle time.
 */
final class BatchSender {
    private static final Logger LOG = LoggerFactory.getLogger(BatchSender.class);

    private final BatchStore batches;
    private final BatchPreparer preparer;
    private final BatchPoster poster;
    private final CampaignAdopter adopter;
    private final Duration settleTime;
    private final Clock clock;

    BatchSender(BatchStore batches, BatchPreparer preparer, BatchPoster poster, CampaignAdopter adopter,
                Duration settleTime, Clock clock) {
        this.batches = batches;
        this.preparer = preparer;
        this.poster = poster;
        this.adopter = adopter;
        this.settleTime = settleTime;
        this.clock = clock;
    }

    SendResult send(CallBatch batch) {
        if (batch.state() == BatchState.SENDING) {
            Optional<SendResult> settled = settle(batch);
            if (settled.isPresent()) {
                return settled.get();
            }
        } else if (batch.state() != BatchState.OPEN) {
            return SendResult.of(SendResult.Outcome.SKIPPED);
        }
        Instant now = clock.instant();
        BatchPreparer.Prepared prepared = preparer.prepare(batch, now);
        if (prepared.toSend().isEmpty()) {
            LOG.info("batch {} {}: nothing left to post", batch.id(), batch.name());
            return SendResult.of(SendResult.Outcome.EMPTY).withPrepared(prepared.requeued(), prepared.withdrawn());
        }
        return poster.post(prepared.toSend().get(), prepared.scheduledAt())
                .withPrepared(prepared.requeued(), prepared.withdrawn());
    }

    /** Resolves a SENDING batch at the Calls API; empty when it is not there and may be posted again now. */
    private Optional<SendResult> settle(CallBatch batch) {
        List<PlannedCall> sending = batches.callsIn(batch.id()).stream()
                .filter(c -> c.state() == CallState.SENDING).toList();
        try {
            Optional<SendResult> adopted = adopter.adoptIfPosted(batch, sending);
            if (adopted.isPresent()) {
                return adopted;
            }
        } catch (CallsApiException e) {
            String reason = "look-up by name failed: " + e.getMessage();
            batches.park(batch.id(), reason);
            LOG.warn("batch {} {} parked: {}", batch.id(), batch.name(), reason);
            return Optional.of(SendResult.of(SendResult.Outcome.PARKED));
        }
        Instant lastPost = batch.sentAt() != null ? batch.sentAt() : batch.updatedAt();
        if (lastPost.plus(settleTime).isAfter(clock.instant())) {
            LOG.info("batch {} {}: not at the Calls API; posted again after {}", batch.id(), batch.name(),
                    lastPost.plus(settleTime));
            return Optional.of(SendResult.of(SendResult.Outcome.WAITING));
        }
        return Optional.empty();
    }
}
