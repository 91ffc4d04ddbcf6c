package org.callbridge.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookSignatureTest {
    static final byte[] BODY = "{\"call_id\":\"c1\"}".getBytes(StandardCharsets.UTF_8);
    static final String SECRET = "whsec_test";
    static final long T = 1_700_000_000L;
    static final Instant NOW = Instant.ofEpochSecond(T + 30);
    static final Duration TOLERANCE = Duration.ofMinutes(5);

    @Test
    void should_sign_the_timestamp_dot_body_with_hmac_sha256_in_hex() {
        // openssl: printf '1700000000.{"call_id":"c1"}' | openssl dgst -sha256 -hmac whsec_test
        assertThat(WebhookSignature.sign(BODY, SECRET, T))
                .isEqualTo("25ee8a734be7db32a6f1c5b11b09cf96a9500121688d67364ea196ec564ad96e");
        assertThat(WebhookSignature.header(BODY, SECRET, T))
                .isEqualTo("t=1700000000,v1=25ee8a734be7db32a6f1c5b11b09cf96a9500121688d67364ea196ec564ad96e");
    }

    @Test
    void should_verify_the_right_secret_and_body() {
        assertThat(WebhookSignature.verify(WebhookSignature.header(BODY, SECRET, T), BODY, SECRET, TOLERANCE, NOW)).isTrue();
    }

    @Test
    void should_reject_a_tampered_body() {
        byte[] tampered = "{\"call_id\":\"c2\"}".getBytes(StandardCharsets.UTF_8);

        assertThat(WebhookSignature.verify(WebhookSignature.header(BODY, SECRET, T), tampered, SECRET, TOLERANCE, NOW)).isFalse();
    }

    @Test
    void should_reject_a_wrong_secret() {
        assertThat(WebhookSignature.verify(WebhookSignature.header(BODY, "other", T), BODY, SECRET, TOLERANCE, NOW)).isFalse();
    }

    @Test
    void should_reject_a_stale_or_far_future_timestamp() {
        String header = WebhookSignature.header(BODY, SECRET, T);

        assertThat(WebhookSignature.verify(header, BODY, SECRET, TOLERANCE, Instant.ofEpochSecond(T + 301))).isFalse();
        assertThat(WebhookSignature.verify(header, BODY, SECRET, TOLERANCE, Instant.ofEpochSecond(T - 301))).isFalse();
        assertThat(WebhookSignature.verify(header, BODY, SECRET, TOLERANCE, Instant.ofEpochSecond(T + 300))).isTrue();
    }

    @Test
    void should_reject_a_signature_moved_to_another_timestamp() {
        String signature = WebhookSignature.sign(BODY, SECRET, T);

        assertThat(WebhookSignature.verify("t=" + (T + 10) + ",v1=" + signature, BODY, SECRET, TOLERANCE, NOW)).isFalse();
    }

    @Test
    void should_accept_any_matching_v1_while_a_secret_is_rotated() {
        String header = "t=" + T + ",v1=" + WebhookSignature.sign(BODY, "old", T) + ", v1=" + WebhookSignature.sign(BODY, SECRET, T);

        assertThat(WebhookSignature.verify(header, BODY, SECRET, TOLERANCE, NOW)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "garbage", "t=abc,v1=00", "v1=25ee8a734be7db32a6f1c5b11b09cf96a9500121688d67364ea196ec564ad96e",
            "t=1700000000", "t=1700000000,v0=25ee8a734be7db32a6f1c5b11b09cf96a9500121688d67364ea196ec564ad96e",
            "t=1700000000,t=1700000001,v1=25ee8a734be7db32a6f1c5b11b09cf96a9500121688d67364ea196ec564ad96e",
            "t=1700000000,v1=25EE8A734BE7DB32A6F1C5B11B09CF96A9500121688D67364EA196EC564AD96E"})
    void should_reject_a_malformed_header(String header) {
        assertThat(WebhookSignature.verify(header, BODY, SECRET, TOLERANCE, NOW)).isFalse();
    }

    @Test
    void should_refuse_to_sign_without_a_secret() {
        assertThatThrownBy(() -> WebhookSignature.sign(BODY, "", T)).isInstanceOf(IllegalArgumentException.class);
    }
}
