package org.callbridge.posting;

import org.callbridge.callsapi.CallsApi;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.callbridge.callsapi.CallsApiClient;
import org.callbridge.callsapi.TransientRetry;
import org.callbridge.callsapi.model.Call;
import org.callbridge.callsapi.model.Campaign;
import org.callbridge.callsapi.model.CampaignCalls;
import org.callbridge.callsapi.model.Page;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds a batch at the Calls API by its name (every page of GET /calls/campaigns) and reads all its calls (every
 * page of GET /calls/campaigns/{batchId}). Each page is retried on transient failures; a failure that outlasts the
 * retries is thrown, since "not found" must only ever mean the API said so.
 */
final class CampaignLookup {
    private static final Logger LOG = LoggerFactory.getLogger(CampaignLookup.class);
    private static final int PAGE = CallsApiClient.MAX_PAGE_SIZE;

    private final CallsApi api;
    private final TransientRetry retry;

    CampaignLookup(CallsApi api, TransientRetry retry) {
        this.api = api;
        this.retry = retry;
    }

    /** The campaign with exactly this name, if the API has one. */
    Optional<Campaign> findByName(String name) {
        List<Campaign> found = new ArrayList<>();
        int start = 1;
        int pages = 0;
        while (true) {
            int from = start;
            Page<Campaign> page = retry.call(() -> api.listCampaigns(from, PAGE));
            pages++;
            page.data().stream().filter(c -> name.equals(c.name())).forEach(found::add);
            if (page.pagination() == null || !page.pagination().hasMore() || page.data().isEmpty()) {
                break;
            }
            start += page.data().size();
        }
        if (found.size() > 1) {
            LOG.warn("{} campaigns are named {}; taking the first", found.size(), name);
        }
        LOG.debug("look-up of {}: {} in {} page(s)", name, found.isEmpty() ? "not found" : found.get(0).id(), pages);
        return found.stream().findFirst();
    }

    /** Every call of the campaign. */
    List<Call> callsOf(String batchId) {
        List<Call> calls = new ArrayList<>();
        int start = 1;
        while (true) {
            int from = start;
            CampaignCalls page = retry.call(() -> api.campaignCalls(batchId, from, PAGE));
            calls.addAll(page.calls().data());
            if (page.calls().pagination() == null || !page.calls().pagination().hasMore() || page.calls().data().isEmpty()) {
                return calls;
            }
            start += page.calls().data().size();
        }
    }
}
