package org.callbridge.ingest;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
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
 * files as rows and rows/s. Nothing is held per row beyond the current chunk: bad rows are kept
 * aside in a temporary file and recorded once the good ones are stored. A store failure throws,
 * so the file stays for the next poll.
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
        try (RejectedRows rejections = new RejectedRows()) {
            Handler handler = new Handler(source, fileName, rejections);
            CsvReadSummary summary;
            try {
                summary = new CsvAppointmentReader(feed).read(in, StandardCharsets.UTF_8, fileName, handler);
            } catch (RejectedInputException e) {
                try (RejectedRows whole = new RejectedRows()) {
                    whole.add(1, e.getMessage());
                    keepRejections(source, fileName, whole);
                }
                LOG.info("CSV file {} ({}) rejected whole: {}", fileName, source, e.getMessage());
                return new CsvReadSummary(0, 0, 1, false);
            }
            handler.flush();
            keepRejections(source, fileName, rejections);
            LOG.info("CSV file {} ({}): {} rows, {} stored, {} duplicates, {} rejected", fileName, source, summary.rows(),
                    handler.stored, handler.duplicates, rejections.count());
            return summary;
        }
    }

    /**
     * Writes the rows' line numbers and reasons to one file in the rejected folder, then records each
     * row as a rejection, {@value #CHUNK} per transaction; both streamed from the rows kept aside.
     */
    private void keepRejections(String source, String fileName, RejectedRows rows) {
        if (rows.count() == 0) {
            return;
        }
        String kept = rejected.keep(source.replace(':', '-'), fileName + ".rejected-rows.csv", out -> {
            Writer reasons = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            reasons.write("line,reason\n");
            rows.forEach((line, reason) -> reasons.append(Long.toString(line)).append(",\"")
                    .append(reason.replace("\"", "\"\"")).append("\"\n"));
            reasons.flush();
        }, rows.count() + " row(s) of " + fileName + " rejected; see the file for line numbers and reasons").toString();
        List<EventStore.RejectedInput> batch = new ArrayList<>(CHUNK);
        try {
            rows.forEach((line, reason) -> {
                batch.add(new EventStore.RejectedInput(source, fileName + ":" + line, reason, kept, null));
                if (batch.size() == CHUNK) {
                    recordRejections(source, batch);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read back the rejected rows of " + fileName, e);
        }
        recordRejections(source, batch);
    }

    private void recordRejections(String source, List<EventStore.RejectedInput> batch) {
        events.rejectAll(batch);
        batch.forEach(r -> counters.rejected(source));
        batch.clear();
    }

    /** Buffers accepted rows into chunks; resolves each row's patient on the way. */
    private final class Handler implements CsvRowHandler {
        private final String source;
        private final String fileName;
        private final List<AppointmentEvent> chunk = new ArrayList<>(CHUNK);
        private final RejectedRows rejections;
        private final long startNanos = System.nanoTime();
        private long rows;
        private long stored;
        private long duplicates;

        Handler(String source, String fileName, RejectedRows rejections) {
            this.source = source;
            this.fileName = fileName;
            this.rejections = rejections;
        }

        @Override
        public void accepted(AppointmentEvent event) {
            progress();
            try {
                chunk.add(resolver.resolve(event));
            } catch (RejectedInputException e) {
                rejections.add(lineOf(event), e.getMessage());
                return;
            }
            if (chunk.size() == CHUNK) {
                flush();
            }
        }

        @Override
        public void rejected(RowRejection rejection) {
            progress();
            rejections.add(rejection.lineNumber(), rejection.reason());
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
