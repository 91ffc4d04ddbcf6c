package org.callbridge.callsapi;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Where the Calls API is and how to talk to it. The key is a secret: {@link #toString()} hides it.
 *
 * @param baseUrl        e.g. {@code https://api.example.com} (no trailing {@code /api/v1})
 * @param apiKey         the X-API-Key value
 * @param connectTimeout TCP connect limit
 * @param requestTimeout whole-response limit; a POST that runs past it is ambiguous
 */
public record CallsApiSettings(URI baseUrl, String apiKey, Duration connectTimeout, Duration requestTimeout) {
    public CallsApiSettings {
        Objects.requireNonNull(baseUrl, "the base URL");
        if (apiKey == null || apiKey.isBlank()) {
            throw new IllegalArgumentException("the API key is not set");
        }
        String url = baseUrl.toString();
        if (url.endsWith("/")) {
            baseUrl = URI.create(url.substring(0, url.length() - 1));
        }
    }

    public static CallsApiSettings of(String baseUrl, String apiKey) {
        return new CallsApiSettings(URI.create(baseUrl), apiKey, Duration.ofSeconds(5), Duration.ofSeconds(30));
    }

    public CallsApiSettings withRequestTimeout(Duration timeout) {
        return new CallsApiSettings(baseUrl, apiKey, connectTimeout, timeout);
    }

    @Override
    public String toString() {
        return "CallsApiSettings[baseUrl=" + baseUrl + ", apiKey=****, connectTimeout=" + connectTimeout
                + ", requestTimeout=" + requestTimeout + "]";
    }
}
