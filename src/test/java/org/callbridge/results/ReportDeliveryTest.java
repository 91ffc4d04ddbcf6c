package org.callbridge.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Per-call outcomes of a sink: what was delivered is marked, only the rest counts an attempt. */
class ReportDeliveryTest {
    @TempDir
    Path work;
    private Deliveries deliveries;

    @BeforeEach
    void open() {
        deliveries = new Deliveries(work);
    }

    @AfterEach
    void close() {
        deliveries.close();
    }

    /** A per-call sink answering each call id with the failure the function gives, or none. */
    private static PerCallSink sink(List<String> sent, Function<String, DeliveryException> failure) {
        return new PerCallSink() {
            public String name() {
                return "webhook";
            }

            protected void send(CallReport report) throws DeliveryException {
                DeliveryException e = failure.apply(report.callId());
                if (e != null) {
                    throw e;
                }
                sent.add(report.callId());
            }
        };
    }

    @Test
    void should_deliver_the_rest_of_a_page_when_one_report_is_refused_and_park_only_that_one() {
        List<String> ids = deliveries.record("c", 3, "webhook");
        List<String> sent = new ArrayList<>();
        PerCallSink sink = sink(sent, id -> id.equals("c-1") ? new ReportRejectedException("HTTP 422") : null);

        assertThat(deliveries.delivery(3, sink).deliverPending()).isEqualTo(2);

        assertThat(sent).containsExactly("c-0", "c-2");
        assertThat(deliveries.row("c-0", "webhook").state()).isEqualTo("DELIVERED");
        assertThat(deliveries.row("c-1", "webhook")).isEqualTo(
                new Deliveries.Row("PENDING", 1, "ReportRejectedException: HTTP 422"));
        deliveries.delivery(3, sink).deliverPending();
        deliveries.delivery(3, sink).deliverPending();
        assertThat(deliveries.row("c-1", "webhook").state()).isEqualTo("PARKED");
        assertThat(deliveries.delivery(3, sink).deliverPending()).isZero();
        assertThat(sent).containsExactly("c-0", "c-2");
        assertThat(ids).allSatisfy(id -> assertThat(deliveries.row(id, "webhook").state()).isNotEqualTo("PENDING"));
    }

    @Test
    void should_class_each_report_once_with_the_rules_for_every_sink() throws Exception {
        deliveries.record("c", 2, "json", "csv");
        List<String> seen = new ArrayList<>();
        ReportSink json = capture("json", seen);
        ReportSink csv = capture("csv", seen);

        new ReportDelivery(List.of(json, csv), new org.callbridge.store.ResultStore(deliveries.db),
                new org.callbridge.store.CallStore(deliveries.db), new org.callbridge.store.EventStore(deliveries.db), 3,
                Calls.RULES).deliverPending();

        assertThat(seen).containsExactly("json c-0 confirmed", "json c-1 confirmed", "csv c-0 confirmed", "csv c-1 confirmed");
    }

    private static ReportSink capture(String name, List<String> seen) {
        return new ReportSink() {
            public String name() {
                return name;
            }

            public void deliver(List<CallReport> reports) {
                reports.forEach(r -> seen.add(name + " " + r.callId() + " " + r.outcome().wireName()));
            }
        };
    }

    @Test
    void should_record_each_refused_report_with_its_own_reason() {
        deliveries.record("c", 3, "webhook");
        PerCallSink sink = sink(new ArrayList<>(), id -> id.equals("c-1") ? null : new ReportRejectedException("no " + id));

        deliveries.delivery(3, sink).deliverPending();

        assertThat(deliveries.row("c-0", "webhook").lastError()).isEqualTo("ReportRejectedException: no c-0");
        assertThat(deliveries.row("c-1", "webhook").state()).isEqualTo("DELIVERED");
        assertThat(deliveries.row("c-2", "webhook").lastError()).isEqualTo("ReportRejectedException: no c-2");
    }

    @Test
    void should_stop_the_page_at_an_unavailable_receiver_and_count_an_attempt_for_each_report_not_sent() {
        deliveries.record("c", 3, "webhook");
        List<String> sent = new ArrayList<>();
        PerCallSink sink = sink(sent, id -> id.equals("c-1") ? new ReceiverUnavailableException("HTTP 503") : null);

        assertThat(deliveries.delivery(5, sink).deliverPending()).isEqualTo(1);

        assertThat(sent).containsExactly("c-0");
        assertThat(deliveries.row("c-0", "webhook").state()).isEqualTo("DELIVERED");
        assertThat(deliveries.row("c-1", "webhook")).isEqualTo(
                new Deliveries.Row("PENDING", 1, "ReceiverUnavailableException: HTTP 503"));
        assertThat(deliveries.row("c-2", "webhook").attempts()).isEqualTo(1);
    }

    @Test
    void should_record_only_the_type_of_any_other_exception() {
        deliveries.record("c", 1, "json");
        ReportSink broken = new ReportSink() {
            public String name() {
                return "json";
            }

            public void deliver(List<CallReport> reports) {
                throw new IllegalStateException("patient John Doe");
            }
        };

        deliveries.delivery(5, broken).deliverPending();

        assertThat(deliveries.row("c-0", "json")).isEqualTo(new Deliveries.Row("PENDING", 1, "IllegalStateException"));
    }
}
