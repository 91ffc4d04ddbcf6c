package org.callbridge.operations;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Supplier;
import org.callbridge.callsapi.CallsApi;
import org.callbridge.callsapi.model.Call;
import org.callbridge.callsapi.model.Campaign;
import org.callbridge.callsapi.model.CampaignCalls;
import org.callbridge.callsapi.model.CreateCallsRequest;
import org.callbridge.callsapi.model.CreateCallsResponse;
import org.callbridge.callsapi.model.Page;

/** Counts Calls API requests and failures by operation and kind ({@code callbridge_api_requests_total}). */
public final class MeteredCallsApi implements CallsApi {
    private final CallsApi api;
    private final MeterRegistry registry;

    public MeteredCallsApi(CallsApi api, MeterRegistry registry) {
        this.api = api;
        this.registry = registry;
    }

    private <T> T count(String operation, Supplier<T> call) {
        try {
            T result = call.get();
            registry.counter(MetricNames.API_REQUESTS, "operation", operation, "outcome", "ok").increment();
            return result;
        } catch (RuntimeException e) {
            registry.counter(MetricNames.API_REQUESTS, "operation", operation, "outcome", e.getClass().getSimpleName()).increment();
            throw e;
        }
    }

    @Override
    public CreateCallsResponse createCalls(CreateCallsRequest request) {
        return count("create_calls", () -> api.createCalls(request));
    }

    @Override
    public Page<Campaign> listCampaigns(int start, int size) {
        return count("list_campaigns", () -> api.listCampaigns(start, size));
    }

    @Override
    public CampaignCalls campaignCalls(String batchId, int start, int size) {
        return count("campaign_calls", () -> api.campaignCalls(batchId, start, size));
    }

    @Override
    public Call getCall(String callId) {
        return count("get_call", () -> api.getCall(callId));
    }

    @Override
    public void hangup(String callId) {
        count("hangup", () -> {
            api.hangup(callId);
            return null;
        });
    }
}
