package org.callbridge.posting;

import org.callbridge.callsapi.CallsApi;

import org.callbridge.callsapi.model.Call;
import org.callbridge.callsapi.model.Campaign;
import org.callbridge.callsapi.model.CampaignCalls;
import org.callbridge.callsapi.model.CreateCallsRequest;
import org.callbridge.callsapi.model.CreateCallsResponse;
import org.callbridge.callsapi.model.Page;

/** A Calls API the test expects never to be used. */
public final class NoApi implements CallsApi {

    @Override
    public CreateCallsResponse createCalls(CreateCallsRequest request) {
        throw new AssertionError("unexpected POST");
    }

    @Override
    public Page<Campaign> listCampaigns(int start, int size) {
        throw new AssertionError("unexpected campaign listing");
    }

    @Override
    public CampaignCalls campaignCalls(String batchId, int start, int size) {
        throw new AssertionError("unexpected campaign read");
    }

    @Override
    public Call getCall(String callId) {
        throw new AssertionError("unexpected call read");
    }

    @Override
    public void hangup(String callId) {
        throw new AssertionError("unexpected hang-up");
    }
}
