package org.callbridge.callsapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import javax.net.ssl.SSLContext;
import org.callbridge.json.Json;
import org.callbridge.tls.Tls;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.callbridge.callsapi.model.Call;
import org.callbridge.callsapi.model.Campaign;
import org.callbridge.callsapi.model.CampaignCalls;
import org.callbridge.callsapi.model.CreateCallsRequest;
import org.callbridge.callsapi.model.CreateCallsResponse;
import org.callbridge.callsapi.model.Page;
import org.callbridge.callsapi.model.Pagination;

/**
 * Typed client for the six Calls API operations, over the JDK HTTP client and Jackson.
 * Thread-safe. Failures arrive as the {@link CallsApiException} subtype a caller must tell apart;
 * it logs nothing, so neither the key nor patient data can leak from here.
 */
public final class CallsApiClient {
    /** The largest page the API serves. */
    public static final int MAX_PAGE_SIZE = 500;

    private static final ObjectMapper JSON = Json.mapper();

    private final CallsApiSettings settings;
    private final HttpClient http;

    public CallsApiClient(CallsApiSettings settings) {
        this(settings, null);
    }

    /** @param trust the TLS context for an https Calls API (its truststore), or null for the JDK's CAs */
    public CallsApiClient(CallsApiSettings settings, SSLContext trust) {
        this.settings = settings;
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(settings.connectTimeout())
                .sslParameters(Tls.clientParameters());
        if (trust != null) {
            builder.sslContext(trust);
        }
        this.http = builder.build();
    }

    /** POST /api/v1/calls. A lost answer raises {@link AmbiguousResultException}, never a silent retry. */
    public CreateCallsResponse createCalls(CreateCallsRequest request) {
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.ofByteArray(toJson(request));
        JsonNode json = send(request("/api/v1/calls").POST(body).header("Content-Type", "application/json"), "create calls", true);
        return JSON.convertValue(json, CreateCallsResponse.class);
    }

    /** GET /api/v1/calls: one page, {@code start} 1-based, {@code endedAfter} optional. */
    public Page<Call> listCalls(int start, int size, Instant endedAfter) {
        JsonNode json = send(request("/api/v1/calls" + query(start, size, endedAfter)).GET(), "list calls", false);
        return callPage(json);
    }

    /** Every page of GET /api/v1/calls after {@code endedAfter}, fetched lazily. */
    public Iterable<Page<Call>> callPages(Instant endedAfter, int size) {
        return () -> new PageIterator<>(start -> listCalls(start, size, endedAfter));
    }

    /** GET /api/v1/calls/{callId}. */
    public Call getCall(String callId) {
        JsonNode json = send(request("/api/v1/calls/" + encode(callId)).GET(), "get call", false);
        return toCall(json);
    }

    /** GET /api/v1/calls/campaigns: one page. */
    public Page<Campaign> listCampaigns(int start, int size) {
        JsonNode json = send(request("/api/v1/calls/campaigns" + query(start, size, null)).GET(), "list campaigns", false);
        List<Campaign> campaigns = new ArrayList<>();
        json.path("data").forEach(item -> campaigns.add(JSON.convertValue(item, Campaign.class)));
        return new Page<>(campaigns, JSON.convertValue(json.path("pagination"), Pagination.class));
    }

    /** Every page of GET /api/v1/calls/campaigns, fetched lazily. */
    public Iterable<Page<Campaign>> campaignPages(int size) {
        return () -> new PageIterator<>(start -> listCampaigns(start, size));
    }

    /** GET /api/v1/calls/campaigns/{batchId}: the campaign and one page of its calls. */
    public CampaignCalls campaignCalls(String batchId, int start, int size, Instant endedAfter) {
        JsonNode json = send(request("/api/v1/calls/campaigns/" + encode(batchId) + query(start, size, endedAfter)).GET(),
                "get campaign", false);
        return new CampaignCalls(JSON.convertValue(json.path("campaign"), Campaign.class), callPage(json));
    }

    /** DELETE /api/v1/calls/{callId}: hang up; {@link HangupRefusedException} says why not. */
    public void hangup(String callId) {
        send(request("/api/v1/calls/" + encode(callId)).DELETE(), "hang up call", false);
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(settings.baseUrl() + pathAndQuery))
                .timeout(settings.requestTimeout())
                .header("X-API-Key", settings.apiKey())
                .header("Accept", "application/json");
    }

    private JsonNode send(HttpRequest.Builder builder, String operation, boolean notIdempotent) {
        HttpResponse<byte[]> response;
        try {
            response = http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw new TransientApiException(0, operation + ": cannot connect to the Calls API", null, null, e);
        } catch (IOException e) {
            if (notIdempotent) {
                throw new AmbiguousResultException(operation + ": no answer after the request was sent ("
                        + e.getClass().getSimpleName() + ")", e);
            }
            throw new TransientApiException(0, operation + ": " + e.getClass().getSimpleName(), null, null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransientApiException(0, operation + ": interrupted", null, null, e);
        }
        JsonNode body = parse(response.body());
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return body;
        }
        throw ApiErrors.from(status, body, response.headers().firstValue("Retry-After").orElse(null), operation);
    }

    private static JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            return JSON.missingNode();
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return JSON.missingNode();
        }
    }

    private static Page<Call> callPage(JsonNode json) {
        List<Call> calls = new ArrayList<>();
        json.path("data").forEach(item -> calls.add(toCall(item)));
        return new Page<>(calls, JSON.convertValue(json.path("pagination"), Pagination.class));
    }

    private static Call toCall(JsonNode item) {
        return JSON.convertValue(item, Call.class).withRaw(item);
    }

    private static byte[] toJson(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("request cannot be written as JSON", e);
        }
    }

    private static String query(int start, int size, Instant endedAfter) {
        if (start < 1) {
            throw new IllegalArgumentException("start is 1-based: " + start);
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("size must be 1.." + MAX_PAGE_SIZE + ": " + size);
        }
        String q = "?start=" + start + "&size=" + size;
        return endedAfter == null ? q : q + "&ended_after=" + encode(ApiTime.format(endedAfter));
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
