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
import org.callbridge.csv.CsvAppointmentReader;
import org.callbridge.csv.CsvFeedConfig;
import org.callbridge.csv.CsvReadSummary;
import org.callbridge.csv.CsvRowHandler;
import org.callbridge.patients.PatientResolver;
import org.callbridge.appointment.RejectedInputException;
import org.callbridge.csv.RowRejection;
import org.callbridge.appointment.SourceRefs;
import org.callbridge.files.LogSafe;
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
    private final int maxRowChars;

    public CsvIntake(List<CsvFeedConfig> feeds, PatientResolver resolver, EventStore events, RejectedFolder rejected,
            IntakeCounters counters) {
        this(feeds, resolver, events, rejected, counters, CsvAppointmentReader.DEFAULT_MAX_ROW_CHARS);
    }

    /** @param maxRowChars a row longer than this stops the reading of its file, with a rejection saying so */
    public CsvIntake(List<CsvFeedConfig> feeds, PatientResolver resolver, EventStore events, RejectedFolder rejected,
            IntakeCounters counters, int maxRowChars) {
        this.maxRowChars = maxRowChars;
        this.feeds = feeds.stream().collect(java.util.stream.Collectors.toMap(CsvFeedConfig::feedName, f -> f));
        this.resolver = resolver;
        this.events = events;
        this.rejected = rejected;
        this.counters = counters;
    }

    /**
     * Reads one dropped file of the named feed, as its route took it; a file that cannot be read (a symbolic link,
     * not a regular file, no permission, a read that fails part way) is moved to the rejected folder with the
     * reason, once, the rows read before a failure staying stored.
     */
    public CsvReadSummary acceptFile(InboxFile file, String feedName) {
        String source = "csv:" + feed(feedName).feedName();
        if (file.unreadableReason() != null) {
            return rejectWhole(file, source, file.unreadableReason());
        }
        try (InputStream in = file.open()) {
            return acceptFile(in, file.name(), feedName);
        } catch (UncheckedIOException e) {
            if (!(e.getCause() instanceof InboxFile.ReadFailure failure)) {
                throw e;
            }
            return rejectWhole(file, source, "reading failed part way (" + failure.getMessage()
                    + "); the rows before it are stored");
        } catch (IOException e) {
            return rejectWhole(file, source, "cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    private CsvReadSummary rejectWhole(InboxFile file, String source, String reason) {
        String kept = file.reject(reason).toString();
        events.reject(source, file.name(), reason, kept, null);
        counters.rejected(source);
        LOG.info("CSV file {} ({}) rejected: {}", LogSafe.text(file.name()), source, reason);
        return new CsvReadSummary(0, 0, 1, false);
    }

    private CsvFeedConfig feed(String feedName) {
        CsvFeedConfig feed = feeds.get(feedName);
        if (feed == null) {
            throw new IllegalArgumentException("unknown CSV feed: " + feedName);
        }
        return feed;
    }

    /** Reads one file of the named feed. */
    public CsvReadSummary acceptFile(InputStream in, String fileName, String feedName) {
        CsvFeedConfig feed = feed(feedName);
        String source = "csv:" + feed.feedName();
        try (RejectedRows rejections = new RejectedRows()) {
            Handler handler = new Handler(source, feed.feedName(), fileName, rejections);
            CsvReadSummary summary;
            try {
                summary = new CsvAppointmentReader(feed, maxRowChars).read(in, StandardCharsets.UTF_8, fileName, handler);
            } catch (RejectedInputException e) {
                try (RejectedRows whole = new RejectedRows()) {
                    whole.add(1, e.getMessage());
                    keepRejections(source, fileName, whole);
                }
                LOG.info("CSV file {} ({}) rejected whole: {}", LogSafe.text(fileName), source, LogSafe.text(e.getMessage()));
                return new CsvReadSummary(0, 0, 1, false);
            }
            handler.flush();
            keepRejections(source, fileName, rejections);
            LOG.info("CSV file {} ({}): {} rows, {} stored, {} duplicates, {} rejected", LogSafe.text(fileName), source, summary.rows(),
                    handler.stored, handler.duplicates, rejections.count());
            // what became of the rows: events (new or already stored) and rejections, whatever stage refused them
            return new CsvReadSummary(summary.rows(), handler.stored + handler.duplicates, rejections.count(), summary.complete());
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
                batch.add(new EventStore.RejectedInput(source, SourceRefs.csvRow(fileName, line), reason, kept, null,
                        AppointmentConflicts.category(reason)));
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
        private final String feedName;
        private final String fileName;
        private final List<AppointmentEvent> chunk = new ArrayList<>(CHUNK);
        private final RejectedRows rejections;
        private final long startNanos = System.nanoTime();
        private long rows;
        private long stored;
        private long duplicates;

        Handler(String source, String feedName, String fileName, RejectedRows rejections) {
            this.source = source;
            this.feedName = feedName;
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
            List<AppendResult> results = events.appendAll(chunk);
            for (int i = 0; i < results.size(); i++) {
                AppendResult r = results.get(i);
                counters.stored(source, r);
                if (r.isConflict()) {
                    AppointmentEvent event = chunk.get(i);
                    String reason = AppointmentConflicts.csv(feedName, event.appointmentId());
                    rejections.add(lineOf(event), reason);
                    LOG.warn("CSV file {} line {}: {}", LogSafe.text(fileName), lineOf(event), reason);
                } else if (r.isStored()) {
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
                LOG.info("CSV file {}: {} rows read, {} rows/s", LogSafe.text(fileName), rows, Math.round(rows / seconds));
            }
        }

        private long lineOf(AppointmentEvent event) {
            return SourceRefs.csvLine(event.sourceRef());
        }
    }
}
