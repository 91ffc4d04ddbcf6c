package org.callbridge.results;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs report webhooks the way Stripe does, so a receiver can check that a POST came from this side, unchanged and
 * recently: header {@code X-Callbridge-Signature: t=<unix seconds>,v1=<hex>}, where {@code v1} is the lower-case hex
 * HMAC-SHA256, keyed with the shared secret (UTF-8), over the bytes of {@code "<t>."} followed by the raw body. A
 * receiver recomputes it over the body exactly as received, compares in constant time and rejects a {@code t}
 * further than its tolerance from now (replays). Several {@code v1} entries may appear while a secret is rotated.
 */
public final class WebhookSignature {
    /** The header carrying the signature. */
    public static final String HEADER = "X-Callbridge-Signature";
    private static final String ALGORITHM = "HmacSHA256";

    private WebhookSignature() {
    }

    /** Hex HMAC-SHA256 of {@code timestampSeconds + "." + body} keyed with {@code secret}. */
    public static String sign(byte[] body, String secret, long timestampSeconds) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("webhook secret is empty");
        }
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
            mac.update((timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(ALGORITHM + " is not available", e);
        }
    }

    /** The header value {@code t=<timestampSeconds>,v1=<signature>}. */
    public static String header(byte[] body, String secret, long timestampSeconds) {
        return "t=" + timestampSeconds + ",v1=" + sign(body, secret, timestampSeconds);
    }

    /**
     * True when {@code header} holds a timestamp within {@code tolerance} of {@code now} and a {@code v1} signature
     * that matches {@code body} under {@code secret}; false for anything malformed, stale, tampered or foreign.
     */
    public static boolean verify(String header, byte[] body, String secret, Duration tolerance, Instant now) {
        if (header == null || body == null) {
            return false;
        }
        Long timestamp = null;
        List<String> signatures = new ArrayList<>();
        for (String part : header.split(",")) {
            String item = part.trim();
            if (item.startsWith("t=") && timestamp == null) {
                timestamp = parseSeconds(item.substring(2));
                if (timestamp == null) {
                    return false;
                }
            } else if (item.startsWith("t=")) {
                return false;
            } else if (item.startsWith("v1=")) {
                signatures.add(item.substring(3));
            }
        }
        if (timestamp == null || signatures.isEmpty()
                || Math.abs(now.getEpochSecond() - timestamp) > tolerance.toSeconds()) {
            return false;
        }
        byte[] expected = sign(body, secret, timestamp).getBytes(StandardCharsets.US_ASCII);
        boolean match = false;
        for (String signature : signatures) {
            // constant time: how much of a forged signature matched must not show in the timing
            match |= MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII));
        }
        return match;
    }

    private static Long parseSeconds(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
