package org.callbridge.ingest;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.callbridge.appointment.AppointmentEvent;
import org.callbridge.appointment.CsvAppointmentReader;
import org.callbridge.appointment.CsvFeedConfig;
import org.callbridge.appointment.CsvReadSummary;
import org.callbridge.appointment.CsvRowHandler;
import org.callbridge.appointment.PatientResolver;
import org.callbridge.appointment.RejectedInputException;
import org.callbridge.appointment.RowRejection;
import org.callbridge.store.AppendResult;
import org.callbridge.store.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CSV drops in, events out, streamed: rows are stored in chunks (one transaction each, dedup by
 * event), each bad row is rejected alone with its line number, and progress is logged for big
 * files as rows and rows/s. A store failure throws, so the file stays for the next poll.
 */
public final class CsvIntake {
    private static final Logger LOG = LoggerFactory.getLogger(CsvIntake.class);
    private static final int CHUNK = 1_000;
    private static final long PROGRESS_EVERY = 100_000;

    private final Map<String, CsvFeedConfig> feeds;
    private final PatientResolver resolver;
    private final EventStore events;
    private final RejectedFolder rejected;
    private final IntakeCounters counters;

    public CsvIntake(List<CsvFeedConfig> feeds, PatientResolver resolver, EventStore events, RejectedFolder rejected,
            IntakeCounters counters) {
        this.feeds = feeds.stream().collect(java.util.stream.Collectors.toMap(CsvFeedConfig::feedName, f -> f));
        this.resolver = resolver;
        this.events = events;
        this.rejected = rejected;
        this.counters = counters;
    }

    /** Reads one file of the named feed. */
    public CsvReadSummary acceptFile(InputStream in, String fileName, String feedName) {
        CsvFeedConfig feed = feeds.get(feedName);
        if (feed == null) {
            throw new IllegalArgumentException("unknown CSV feed: " + feedName);
        }
        String source = "csv:" + feed.feedName();
        Handler handler = new Handler(source, fileName);
        CsvReadSummary summary;
        try {
            summary = new CsvAppointmentReader(feed).read(in, StandardCharsets.UTF_8, fileName, handler);
        } catch (RejectedInputException e) {
            keepRejections(source, fileName, List.of(new RowRejection(fileName, 1, e.field(), e.getMessage())));
            LOG.info("CSV file {} ({}) rejected whole: {}", fileName, source, e.getMessage());
            return new CsvReadSummary(0, 0, 1, false);
        }
        handler.flush();
        keepRejections(source, fileName, handler.rejections);
        LOG.info("CSV file {} ({}): {} rows, {} stored, {} duplicates, {} rejected", fileName, source, summary.rows(),
                handler.stored, handler.duplicates, handler.rejections.size());
        return summary;
    }

    private void keepRejections(String source, String fileName, List<RowRejection> rows) {
        if (rows.isEmpty()) {
            return;
        }
        StringBuilder reasons = new StringBuilder("line,reason\n");
        rows.forEach(r -> reasons.append(r.lineNumber()).append(",\"").append(r.reason().replace("\"", "\"\"")).append("\"\n"));
        String kept = rejected.keep(source.replace(':', '-'), fileName + ".rejected-rows.csv",
                reasons.toString().getBytes(StandardCharsets.UTF_8), rows.size() + " row(s) of " + fileName + " rejected; see the file for line numbers and reasons").toString();
        for (RowRejection r : rows) {
            events.reject(source, fileName + ":" + r.lineNumber(), r.reason(), kept, null);
            counters.rejected(source);
        }
    }

    /** Buffers accepted rows into chunks; resolves each row's patient on the way. */
    private final class Handler implements CsvRowHandler {
        private final String source;
        private final String fileName;
        private final List<AppointmentEvent> chunk = new ArrayList<>(CHUNK);
        private final List<RowRejection> rejections = new ArrayList<>();
        private final long startNanos = System.nanoTime();
        private long rows;
        private long stored;
        private long duplicates;

        Handler(String source, String fileName) {
            this.source = source;
            this.fileName = fileName;
        }

        @Override
        public void accepted(AppointmentEvent event) {
            progress();
            try {
                chunk.add(resolver.resolve(event));
            } catch (RejectedInputException e) {
                rejections.add(new RowRejection(fileName, lineOf(event), e.field(), e.getMessage()));
                return;
            }
            if (chunk.size() == CHUNK) {
                flush();
            }
        }

        @Override
        public void rejected(RowRejection rejection) {
            progress();
            rejections.add(rejection);
        }

        void flush() {
            if (chunk.isEmpty()) {
                return;
            }
            for (AppendResult r : events.appendAll(chunk)) {
                counters.stored(source, r);
                if (r.isStored()) {
                    stored++;
                } else {
                    duplicates++;
                }
            }
            chunk.clear();
        }

        private void progress() {
            if (++rows % PROGRESS_EVERY == 0) {
                double seconds = (System.nanoTime() - startNanos) / 1e9;
                LOG.info("CSV file {}: {} rows read, {} rows/s", fileName, rows, Math.round(rows / seconds));
            }
        }

        private long lineOf(AppointmentEvent event) {
            String ref = event.sourceRef();
            try {
                return Long.parseLong(ref.substring(ref.lastIndexOf(':') + 1));
            } catch (RuntimeException e) {
                return 0;
            }
        }
    }
}
