package org.callbridge.posting;

import org.callbridge.callsapi.CallsApi;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.callbridge.callsapi.model.Call;
import org.callbridge.callsapi.model.Campaign;
import org.callbridge.callsapi.model.CampaignCalls;
import org.callbridge.callsapi.model.CreateCallsRequest;
import org.callbridge.callsapi.model.CreateCallsResponse;
import org.callbridge.callsapi.model.Page;

/**
 * A real Calls API with scripted trouble around POSTs: the next POSTs fail before they are sent, or something
 * happens just before a POST is sent or just after its answer arrived (a cancel, a crash).
 */
final class ScriptedApi implements CallsApi {
    private final CallsApi delegate;
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private volatile Supplier<RuntimeException> failure;
    private volatile Runnable beforePost = () -> { };
    private volatile Runnable afterPost = () -> { };
    final AtomicInteger posts = new AtomicInteger();

    ScriptedApi(CallsApi delegate) {
        this.delegate = delegate;
    }

    /** The next {@code n} POSTs throw this without reaching the API. */
    ScriptedApi failNextPosts(int n, Supplier<RuntimeException> error) {
        failure = error;
        failuresLeft.set(n);
        return this;
    }

    ScriptedApi beforeEachPost(Runnable action) {
        beforePost = action;
        return this;
    }

    /** Runs after the API answered a POST and before the engine sees the answer; it may throw. */
    ScriptedApi afterEachPost(Runnable action) {
        afterPost = action;
        return this;
    }

    @Override
    public CreateCallsResponse createCalls(CreateCallsRequest request) {
        posts.incrementAndGet();
        if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw failure.get();
        }
        beforePost.run();
        CreateCallsResponse response = delegate.createCalls(request);
        afterPost.run();
        return response;
    }

    @Override
    public Page<Campaign> listCampaigns(int start, int size) {
        return delegate.listCampaigns(start, size);
    }

    @Override
    public CampaignCalls campaignCalls(String batchId, int start, int size) {
        return delegate.campaignCalls(batchId, start, size);
    }

    @Override
    public Call getCall(String callId) {
        return delegate.getCall(callId);
    }

    @Override
    public void hangup(String callId) {
        delegate.hangup(callId);
    }
}
