package org.callbridge.appointment;

import org.callbridge.csv.CsvFeedConfig;

import org.callbridge.csv.CsvAppointmentReader;

import org.callbridge.hl7.SiuMapperConfig;

import org.callbridge.hl7.SiuMapper;

import org.callbridge.hl7.Hl7Context;

import org.callbridge.hl7.Hl7Acks;

import org.callbridge.hl7.AckCode;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.io.StringReader;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

/** Whatever text arrives, the readers answer with events or RejectedInputException, never anything else. */
class ReaderRobustnessProperties {
    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
    private static final String CSV_HEADER = "appointment_id,mrn,patient_id,start,timezone,appointment_type,provider,location,status\n";
    private final SiuMapper mapper = new SiuMapper(SiuMapperConfig.defaults(CHICAGO));
    private final CsvAppointmentReader csv = new CsvAppointmentReader(CsvFeedConfig.defaults(CHICAGO));

    private void mapOrReject(String text) {
        try {
            AppointmentEvent event = mapper.map(text, "mllp", null);
            assertThat(event.appointmentId()).isNotBlank();
            assertThat(event.kind()).isNotNull();
        } catch (RejectedInputException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }

    private void readOrReject(String text) {
        CollectedRows rows = new CollectedRows();
        try {
            csv.read(new StringReader(text), "fuzz.csv", rows);
        } catch (RejectedInputException e) {
            assertThat(e.field()).isEqualTo("header");
        }
        assertThat(rows.rejections).allSatisfy(r -> assertThat(r.lineNumber()).isPositive());
    }

    @Property
    void any_text_fed_to_the_siu_mapper_gives_an_event_or_a_rejection(@ForAll String text) {
        mapOrReject(text);
    }

    @Property
    void hl7_like_text_fed_to_the_siu_mapper_gives_an_event_or_a_rejection(@ForAll("hl7Like") String text) {
        mapOrReject(text);
    }

    @Property
    void a_damaged_sample_message_gives_an_event_or_a_rejection(@ForAll("damagedSamples") String text) {
        mapOrReject(text);
    }

    @Property
    void any_text_gets_an_ack_that_parses_back(@ForAll("damagedSamples") String text) throws Exception {
        String ack = Hl7Acks.ack(text, AckCode.AE, "fuzz");

        assertThat(Hl7Context.parser().parse(ack).getName()).isEqualTo("ACK");
    }

    @Property
    void any_text_fed_to_the_csv_reader_gives_events_or_rejections(@ForAll String text) {
        readOrReject(text);
    }

    @Property
    void csv_like_rows_under_a_good_header_give_events_or_rejections(@ForAll("csvLikeRows") String rows) {
        readOrReject(CSV_HEADER + rows);
    }

    @Provide
    Arbitrary<String> hl7Like() {
        return Arbitraries.strings().withChars(DamagedSamples.HL7_CHARS).ofMaxLength(400).map(s -> "MSH|^~\\&|" + s);
    }

    @Provide
    Arbitrary<String> csvLikeRows() {
        return Arbitraries.strings().withChars("C-10,\"\r\n T:2026-12-03T09:00+05:00bookedcancelledAmerica/Chicago5b0c1a7e")
                .ofMaxLength(300);
    }

    @Provide
    Arbitrary<String> damagedSamples() {
        return DamagedSamples.damaged();
    }
}
