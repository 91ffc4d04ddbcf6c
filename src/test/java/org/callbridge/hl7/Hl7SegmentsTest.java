package org.callbridge.hl7;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.hl7v2.model.Segment;
import ca.uhn.hl7v2.util.Terser;
import org.junit.jupiter.api.Test;

/** What each thread keeps between messages: one segment object per name, never one a message made bigger. */
class Hl7SegmentsTest {
    private static final String MSH = "MSH|^~\\&|A|B|C|D|20261201||SIU^S12|1|P|2.5\r";

    @Test
    void should_parse_the_next_message_into_the_same_segment_object_on_one_thread() {
        Segment first = Hl7Segments.of(MSH + "PID|1||MRN1\r").first("PID");
        Segment second = Hl7Segments.of(MSH + "PID|1||MRN2\r").first("PID");

        assertThat(second).isSameAs(first);
    }

    @Test
    void should_not_keep_a_segment_that_a_message_gave_more_fields_than_it_defines() throws Exception {
        Segment defined = Hl7Segments.of(MSH + "PID|1||MRN1\r").first("PID");
        int fields = defined.numFields();
        Segment long_ = Hl7Segments.of(MSH + "PID|1||MRN1" + "|x".repeat(5000) + "\r").first("PID");
        assertThat(long_.numFields()).isGreaterThan(5000);

        Segment next = Hl7Segments.of(MSH + "PID|1||MRN2\r").first("PID");

        assertThat(next).isNotSameAs(long_);
        assertThat(next.numFields()).isEqualTo(fields);
        assertThat(Terser.get(next, 3, 0, 1, 1)).isEqualTo("MRN2");
    }

    @Test
    void should_find_segment_names_in_a_message_of_many_short_lines_without_rescanning_it() {
        String many = MSH + "ABC\r".repeat(200_000) + "PID|1||MRN3\r";

        assertThat(Hl7Segments.of(many).first("PID")).isNotNull();
        assertThat(Hl7Segments.of(many).first("ABC")).isNotNull();
    }

    @Test
    void should_read_nothing_of_a_message_once_its_thread_has_parsed_the_next() {
        Hl7Segments earlier = Hl7Segments.of(MSH + "PID|1||MRN1\r");
        earlier.first("PID");
        Hl7Segments.of(MSH + "PID|1||MRN2\r").first("PID");

        assertThatThrownBy(() -> earlier.first("PID")).isInstanceOf(IllegalStateException.class);
    }
}
