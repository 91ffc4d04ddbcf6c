package org.callbridge.callsapi;

import org.callbridge.callsapi.model.Call;
import org.callbridge.callsapi.model.Campaign;
import org.callbridge.callsapi.model.CampaignCalls;
import org.callbridge.callsapi.model.CreateCallsRequest;
import org.callbridge.callsapi.model.CreateCallsResponse;
import org.callbridge.callsapi.model.Page;

/**
 * The Calls API operations the posting engine uses, with the failures of {@link CallsApiClient}. An interface so
 * that a deployment can add behaviour around the client (metrics, a circuit breaker) and tests can interrupt it.
 */
public interface CallsApi {

    /** POST /api/v1/calls. */
    CreateCallsResponse createCalls(CreateCallsRequest request);

    /** GET /api/v1/calls/campaigns: one page, {@code start} 1-based. */
    Page<Campaign> listCampaigns(int start, int size);

    /** GET /api/v1/calls/campaigns/{batchId}: one page of the campaign's calls. */
    CampaignCalls campaignCalls(String batchId, int start, int size);

    /** GET /api/v1/calls/{callId}. */
    Call getCall(String callId);

    /** DELETE /api/v1/calls/{callId}. */
    void hangup(String callId);

    /** The operations of a real client. */
    static CallsApi of(CallsApiClient client) {
        return new CallsApi() {
            @Override
            public CreateCallsResponse createCalls(CreateCallsRequest request) {
                return client.createCalls(request);
            }

            @Override
            public Page<Campaign> listCampaigns(int start, int size) {
                return client.listCampaigns(start, size);
            }

            @Override
            public CampaignCalls campaignCalls(String batchId, int start, int size) {
                return client.campaignCalls(batchId, start, size, null);
            }

            @Override
            public Call getCall(String callId) {
                return client.getCall(callId);
            }

            @Override
            public void hangup(String callId) {
                client.hangup(callId);
            }
        };
    }
}
