package org.callbridge.hl7;

import org.callbridge.appointment.SampleData;


import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class Hl7MessagesTest {

    @Test
    void should_turn_lf_and_crlf_separators_into_cr_and_drop_blank_lines() {
        List<NumberedMessage> messages = Hl7Messages.split("MSH|^~\\&|A\nSCH|1\r\nPID|1\r\n\n\r\n");

        assertThat(messages).extracting(NumberedMessage::text).containsExactly("MSH|^~\\&|A\rSCH|1\rPID|1\r");
    }

    @Test
    void should_end_the_last_segment_with_cr_when_an_mllp_sender_omitted_it() {
        assertThat(Hl7Messages.split("MSH|^~\\&|A\rPID|1")).extracting(NumberedMessage::text)
                .containsExactly("MSH|^~\\&|A\rPID|1\r");
    }

    @Test
    void should_drop_a_leading_byte_order_mark() {
        assertThat(Hl7Messages.split("\uFEFFMSH|^~\\&|A\r")).extracting(NumberedMessage::text).containsExactly("MSH|^~\\&|A\r");
    }

    @Test
    void should_start_a_message_at_an_msh_behind_a_byte_order_mark_as_concatenated_exports_have() {
        String first = "\uFEFFMSH|^~\\&|A|1\r\nSCH|1\r\n";
        String second = "\uFEFFMSH|^~\\&|A|2\r\nSCH|2\r\n";

        assertThat(Hl7Messages.split(first + second)).extracting(NumberedMessage::text)
                .containsExactly("MSH|^~\\&|A|1\rSCH|1\r", "MSH|^~\\&|A|2\rSCH|2\r");
        assertThat(Hl7Messages.split("\r\n\uFEFF\uFEFFMSH|^~\\&|A\r")).extracting(NumberedMessage::text)
                .containsExactly("MSH|^~\\&|A\r");
    }

    @Test
    void should_split_a_batch_file_into_its_messages_without_the_envelope() {
        List<NumberedMessage> messages = SampleData.hl7Messages("hl7/03-batch-fhs-bhs.hl7");

        assertThat(messages).extracting(NumberedMessage::ordinal).containsExactly(1, 2, 3, 4, 5);
        assertThat(messages).allSatisfy(m -> {
            assertThat(m.text()).startsWith("MSH|").endsWith("\r");
            assertThat(m.text()).doesNotContain("FHS|", "BHS|", "BTS|", "FTS|");
            assertThat(m.text().split("\r", -1)).filteredOn(s -> s.startsWith("MSH")).hasSize(1);
        });
        assertThat(messages.get(3).text()).contains("|LSG000304|");
    }

    @Test
    void should_keep_one_message_per_file_for_single_message_files_with_lf_or_crlf() {
        assertThat(SampleData.hl7Messages("hl7/01-epic-new-v251-crlf-utf8.hl7")).hasSize(1);
        assertThat(SampleData.hl7Messages("hl7/02-reschedule-v23-lf.hl7")).singleElement()
                .satisfies(m -> assertThat(m.text()).doesNotContain("\n").contains("\rSCH|"));
    }

    @Test
    void should_keep_segments_before_the_first_msh_as_a_message_of_their_own() {
        List<NumberedMessage> messages = Hl7Messages.split("PID|1|orphan\rMSH|^~\\&|A|B\rSCH|1\r");

        assertThat(messages).hasSize(2);
        assertThat(messages.get(0).text()).isEqualTo("PID|1|orphan\r");
        assertThat(messages.get(1).ordinal()).isEqualTo(2);
    }

    @Test
    void should_return_no_message_for_an_envelope_without_content() {
        assertThat(Hl7Messages.split("FHS|^~\\&\rBHS|^~\\&\rBTS|0\rFTS|1\r\n\n")).isEmpty();
    }

    @Test
    void should_read_the_charset_of_a_utf8_file_from_msh_18() {
        byte[] raw = SampleData.bytes("hl7/01-epic-new-v251-crlf-utf8.hl7");

        Charset charset = Hl7Messages.charsetOf(raw, StandardCharsets.ISO_8859_1);

        assertThat(charset).isEqualTo(StandardCharsets.UTF_8);
        assertThat(new String(raw, charset)).contains("Peña^José");
    }

    @Test
    void should_read_the_charset_of_a_latin1_file_from_msh_18() {
        byte[] raw = SampleData.bytes("hl7/04-latin1-new-v25.hl7");

        Charset charset = Hl7Messages.charsetOf(raw, StandardCharsets.UTF_8);

        assertThat(charset).isEqualTo(StandardCharsets.ISO_8859_1);
        assertThat(new String(raw, charset)).contains("Lefèvre^Renée");
        assertThat(new String(raw, StandardCharsets.UTF_8)).doesNotContain("Renée");
    }

    @Test
    void should_use_the_default_charset_without_msh_18() {
        byte[] raw = SampleData.bytes("hl7/02-reschedule-v23-lf.hl7");

        assertThat(Hl7Messages.charsetOf(raw, StandardCharsets.ISO_8859_1)).isEqualTo(StandardCharsets.ISO_8859_1);
    }

    @ParameterizedTest
    @CsvSource({
            "UNICODE UTF-8, UTF-8", "UTF-8, UTF-8", "UTF8, UTF-8", "utf-8, UTF-8",
            "8859/1, ISO-8859-1", "ISO-8859-1, ISO-8859-1", "ISO 8859/1, ISO-8859-1", "ISO_IR 100, ISO-8859-1",
            "ASCII, US-ASCII", "8859/15, ISO-8859-15", "no-such-charset, windows-1252"})
    void should_map_common_msh_18_spellings(String msh18, String expected) {
        byte[] raw = ("MSH|^~\\&|A|B|C|D|20261125||SIU^S12|1|P|2.5||||||" + msh18 + "\rSCH|1\r")
                .getBytes(StandardCharsets.US_ASCII);

        assertThat(Hl7Messages.charsetOf(raw, Charset.forName("windows-1252"))).isEqualTo(Charset.forName(expected));
    }

    @Test
    void should_read_msh_18_with_the_senders_own_field_separator_after_a_batch_header() {
        byte[] raw = "FHS#^~\\&\nMSH#^~\\&#A#B#C#D#20261125##SIU^S12#1#P#2.5######8859/1\n".getBytes(StandardCharsets.US_ASCII);

        assertThat(Hl7Messages.charsetOf(raw, StandardCharsets.UTF_8)).isEqualTo(StandardCharsets.ISO_8859_1);
    }

    @Test
    void should_take_utf8_when_the_bytes_start_with_a_byte_order_mark() {
        byte[] raw = "\uFEFFMSH|^~\\&|A\r".getBytes(StandardCharsets.UTF_8);

        assertThat(Hl7Messages.charsetOf(raw, StandardCharsets.ISO_8859_1)).isEqualTo(StandardCharsets.UTF_8);
    }

    @Test
    void should_fall_back_to_the_default_charset_for_bytes_without_msh() {
        assertThat(Hl7Messages.charsetOf(new byte[] {1, 2, 3}, StandardCharsets.UTF_16)).isEqualTo(StandardCharsets.UTF_16);
        assertThat(Hl7Messages.charsetOf(new byte[0], StandardCharsets.UTF_8)).isEqualTo(StandardCharsets.UTF_8);
        assertThat(Hl7Messages.charsetOf("MSH\rSCH|1|2|3|4|5|6\r".getBytes(StandardCharsets.US_ASCII), StandardCharsets.UTF_8))
                .isEqualTo(StandardCharsets.UTF_8);
    }
}
