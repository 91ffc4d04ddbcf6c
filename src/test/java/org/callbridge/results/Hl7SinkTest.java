package org.callbridge.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ca.uhn.hl7v2.model.v25.message.ORU_R01;
import ca.uhn.hl7v2.model.v25.message.SIU_S12;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.callbridge.hl7.Hl7Context;
import org.callbridge.testing.FreePorts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** HL7 results over MLLP to a test listener and into a file outbox; refused and unanswered messages parked. */
class Hl7SinkTest {
    static final Duration ACK_TIMEOUT = Duration.ofMillis(300);

    @TempDir
    Path work;
    private final MllpListener listener = MllpListener.start();

    @AfterEach
    void stop() {
        listener.close();
    }

    static Hl7ResultMessageBuilder builder(Hl7ResultKind kind) {
        return new Hl7ResultMessageBuilder(new Hl7ResultSettings(kind, null, "CB", "EPIC", "HOSP"), Hl7Context.context());
    }

    private Hl7Sink mllpSink(Hl7ResultKind kind) {
        return new Hl7Sink(builder(kind), new MllpSender("127.0.0.1", listener.port(), Duration.ofSeconds(2), ACK_TIMEOUT));
    }

    private static List<CallReport> reports(String... ids) {
        List<CallReport> reports = new ArrayList<>();
        for (String id : ids) {
            reports.add(CallReport.of(Calls.completed(id, "{\"appointment_confirmed\": true}"), Calls.appointment()));
        }
        return reports;
    }

    private static String controlId(String callId) {
        return Hl7ResultMessageBuilder.controlId(Hl7ResultKind.ORU_R01, callId);
    }

    @Test
    void should_send_an_oru_r01_that_parses_with_hapi_and_carries_the_appointment_id() throws Exception {
        mllpSink(Hl7ResultKind.ORU_R01).deliver(List.of(Calls.report("{\"appointment_confirmed\": true}")));

        MllpListener.Received received = listener.received().get(0);
        assertThat(received.framed()).isTrue();
        ORU_R01 oru = (ORU_R01) Hl7Context.parse(received.message());
        assertThat(oru.getMSH().getMessageControlID().getValue()).isEqualTo(controlId(Calls.CALL_ID));
        assertThat(oru.getMSH().getCharacterSet(0).getValue()).isEqualTo("UNICODE UTF-8");
        var obr = oru.getPATIENT_RESULT().getORDER_OBSERVATION().getOBR();
        assertThat(obr.getPlacerOrderNumber().getEntityIdentifier().getValue()).isEqualTo("A-100");
        assertThat(obr.getFillerOrderNumber().getEntityIdentifier().getValue()).isEqualTo(Calls.CALL_ID);
        assertThat(received.message()).doesNotContain("John", "Doe", "15555551234");
    }

    @Test
    void should_send_an_siu_s14_with_the_appointment_id_when_so_configured() throws Exception {
        mllpSink(Hl7ResultKind.SIU_S14).deliver(List.of(Calls.report("{}")));

        SIU_S12 siu = (SIU_S12) Hl7Context.parse(listener.received().get(0).message());
        assertThat(siu.getMSH().getMessageType().encode()).isEqualTo("SIU^S14^SIU_S12");
        assertThat(siu.getSCH().getPlacerAppointmentID().getEntityIdentifier().getValue()).isEqualTo("A-100");
    }

    @Test
    void should_send_a_page_on_one_connection_each_message_once() throws Exception {
        mllpSink(Hl7ResultKind.ORU_R01).deliver(reports("a", "b", "c", "d", "e"));

        assertThat(listener.received()).extracting(MllpListener.Received::controlId)
                .containsExactly(controlId("a"), controlId("b"), controlId("c"), controlId("d"), controlId("e"));
        assertThat(listener.received()).allMatch(MllpListener.Received::framed);
        assertThat(listener.connections()).isEqualTo(1);
    }

    @Test
    void should_connect_again_when_the_receiver_hangs_up_after_each_ack() throws Exception {
        listener.answer((n, message) -> MllpListener.Reply.AA_THEN_CLOSE);

        mllpSink(Hl7ResultKind.ORU_R01).deliver(reports("a", "b", "c"));

        assertThat(listener.received()).extracting(MllpListener.Received::controlId)
                .containsExactly(controlId("a"), controlId("b"), controlId("c"));
        assertThat(listener.connections()).isEqualTo(3);
    }

    @ParameterizedTest
    @EnumSource(value = MllpListener.Reply.class, names = {"AE", "AR", "CE", "CR"})
    void should_take_an_error_or_reject_ack_as_a_refusal_and_go_on_with_the_next_message(MllpListener.Reply code) {
        listener.answer((n, message) -> n == 2 ? code : MllpListener.Reply.AA);

        PartialDeliveryException e = catchThrowableOfType(PartialDeliveryException.class,
                () -> mllpSink(Hl7ResultKind.ORU_R01).deliver(reports("a", "b", "c")));

        assertThat(e.delivered()).containsExactlyInAnyOrder("a", "c");
        assertThat(e.getCause()).isInstanceOf(ReportRejectedException.class)
                .hasMessage("HL7 receiver answered " + code + " to message " + controlId("b"));
    }

    @Test
    void should_stop_the_page_when_no_ack_comes_in_time() {
        listener.answer((n, message) -> n == 2 ? MllpListener.Reply.NONE : MllpListener.Reply.AA);

        PartialDeliveryException e = catchThrowableOfType(PartialDeliveryException.class,
                () -> mllpSink(Hl7ResultKind.ORU_R01).deliver(reports("a", "b", "c")));

        assertThat(e.delivered()).containsExactly("a");
        assertThat(e.getCause()).isInstanceOf(ReceiverUnavailableException.class).hasMessage("no HL7 ACK within PT0.3S");
        assertThat(listener.received()).hasSize(2);
    }

    @Test
    void should_not_take_an_ack_for_another_message() {
        listener.answer((n, message) -> MllpListener.Reply.OTHER_ID);

        PartialDeliveryException e = catchThrowableOfType(PartialDeliveryException.class,
                () -> mllpSink(Hl7ResultKind.ORU_R01).deliver(reports("a", "b")));

        assertThat(e.delivered()).isEmpty();
        assertThat(e.getCause()).isInstanceOf(ReceiverUnavailableException.class)
                .hasMessage("HL7 ACK does not answer message " + controlId("a"));
    }

    @Test
    void should_report_a_receiver_that_refuses_the_connection_as_unavailable() throws Exception {
        int closedPort = FreePorts.next();
        Hl7Sink sink = new Hl7Sink(builder(Hl7ResultKind.ORU_R01),
                new MllpSender("127.0.0.1", closedPort, Duration.ofSeconds(2), ACK_TIMEOUT));

        PartialDeliveryException e = catchThrowableOfType(PartialDeliveryException.class, () -> sink.deliver(reports("a")));

        assertThat(e.getCause()).isInstanceOf(ReceiverUnavailableException.class)
                .hasMessage("HL7 receiver unreachable (ConnectException)");
    }

    @Test
    void should_write_one_file_per_call_named_by_its_control_id_and_rewrite_it_in_place() throws Exception {
        Hl7FileOutbox outbox = new Hl7FileOutbox(work.resolve("hl7-out"));
        Hl7Sink sink = new Hl7Sink(builder(Hl7ResultKind.ORU_R01), outbox);

        sink.deliver(reports("a", "b", "c"));
        sink.deliver(reports("a", "b", "c"));

        try (Stream<Path> files = Files.list(work.resolve("hl7-out"))) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted())
                    .containsExactly(Stream.of("a", "b", "c").map(id -> controlId(id) + ".hl7").sorted().toArray(String[]::new));
        }
        String text = Files.readString(outbox.pathOf(controlId("b")), StandardCharsets.UTF_8);
        ORU_R01 oru = (ORU_R01) Hl7Context.parse(text);
        assertThat(oru.getPATIENT_RESULT().getORDER_OBSERVATION().getOBR().getFillerOrderNumber().getEntityIdentifier()
                .getValue()).isEqualTo("b");
    }

    @Test
    void should_retry_an_error_ack_on_later_cycles_then_park_it() {
        listener.answer((n, message) -> MllpListener.Reply.AE);
        try (Deliveries deliveries = new Deliveries(work)) {
            List<String> ids = deliveries.record("ae", 2, "hl7");

            for (int cycle = 0; cycle < 4; cycle++) {
                deliveries.delivery(3, mllpSink(Hl7ResultKind.ORU_R01)).deliverPending();
            }

            assertThat(listener.received()).hasSize(6);
            assertThat(ids).allSatisfy(id -> assertThat(deliveries.row(id, "hl7")).isEqualTo(new Deliveries.Row("PARKED", 2,
                    "ReportRejectedException: HL7 receiver answered AE to message " + controlId(id))));
        }
    }

    @Test
    void should_retry_a_missing_ack_on_later_cycles_then_park_it() {
        listener.answer((n, message) -> MllpListener.Reply.NONE);
        try (Deliveries deliveries = new Deliveries(work)) {
            List<String> ids = deliveries.record("quiet", 2, "hl7");

            for (int cycle = 0; cycle < 4; cycle++) {
                deliveries.delivery(3, mllpSink(Hl7ResultKind.ORU_R01)).deliverPending();
            }

            assertThat(listener.received()).extracting(MllpListener.Received::controlId)
                    .containsOnly(controlId(ids.get(0))).hasSize(3);
            assertThat(ids).allSatisfy(id -> assertThat(deliveries.row(id, "hl7")).isEqualTo(new Deliveries.Row("PARKED", 2,
                    "ReceiverUnavailableException: no HL7 ACK within PT0.3S")));
        }
    }
}
