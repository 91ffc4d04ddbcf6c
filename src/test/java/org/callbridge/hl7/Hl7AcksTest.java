package org.callbridge.hl7;

import org.callbridge.appointment.SampleData;

import org.callbridge.appointment.SiuText;




import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.util.Terser;
import ca.uhn.hl7v2.model.primitive.CommonTS;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.TimeZone;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** ACKs parse back with HAPI, whatever state the inbound message was in. */
class Hl7AcksTest {

    private static Terser parsed(String ack) throws Exception {
        Message message = Hl7Context.parser().parse(ack);
        return new Terser(message);
    }

    @Test
    void should_accept_a_sample_message_with_its_control_id_and_swapped_applications() throws Exception {
        String inbound = SampleData.hl7Message("hl7/01-epic-new-v251-crlf-utf8.hl7");

        Terser ack = parsed(Hl7Acks.ack(inbound, AckCode.AA, null));

        assertThat(ack.get("/MSH-9-1")).isEqualTo("ACK");
        assertThat(ack.get("/MSH-9-2")).isEqualTo("S12");
        assertThat(ack.get("/MSH-9-3")).isEqualTo("ACK");
        assertThat(ack.get("/MSH-3-1")).isEqualTo("CALLBRIDGE");
        assertThat(ack.get("/MSH-4-1")).isEqualTo("LSG");
        assertThat(ack.get("/MSH-5-1")).isEqualTo("EPIC");
        assertThat(ack.get("/MSH-12")).isEqualTo("2.5.1");
        assertThat(ack.get("/MSH-10")).isNotBlank().isNotEqualTo("EPIC-20261125-0001");
        assertThat(ack.get("/MSA-1")).isEqualTo("AA");
        assertThat(ack.get("/MSA-2")).isEqualTo("EPIC-20261125-0001");
        assertThat(ack.get("/ERR-3-1")).isNull();
    }

    @Test
    void should_put_the_reason_in_msa_3_and_err_for_an_application_error() throws Exception {
        String inbound = SiuText.s12().controlId("C42").text();

        Terser ack = parsed(Hl7Acks.ack(inbound, AckCode.AE, "TQ1-7/SCH-11.4: missing appointment start"));

        assertThat(ack.get("/MSA-1")).isEqualTo("AE");
        assertThat(ack.get("/MSA-2")).isEqualTo("C42");
        assertThat(ack.get("/MSA-3")).isEqualTo("TQ1-7/SCH-11.4: missing appointment start");
        assertThat(ack.get("/ERR-3-1")).isEqualTo("207");
        assertThat(ack.get("/ERR-4")).isEqualTo("E");
        assertThat(ack.get("/ERR-8")).isEqualTo("TQ1-7/SCH-11.4: missing appointment start");
    }

    @Test
    void should_truncate_msa_3_to_80_characters_and_keep_the_whole_reason_in_err() throws Exception {
        String reason = "x".repeat(100) + "|^~\\&";

        Terser ack = parsed(Hl7Acks.ack(SiuText.s12().text(), AckCode.AE, reason));

        assertThat(ack.get("/MSA-3")).hasSize(80);
        assertThat(ack.get("/ERR-8")).isEqualTo(reason);
    }

    @Test
    void should_answer_in_the_inbound_version_with_err_1_before_2_5() throws Exception {
        String inbound = SampleData.hl7Message("hl7/02-reschedule-v23-lf.hl7");

        Terser ack = parsed(Hl7Acks.ack(inbound, AckCode.AR, "MSH-9: not a scheduling message: ADT^A01"));

        assertThat(ack.get("/MSH-12")).isEqualTo("2.3");
        assertThat(ack.get("/MSH-9-3")).isNull();
        assertThat(ack.get("/MSA-1")).isEqualTo("AR");
        assertThat(ack.get("/MSA-2")).isEqualTo("LSG000201");
        assertThat(ack.get("/ERR-1-4-1")).isEqualTo("207");
        assertThat(ack.get("/ERR-1-4-2")).isEqualTo("MSH-9: not a scheduling message: ADT^A01");
    }

    @Test
    void should_acknowledge_a_message_hapi_cannot_parse_from_its_raw_header() throws Exception {
        String inbound = "MSH|^~\\&|LAB|LSG|CALLBRIDGE|LSG|20261125||SIU^S12|RAW-7|P|3.0\rSCH|garbage\r";

        String ack = Hl7Acks.ack(inbound, AckCode.AR, "unparseable HL7 (UNSUPPORTED_VERSION_ID)");

        Terser parsed = parsed(ack);
        assertThat(parsed.get("/MSA-1")).isEqualTo("AR");
        assertThat(parsed.get("/MSA-2")).isEqualTo("RAW-7");
        assertThat(parsed.get("/MSH-5-1")).isEqualTo("LAB");
        assertThat(parsed.get("/MSH-12")).isEqualTo("2.5");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "hello world", "PID|1||X\r", "MSH", "MSH|", "MSH\rSCH|1|2|3|4|5|6\r", "MSH|^~\nPID|1\n"})
    void should_reject_with_an_empty_msa_2_when_there_is_no_readable_header(String inbound) throws Exception {
        Terser ack = parsed(Hl7Acks.ack(inbound, AckCode.AE, "no message header"));

        assertThat(ack.get("/MSA-1")).isEqualTo("AR");
        assertThat(ack.get("/MSA-2")).isNull();
        assertThat(ack.get("/MSA-3")).isEqualTo("no message header");
    }

    @Test
    void should_acknowledge_null_input() throws Exception {
        assertThat(parsed(Hl7Acks.ack(null, AckCode.AA, null)).get("/MSA-1")).isEqualTo("AR");
    }

    @Test
    void should_copy_escaped_header_values_from_a_sender_with_its_own_delimiters() throws Exception {
        String inbound = "MSH#$~\\&#APP\\F\\X$1.2.3$ISO#FAC#CB#CB#20261125##SIU$S12#ID$1#P#2.4\rSCH#1\r";

        Terser ack = parsed(Hl7Acks.ack(inbound, AckCode.AA, null));

        assertThat(ack.get("/MSH-5-1")).isEqualTo("APP#X");
        assertThat(ack.get("/MSH-5-2")).isEqualTo("1.2.3");
        assertThat(ack.get("/MSA-2")).isEqualTo("ID");
        assertThat(ack.get("/MSH-12")).isEqualTo("2.4");
    }

    @Test
    void should_give_every_ack_its_own_control_id() throws Exception {
        String inbound = SiuText.s12().text();

        String first = parsed(Hl7Acks.ack(inbound, AckCode.AA, null)).get("/MSH-10");
        String second = parsed(Hl7Acks.ack(inbound, AckCode.AA, null)).get("/MSH-10");

        assertThat(first).isNotEqualTo(second);
    }

    @ParameterizedTest
    @MethodSource("inboundHeaders")
    void should_write_an_aa_exactly_as_hapi_builds_it(String inbound) throws Exception {
        String written = Hl7Acks.ack(inbound, AckCode.AA, null);
        String built = Hl7Acks.built(RawMsh.find(inbound), AckCode.AA, null);

        assertThat(withoutOwnStampAndId(written)).isEqualTo(withoutOwnStampAndId(built));
        assertThat(parsed(written).get("/MSA-1")).isEqualTo("AA");
    }

    @Test
    void should_find_the_header_behind_blank_lines_and_byte_order_marks() throws Exception {
        String inbound = "\r\n\uFEFF\uFEFFMSH|^~\\&|EHR|FAC|CB|CB|20261125||SIU^S12|BOM2|P|2.5\nSCH|1\n";

        Terser ack = parsed(Hl7Acks.ack(inbound, AckCode.AA, null));

        assertThat(ack.get("/MSA-1")).isEqualTo("AA");
        assertThat(ack.get("/MSA-2")).isEqualTo("BOM2");
    }

    /** Every sample message, and headers with every kind of value the ACK copies. */
    static Stream<String> inboundHeaders() throws IOException {
        List<String> headers = new ArrayList<>();
        try (Stream<Path> files = Files.list(SampleData.path("hl7"))) {
            for (Path file : files.sorted().toList()) {
                SampleData.hl7Messages("hl7/" + file.getFileName()).forEach(m -> headers.add(m.text()));
            }
        }
        try (Stream<Path> files = Files.list(SampleData.path("hl7-mllp"))) {
            for (Path file : files.sorted().toList()) {
                SampleData.hl7Messages("hl7-mllp/" + file.getFileName()).forEach(m -> headers.add(m.text()));
            }
        }
        String[] applications = {"EHR", "", "A^B^C^D", "^B", "A^^", "^^C", "A&sub^B&x", "APP\\F\\X", "APP\\S\\1",
                " LEAD", "TRAIL ", "In ner", "Zürich", "\"\"", "A~B", "A\\E\\B"};
        String[] controlIds = {"C1", "", " C2", "C 3", "C\\T\\4", "C~5^6", "ÄÖ"};
        String[] versions = {"2.1", "2.2", "2.3", "2.3.1", "2.4", "2.5", "2.5.1", "2.6", "2.7", "2.7.1", "2.8", "2.8.1", "3.0", "", "x"};
        String[] types = {"SIU^S12", "SIU^S12^SIU_S12", "SIU", "SIU^S1", "SIU^s14", "ADT^A01", ""};
        String[] processing = {"P", "T", "D", "X", "", "P^A"};
        int i = 0;
        for (String application : applications) {
            for (String controlId : controlIds) {
                String version = versions[i % versions.length];
                String type = types[i % types.length];
                String mode = processing[i % processing.length];
                headers.add("MSH|^~\\&|" + application + "|FAC|" + applications[(i + 3) % applications.length] + "|RF|20261125||"
                        + type + "|" + controlId + "|" + mode + "|" + version + "\rSCH|1\r");
                i++;
            }
        }
        headers.add("MSH#$~\\&#APP\\F\\X$1.2.3$ISO#FAC#CB#CB#20261125##SIU$S12#ID$1#P#2.4\rSCH#1\r");
        headers.add("MSH#$~\\&#APP|X$1.2.3$ISO#FAC#CB#CB#20261125##SIU$S12#ID#P#2.4\rSCH#1\r");
        headers.add("\uFEFFMSH|^~\\&|EHR|FAC|CB|CB|20261125||SIU^S12|BOM|P|2.5\nSCH|1\n");
        headers.add("\r\n\uFEFF\uFEFFMSH|^~\\&|EHR|FAC|CB|CB|20261125||SIU^S12|BOM2|P|2.5\nSCH|1\n");
        return headers.stream();
    }

    @ParameterizedTest
    @ValueSource(strings = {"UTC", "America/New_York", "America/St_Johns", "Asia/Kathmandu", "Pacific/Chatham", "Europe/London"})
    void should_write_the_ack_timestamp_as_hapi_does(String zone) throws Exception {
        TimeZone timeZone = TimeZone.getTimeZone(zone);
        for (int second : new int[] {0, 1, 9, 10, 29, 59}) {
            for (int millis = 0; millis < 1000; millis++) {
                GregorianCalendar calendar = new GregorianCalendar(timeZone);
                calendar.clear();
                calendar.set(2026, Calendar.JANUARY + second % 12, 1 + second % 28, second % 24, millis % 60, second);
                calendar.set(Calendar.MILLISECOND, millis);
                ZonedDateTime time = ZonedDateTime.ofInstant(calendar.toInstant(), ZoneId.of(zone));

                assertThat(Hl7Acks.timestamp(time)).isEqualTo(CommonTS.toHl7TSFormat(calendar));
            }
        }
    }

    /** MSH-7 and MSH-10 are the ACK's own, different on every call. */
    private static String withoutOwnStampAndId(String ack) {
        String[] segments = ack.split("\r", -1);
        String[] msh = segments[0].split("\\|", -1);
        msh[6] = "<timestamp>";
        msh[9] = "<control id>";
        segments[0] = String.join("|", msh);
        return String.join("\r", segments);
    }
}
