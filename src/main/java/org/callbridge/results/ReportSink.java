package org.callbridge.results;

import java.util.List;

/** One destination of final reports. Delivery must be idempotent per call: a crash may repeat it. */
public interface ReportSink {
    /** The sink's name in the delivery table ({@code json}, {@code csv}, {@code webhook}, {@code hl7}). */
    String name();

    /**
     * Delivers the reports; throws if any could not be delivered: a {@link PartialDeliveryException} names those
     * that were, any other exception means none are marked delivered.
     */
    void deliver(List<CallReport> reports) throws Exception;

    /** Files sinks: one JSON file per call. */
    static ReportSink json(JsonReportWriter writer) {
        return new ReportSink() {
            public String name() {
                return "json";
            }

            public void deliver(List<CallReport> reports) {
                reports.forEach(writer::write);
            }
        };
    }

    /** Files sinks: the daily CSV summary, one rewrite per day file per cycle. */
    static ReportSink csv(CsvSummaryWriter writer) {
        return new ReportSink() {
            public String name() {
                return "csv";
            }

            public void deliver(List<CallReport> reports) {
                writer.writeAll(reports);
            }
        };
    }
}
