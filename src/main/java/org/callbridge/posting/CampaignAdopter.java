package org.callbridge.posting;

import java.util.List;
import java.util.Optional;
import org.callbridge.callsapi.model.Campaign;
import org.callbridge.store.BatchStore;
import org.callbridge.store.CallBatch;
import org.callbridge.store.PlannedCall;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settles a batch whose POST may have reached the Calls API (no answer, a crash, a restart): looks it up by name
 * and, when it exists, records its calls against the planned calls instead of posting again.
 */
final class CampaignAdopter {
    private static final Logger LOG = LoggerFactory.getLogger(CampaignAdopter.class);

    private final BatchStore batches;
    private final CampaignLookup lookup;

    CampaignAdopter(BatchStore batches, CampaignLookup lookup) {
        this.batches = batches;
        this.lookup = lookup;
    }

    /**
     * Empty when the Calls API has no batch of this name (it is safe to post); ADOPTED when its calls were recorded;
     * PARKED when it exists but does not hold every call still to be sent. Look-up failures are thrown.
     */
    Optional<SendResult> adoptIfPosted(CallBatch batch, List<PlannedCall> sending) {
        Optional<Campaign> campaign = lookup.findByName(batch.name());
        if (campaign.isEmpty()) {
            LOG.info("batch {} {}: not at the Calls API", batch.id(), batch.name());
            return Optional.empty();
        }
        String apiBatchId = campaign.get().id();
        CallMatcher.Match match = CallMatcher.match(sending, lookup.callsOf(apiBatchId));
        if (!match.unmatched().isEmpty()) {
            String reason = "API batch " + apiBatchId + " has this name but lacks " + match.unmatched().size()
                    + " of its " + sending.size() + " call(s): check it before retrying";
            batches.park(batch.id(), reason);
            LOG.warn("batch {} parked: {}", batch.id(), reason);
            return Optional.of(SendResult.of(SendResult.Outcome.PARKED));
        }
        if (match.extraCalls() > 0) {
            LOG.warn("batch {}: API batch {} holds {} call(s) not planned in it", batch.id(), apiBatchId, match.extraCalls());
        }
        batches.recordPosted(batch.id(), apiBatchId, match.posted());
        LOG.info("batch {} {}: adopted {} call(s) of API batch {}, nothing posted again", batch.id(), batch.name(),
                match.posted().size(), apiBatchId);
        return Optional.of(new SendResult(SendResult.Outcome.ADOPTED, match.posted().size(), 0, 0, 0));
    }
}
