package org.callbridge;

import ca.uhn.hl7v2.HapiContext;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.callbridge.results.CsvSummaryWriter;
import org.callbridge.results.Hl7FileOutbox;
import org.callbridge.results.Hl7ResultKind;
import org.callbridge.results.Hl7ResultMessageBuilder;
import org.callbridge.results.Hl7ResultSettings;
import org.callbridge.results.Hl7Sink;
import org.callbridge.results.Hl7Transport;
import org.callbridge.results.JsonReportWriter;
import org.callbridge.results.MllpSender;
import org.callbridge.results.ReportSink;
import org.callbridge.results.WebhookSettings;
import org.callbridge.results.WebhookSink;

/**
 * The report sinks the settings ask for: always the JSON files and the CSV summary, the webhook when
 * {@code callbridge.webhook.url} is set, HL7 back to the EHR when {@code callbridge.hl7.writeback.host} or
 * {@code .dir} is.
 */
final class ReportSinks {
    private ReportSinks() {
    }

    static List<ReportSink> fromSettings(Settings settings, HapiContext hapi, Clock clock) {
        Path reports = Path.of(settings.require("callbridge.reports.dir"));
        List<ReportSink> sinks = new ArrayList<>(List.of(ReportSink.json(new JsonReportWriter(reports)),
                ReportSink.csv(new CsvSummaryWriter(reports))));
        if (settings.get("callbridge.webhook.url") != null) {
            sinks.add(new WebhookSink(webhook(settings), clock, TlsSettings.httpsTrust(settings, TlsSettings.WEBHOOK)));
        }
        Hl7Transport transport = hl7Transport(settings);
        if (transport != null) {
            sinks.add(new Hl7Sink(new Hl7ResultMessageBuilder(hl7(settings), hapi, clock), transport));
        }
        return sinks;
    }

    static WebhookSettings webhook(Settings settings) {
        URI url;
        try {
            url = new URI(settings.require("callbridge.webhook.url"));
        } catch (URISyntaxException e) {
            // the URL may hold credentials: not repeated
            throw new IllegalArgumentException("callbridge.webhook.url is not a URL");
        }
        if (!("http".equalsIgnoreCase(url.getScheme()) || "https".equalsIgnoreCase(url.getScheme())) || url.getHost() == null) {
            throw new IllegalArgumentException("callbridge.webhook.url is not an http(s) URL with a host");
        }
        if (settings.get("callbridge.webhook.secret") == null) {
            throw new IllegalArgumentException("callbridge.webhook.secret is not set (CALLBRIDGE_WEBHOOK_SECRET)");
        }
        int attempts = settings.integer("callbridge.webhook.retry.max-attempts");
        if (attempts < 1) {
            throw new IllegalArgumentException("callbridge.webhook.retry.max-attempts must be at least 1: " + attempts);
        }
        return new WebhookSettings(url, settings.get("callbridge.webhook.secret"),
                positive(settings, "callbridge.webhook.connect-timeout"), positive(settings, "callbridge.webhook.request-timeout"),
                attempts, settings.duration("callbridge.webhook.retry.initial-backoff"),
                settings.duration("callbridge.webhook.retry.max-backoff"));
    }

    static Hl7ResultSettings hl7(Settings settings) {
        String kind = settings.require("callbridge.hl7.writeback.kind");
        Hl7ResultKind parsed;
        try {
            parsed = Hl7ResultKind.valueOf(kind.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("callbridge.hl7.writeback.kind is ORU_R01 or SIU_S14: " + kind);
        }
        return new Hl7ResultSettings(parsed, settings.get("callbridge.hl7.writeback.sending-application"),
                settings.get("callbridge.hl7.writeback.sending-facility"),
                settings.get("callbridge.hl7.writeback.receiving-application"),
                settings.get("callbridge.hl7.writeback.receiving-facility"));
    }

    /** The MLLP target or the file outbox, or null when neither is set. */
    static Hl7Transport hl7Transport(Settings settings) {
        String host = settings.get("callbridge.hl7.writeback.host");
        String dir = settings.get("callbridge.hl7.writeback.dir");
        if (host != null && dir != null) {
            throw new IllegalArgumentException(
                    "set callbridge.hl7.writeback.host (MLLP) or callbridge.hl7.writeback.dir (files), not both");
        }
        if (dir != null) {
            return new Hl7FileOutbox(Path.of(dir));
        }
        if (host == null) {
            return null;
        }
        if (settings.get("callbridge.hl7.writeback.port") == null) {
            throw new IllegalArgumentException("callbridge.hl7.writeback.port is not set (needed with callbridge.hl7.writeback.host)");
        }
        int port = settings.integer("callbridge.hl7.writeback.port");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("callbridge.hl7.writeback.port is not a port (1-65535): " + port);
        }
        return new MllpSender(host, port, positive(settings, "callbridge.hl7.writeback.connect-timeout"),
                positive(settings, "callbridge.hl7.writeback.ack-timeout"), TlsSettings.writeback(settings));
    }

    private static Duration positive(Settings settings, String key) {
        Duration value = settings.duration(key);
        if (value.isNegative() || value.isZero() || value.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(key + " must be a positive duration: " + value);
        }
        return value;
    }
}
