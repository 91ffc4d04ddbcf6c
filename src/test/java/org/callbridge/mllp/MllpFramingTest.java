package org.callbridge.mllp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MllpFramingTest {

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void a_message_is_framed_between_the_start_block_and_the_end_block_with_its_cr() {
        assertThat(MllpFraming.frame(bytes("MSH|^~\\&|A\r"))).isEqualTo(bytes("\u000bMSH|^~\\&|A\r\u001c\r"));
        assertThat(MllpFraming.frame(new byte[0])).containsExactly(0x0B, 0x1C, 0x0D);
    }

    @Test
    void the_two_byte_end_comes_before_the_lone_end_block() {
        assertThat(MllpFraming.ends()).isDeepEqualTo(new byte[][] {{0x1C, 0x0D}, {0x1C}});
    }

    @Test
    void the_payload_starts_after_the_first_start_block_past_a_cr_or_lf_left_by_the_previous_frame() {
        assertThat(MllpFraming.payloadStart(bytes("\u000bMSH|"))).isEqualTo(1);
        assertThat(MllpFraming.payloadStart(bytes("\r\u000bMSH|"))).isEqualTo(2);
        assertThat(MllpFraming.payloadStart(bytes("\u000b\r\nMSH|"))).isEqualTo(3);
        assertThat(MllpFraming.payloadStart(bytes("noise\u000bMSH|\u000b"))).isEqualTo(6);
    }

    @Test
    void without_a_start_block_the_payload_is_the_whole_frame_less_leading_line_ends() {
        assertThat(MllpFraming.payloadStart(bytes("MSH|"))).isZero();
        assertThat(MllpFraming.payloadStart(bytes("\r\nMSH|"))).isEqualTo(2);
        assertThat(MllpFraming.payloadStart(new byte[0])).isZero();
        assertThat(MllpFraming.payloadStart(bytes("\u000b"))).isEqualTo(1);
    }
}
