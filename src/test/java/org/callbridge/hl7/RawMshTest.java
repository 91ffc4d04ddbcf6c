package org.callbridge.hl7;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Finding the MSH segment of raw text: where it may start, and that the scan reads the text once. */
class RawMshTest {

    /** A text that counts how often its characters are read. */
    private static final class CountingText implements CharSequence {
        private final String text;
        long reads;

        CountingText(String text) {
            this.text = text;
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public char charAt(int index) {
            reads++;
            return text.charAt(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return text.subSequence(start, end);
        }

        @Override
        public String toString() {
            return text;
        }
    }

    @Test
    void should_read_a_text_of_byte_order_marks_once_not_once_per_mark() {
        CountingText marks = new CountingText("\uFEFF".repeat(1 << 16));

        assertThat(RawMsh.find(marks)).isEmpty();

        // a scan back over the marks at each position read about n²/2 = 2.1e9 characters here
        assertThat(marks.reads).isLessThanOrEqualTo(2L * marks.length());
    }

    @Test
    void should_read_marks_before_an_msh_at_the_end_once() {
        CountingText text = new CountingText("\r" + "\uFEFF".repeat(100_000) + "MSH|^~\\&|EHR|CLINIC|CB|CLINIC|20261125080000||SIU^S12|C1|P|2.5\r");

        assertThat(RawMsh.find(text)).map(msh -> msh.field(10)).contains("C1");
        assertThat(text.reads).isLessThanOrEqualTo(3L * text.length());
    }

    @Test
    void should_find_msh_only_where_a_segment_starts() {
        assertThat(RawMsh.indexOfMsh("MSH|^~\\&|")).isZero();
        assertThat(RawMsh.indexOfMsh("\uFEFF\uFEFFMSH|^~\\&|")).isEqualTo(2);
        assertThat(RawMsh.indexOfMsh("PID|1||XMSH|\rMSH|^~\\&|")).isEqualTo(13);
        assertThat(RawMsh.indexOfMsh("PID|1\n\uFEFFMSH|^~\\&|")).isEqualTo(7);
        assertThat(RawMsh.indexOfMsh("PID|1\uFEFFMSH|^~\\&|")).isEqualTo(-1);
        assertThat(RawMsh.indexOfMsh("MS")).isEqualTo(-1);
        assertThat(RawMsh.indexOfMsh("")).isEqualTo(-1);
    }
}
