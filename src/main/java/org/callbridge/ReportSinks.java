package org.callbridge;

import ca.uhn.hl7v2.HapiContext;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.callbridge.config.Configuration;
import org.callbridge.results.CsvSummaryWriter;
import org.callbridge.results.Hl7FileOutbox;
import org.callbridge.results.Hl7ResultMessageBuilder;
import org.callbridge.results.Hl7Sink;
import org.callbridge.results.Hl7Transport;
import org.callbridge.results.JsonReportWriter;
import org.callbridge.results.MllpSender;
import org.callbridge.results.ReportSink;
import org.callbridge.results.WebhookSink;

/**
 * The report sinks the configuration asks for: always the JSON files and the CSV summary, the webhook when it has a
 * URL, HL7 back to the EHR when it has a host or a folder.
 */
final class ReportSinks {
    private ReportSinks() {
    }

    static List<ReportSink> of(Configuration config, HapiContext hapi, Clock clock) {
        List<ReportSink> sinks = new ArrayList<>(List.of(ReportSink.json(new JsonReportWriter(config.results().reportsDir())),
                ReportSink.csv(new CsvSummaryWriter(config.results().reportsDir()))));
        Configuration.Webhook webhook = config.webhook();
        if (webhook != null) {
            sinks.add(new WebhookSink(webhook.settings(), clock, webhook.trust()));
        }
        Configuration.Writeback writeback = config.writeback();
        if (writeback != null) {
            sinks.add(new Hl7Sink(new Hl7ResultMessageBuilder(writeback.result(), hapi, clock), transport(writeback)));
        }
        return sinks;
    }

    /** The MLLP target or the file outbox. */
    static Hl7Transport transport(Configuration.Writeback writeback) {
        if (writeback.dir() != null) {
            return new Hl7FileOutbox(writeback.dir());
        }
        return new MllpSender(writeback.host(), writeback.port(), writeback.connectTimeout(), writeback.ackTimeout(), writeback.tls());
    }
}
