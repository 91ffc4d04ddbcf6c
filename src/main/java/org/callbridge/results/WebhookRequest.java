package org.callbridge.results;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.callbridge.json.Json;

/**
 * The webhook POST for one ended call, ready for an HTTP producer: the body is {@link CallReport#toJson()} as
 * compact UTF-8 JSON, the headers carry the {@link WebhookSignature}, its timestamp, and the call id as
 * {@code Idempotency-Key}, so a receiver can drop a re-sent report (each send is signed anew, the body and key
 * stay the same).
 *
 * @param body    the exact bytes to send (the signature covers them)
 * @param headers header name to value, in the order given
 */
public record WebhookRequest(byte[] body, Map<String, String> headers) {
    public static final String EVENT = "call.ended";
    /** When the request was signed, in unix seconds: the {@code t} of the signature, for receivers that log it. */
    public static final String TIMESTAMP_HEADER = "X-Callbridge-Timestamp";

    public WebhookRequest {
        body = body.clone();
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    /** The signed request for a report, timestamped {@code now}. */
    public static WebhookRequest of(CallReport report, String secret, Instant now) {
        byte[] body;
        try {
            body = Json.mapper().writeValueAsBytes(report.toJson());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render the webhook body of call " + report.callId(), e);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("X-Callbridge-Event", EVENT);
        headers.put("X-Callbridge-Call-Id", report.callId());
        headers.put("Idempotency-Key", report.callId());
        headers.put(TIMESTAMP_HEADER, Long.toString(now.getEpochSecond()));
        headers.put(WebhookSignature.HEADER, WebhookSignature.header(body, secret, now.getEpochSecond()));
        return new WebhookRequest(body, headers);
    }

    /** A copy of the body; the record itself stays unchanged. */
    @Override
    public byte[] body() {
        return body.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WebhookRequest that && Arrays.equals(body, that.body) && headers.equals(that.headers);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(body) + headers.hashCode();
    }

    /** Header names and the body size only: the body is PHI. */
    @Override
    public String toString() {
        return "WebhookRequest[" + body.length + " bytes, headers=" + headers.keySet() + "]";
    }
}
