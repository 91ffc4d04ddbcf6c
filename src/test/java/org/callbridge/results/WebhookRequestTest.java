package org.callbridge.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WebhookRequestTest {
    static final Instant NOW = Instant.parse("2024-01-15T10:40:00Z");

    @Test
    void should_carry_the_report_json_signed_for_the_receiver() throws Exception {
        CallReport report = Calls.report("{\"appointment_confirmed\": true}");

        WebhookRequest request = WebhookRequest.of(report, "whsec_test", NOW);

        assertThat(Calls.JSON.readTree(request.body())).isEqualTo(report.toJson());
        assertThat(request.headers()).containsEntry("Content-Type", "application/json")
                .containsEntry("Idempotency-Key", Calls.CALL_ID).containsEntry("X-Callbridge-Event", "call.ended")
                .containsEntry(WebhookRequest.TIMESTAMP_HEADER, Long.toString(NOW.getEpochSecond()))
                .containsKey(WebhookSignature.HEADER);
        String signature = request.headers().get(WebhookSignature.HEADER);
        assertThat(signature).startsWith("t=" + NOW.getEpochSecond() + ",v1=");
        assertThat(WebhookSignature.verify(signature, request.body(), "whsec_test", Duration.ofMinutes(5), NOW)).isTrue();
    }

    @Test
    void should_keep_the_same_body_and_key_when_sent_again_later() {
        CallReport report = Calls.report("{}");

        WebhookRequest first = WebhookRequest.of(report, "whsec_test", NOW);
        WebhookRequest again = WebhookRequest.of(report, "whsec_test", NOW.plusSeconds(60));

        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.headers().get("Idempotency-Key")).isEqualTo(first.headers().get("Idempotency-Key"));
        assertThat(again).isNotEqualTo(first);
        assertThat(WebhookRequest.of(report, "whsec_test", NOW)).isEqualTo(first).hasSameHashCodeAs(first);
    }

    @Test
    void should_not_be_changed_through_its_body_array() {
        WebhookRequest request = WebhookRequest.of(Calls.report("{}"), "whsec_test", NOW);
        byte[] body = request.body();

        body[0] = 'X';

        assertThat(request.body()[0]).isEqualTo((byte) '{');
    }

    @Test
    void should_not_show_the_body_in_to_string() {
        String text = WebhookRequest.of(Calls.report("{}"), "whsec_test", NOW).toString();

        assertThat(text).contains("bytes").doesNotContain("John", "+1555", "MRN1", "v1=");
    }
}
