package org.callbridge.ingest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.callbridge.hl7.AckCode;
import org.callbridge.appointment.AppointmentEvent;
import org.callbridge.hl7.Hl7Acks;
import org.callbridge.csv.CsvAppointmentReader;
import org.callbridge.hl7.Hl7MessageStream;
import org.callbridge.hl7.Hl7Messages;
import org.callbridge.patients.PatientResolver;
import org.callbridge.hl7.RawMsh;
import org.callbridge.appointment.RejectedInputException;
import org.callbridge.hl7.SiuMapper;
import org.callbridge.appointment.SourceRefs;
import org.callbridge.files.LogSafe;
import org.callbridge.store.AppendResult;
import org.callbridge.store.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HL7 v2 in, events out: maps, resolves the patient and stores each scheduling message, and
 * answers MLLP frames with an ACK that is AA only once the event is committed (MLLP frames waiting
 * at the same time are committed together, see {@link GroupCommit}). Rejected messages are kept
 * with their reason. Logs carry control ids and counts, never message content.
 */
public final class Hl7Intake {
    private static final Logger LOG = LoggerFactory.getLogger(Hl7Intake.class);
    private static final String NOT_STORED = "not stored: state store unavailable, resend later";
    /** Messages of a file stored per transaction, at most, and characters of them held until then. */
    static final int FILE_CHUNK = 1_000;
    static final long FILE_CHUNK_CHARS = 8L << 20;
    /** Bytes kept of input that is not a usable scheduling message at all (not HL7, another message type, too long). */
    static final int KEPT_UNREADABLE = 64 * 1024;
    private final SiuMapper mapper;
    private final PatientResolver resolver;
    private final EventStore events;
    private final RejectedFolder rejected;
    private final Charset defaultCharset;
    private final IntakeCounters counters;
    private final GroupCommit groups;
    private final int maxMessageChars;

    public Hl7Intake(SiuMapper mapper, PatientResolver resolver, EventStore events, RejectedFolder rejected,
            Charset defaultCharset, IntakeCounters counters) {
        this(mapper, resolver, events, rejected, defaultCharset, counters, CsvAppointmentReader.DEFAULT_MAX_ROW_CHARS);
    }

    /** @param maxMessageChars a message of a file longer than this is rejected without being held whole */
    public Hl7Intake(SiuMapper mapper, PatientResolver resolver, EventStore events, RejectedFolder rejected,
            Charset defaultCharset, IntakeCounters counters, int maxMessageChars) {
        this.maxMessageChars = maxMessageChars;
        this.mapper = mapper;
        this.resolver = resolver;
        this.events = events;
        this.rejected = rejected;
        this.defaultCharset = defaultCharset;
        this.counters = counters;
        this.groups = new GroupCommit(events, "callbridge-mllp-commit");
    }

    /**
     * The MLLP frames of one TCP read, answered asynchronously with one ACK per frame, in their order,
     * each as {@link #acceptFrameInTurn} answers it: the list completes once the last frame's answer has.
     */
    public CompletableFuture<List<String>> acceptFramesInTurn(List<byte[]> frames, String peer) {
        List<CompletableFuture<String>> answers = new ArrayList<>(frames.size());
        for (byte[] frame : frames) {
            answers.add(answerInTurn(frame, peer));
        }
        // answers complete in the order they were queued: once the last has, every one has
        return answers.get(answers.size() - 1).thenApply(last -> {
            List<String> acks = new ArrayList<>(answers.size());
            answers.forEach(answer -> acks.add(answer.join()));
            return acks;
        });
    }

    /**
     * {@link #acceptFrameInTurn}, with AR in turn for a frame whose handling fails unexpectedly (now,
     * or once its commit returns), so that it and the frames read with it are still answered.
     */
    private CompletableFuture<String> answerInTurn(byte[] frame, String peer) {
        CompletableFuture<String> answer;
        try {
            answer = acceptFrameInTurn(frame, peer);
        } catch (RuntimeException e) {
            LOG.warn("MLLP message from {} not handled ({}); answered AR", peer, e.getClass().getSimpleName());
            return groups.inTurn().handle((ignored, failure) -> notStored(frame));
        }
        return answer.exceptionally(failure -> {
            LOG.warn("MLLP message from {} not answered ({}); answered AR", peer, cause(failure).getClass().getSimpleName());
            return notStored(frame);
        });
    }

    /** AR "not stored" to the frame's header, or to none when even that cannot be read. */
    private String notStored(byte[] frame) {
        try {
            byte[] payload = MllpFrames.payload(frame);
            return Hl7Acks.ackWithHeader(RawMsh.find(decoded(payload)), AckCode.AR, NOT_STORED);
        } catch (RuntimeException e) {
            return Hl7Acks.ackWithHeader(Optional.empty(), AckCode.AR, NOT_STORED);
        }
    }

    /**
     * One MLLP frame, answered asynchronously: its event is stored together with the events of the
     * other frames waiting at that moment (group commit), and the ACK is AA only once that commit has
     * returned; AR when it fails, AE/AR with the reason for a message that is rejected. Answers
     * complete in the order the frames were accepted, rejected ones included, so that a connection's
     * ACKs leave in the order of its frames.
     */
    public CompletableFuture<String> acceptFrameInTurn(byte[] frame, String peer) {
        byte[] payload = MllpFrames.payload(frame);
        // as received: the mapper splits it into segments, the ACK reads its header whatever the separators
        String text = decoded(payload);
        Optional<RawMsh> header = RawMsh.find(text);
        String controlId = controlId(header);
        String where = SourceRefs.mllp(peer);
        String sourceRef = SourceRefs.hl7(where, field10(header));
        AppointmentEvent event;
        try {
            event = resolver.resolve(mapper.map(text, "mllp", where));
        } catch (RejectedInputException e) {
            String ack = rejectFrame(header, payload, controlId, peer, sourceRef, e);
            return groups.inTurn().handle((ignored, failure) -> ack);
        }
        String accepted = Hl7Acks.ackWithHeader(header, AckCode.AA, null); // sent only after the commit below
        return groups.append(event).handle((result, failure) -> {
            if (failure == null && result.isConflict()) {
                counters.stored("mllp", result);
                return rejectFrame(header, payload, controlId, peer, sourceRef,
                        new RejectedInputException("SCH", AppointmentConflicts.hl7(event.appointmentId())));
            }
            if (failure == null) {
                counters.stored("mllp", result);
                LOG.debug("MLLP message {} from {}: {} event {}", controlId, peer, result.status(), result.id());
                return accepted;
            }
            // no AA without a commit: AR asks the sender to send it again later
            LOG.warn("MLLP message {} from {} not stored ({}); answered AR", controlId, peer, cause(failure).getClass().getSimpleName());
            return Hl7Acks.ackWithHeader(header, AckCode.AR, NOT_STORED);
        });
    }

    private String rejectFrame(Optional<RawMsh> header, byte[] payload, String controlId, String peer, String sourceRef,
            RejectedInputException e) {
        AckCode code = isUnreadable(e) ? AckCode.AR : AckCode.AE;
        try {
            // a frame that is not a usable scheduling message need not be kept whole: a flood of them must not fill the disk
            recordRejection("mllp", "mllp-" + controlId + ".hl7", payload, code == AckCode.AR ? KEPT_UNREADABLE
                    : Integer.MAX_VALUE, sourceRef, e);
        } catch (RuntimeException failure) {
            LOG.warn("MLLP message {} from {}: rejection not recorded ({}); answered AR", controlId, peer,
                    failure.getClass().getSimpleName());
            return Hl7Acks.ackWithHeader(header, AckCode.AR, NOT_STORED);
        }
        return Hl7Acks.ackWithHeader(header, code, e.getMessage());
    }

    /** HL7 bytes as text, in the charset of their BOM or MSH-18, else the configured default. */
    private String decoded(byte[] raw) {
        return new String(raw, Hl7Messages.charsetOf(raw, defaultCharset));
    }

    private static Throwable cause(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    /**
     * An HL7 file (one or many messages, FHS/BHS envelopes allowed), read message by message: the good messages are
     * stored {@value #FILE_CHUNK} (or 8 MiB of them) to a transaction, a smaller file in one; each bad one is kept
     * with its reason.
     * Throws if the store fails, so the file is kept for the next poll (re-reading it stores nothing twice).
     */
    public FileSummary acceptFile(byte[] content, String fileName) {
        try {
            return acceptStream(new ByteArrayInputStream(content), fileName);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A dropped file, as its route took it: read message by message (a file of any size holds one message in memory),
     * or, when it cannot be read (a symbolic link, not a regular file, no permission), moved to the rejected folder
     * unread with the reason, once. A file whose reading fails part way is rejected the same way; the messages read
     * before stay stored.
     */
    public FileSummary acceptFile(InboxFile file) {
        String fileName = file.name();
        if (file.unreadableReason() != null) {
            return rejectWhole(file, file.unreadableReason());
        }
        try (InputStream in = file.open()) {
            return acceptStream(in, fileName);
        } catch (PartlyRead e) {
            return rejectWhole(file, "reading failed after message " + e.messagesRead + " (" + e.getCause().getMessage()
                    + "); the messages before it are stored");
        } catch (IOException e) {
            return rejectWhole(file, "cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    private FileSummary rejectWhole(InboxFile file, String reason) {
        String kept = file.reject(reason).toString();
        events.reject("hl7-file", file.name(), reason, kept, null);
        counters.rejected("hl7-file");
        LOG.info("HL7 file {} rejected: {}", LogSafe.text(file.name()), reason);
        return new FileSummary(file.name(), 0, 0, 0, 1);
    }

    private FileSummary acceptStream(InputStream in, String fileName) throws IOException {
        Tally tally = new Tally();
        long chunkChars = 0;
        List<Good> good = new ArrayList<>();
        List<Runnable> rejections = new ArrayList<>();
        try (Hl7MessageStream messages = Hl7MessageStream.open(in, defaultCharset, maxMessageChars)) {
            while (true) {
                Hl7MessageStream.Message message;
                try {
                    message = messages.next();
                } catch (IOException e) {
                    store(good, rejections, tally);
                    throw new PartlyRead(tally.messages, e);
                }
                if (message == null) {
                    break;
                }
                tally.messages++;
                String where = SourceRefs.fileMessage(fileName, message.ordinal());
                String sourceRef = SourceRefs.hl7(where, field10(RawMsh.find(message.text())));
                String keptName = fileName + "-" + message.ordinal() + ".hl7";
                if (message.tooLong()) {
                    byte[] start = message.text().getBytes(StandardCharsets.UTF_8);
                    RejectedInputException tooLong = new RejectedInputException(null, "message longer than "
                            + maxMessageChars + " characters (" + message.length() + "); " + org.callbridge.config.Keys.INBOX_MAX_RECORD_CHARS.key());
                    rejections.add(() -> recordRejection("hl7-file", keptName, start, KEPT_UNREADABLE, sourceRef, tooLong));
                } else {
                    try {
                        good.add(new Good(resolver.resolve(mapper.mapSplitMessage(message.numbered(), "hl7-file", where)),
                                message.text(), keptName, sourceRef));
                    } catch (RejectedInputException e) {
                        byte[] raw = message.text().getBytes(StandardCharsets.UTF_8);
                        rejections.add(() -> recordRejection("hl7-file", keptName, raw, Integer.MAX_VALUE, sourceRef, e));
                    }
                }
                chunkChars += message.text().length();
                if (good.size() + rejections.size() >= FILE_CHUNK || chunkChars >= FILE_CHUNK_CHARS) {
                    store(good, rejections, tally);
                    chunkChars = 0;
                }
            }
        }
        store(good, rejections, tally);
        FileSummary summary = new FileSummary(fileName, tally.messages, tally.stored, tally.duplicates, tally.rejected);
        LOG.info("HL7 file {}: {} messages, {} stored, {} duplicates, {} rejected", LogSafe.text(fileName),
                summary.messages(), summary.stored(), summary.duplicates(), summary.rejected());
        return summary;
    }

    /** Stores the good messages read so far in one transaction, then records the rejected ones. */
    private void store(List<Good> good, List<Runnable> rejections, Tally tally) {
        List<AppendResult> results = good.isEmpty() ? List.of() : events.appendAll(good.stream().map(Good::event).toList());
        for (int i = 0; i < results.size(); i++) {
            AppendResult r = results.get(i);
            counters.stored("hl7-file", r);
            if (r.isConflict()) {
                Good message = good.get(i);
                RejectedInputException conflict = new RejectedInputException("SCH",
                        AppointmentConflicts.hl7(message.event().appointmentId()));
                rejections.add(() -> recordRejection("hl7-file", message.keptName(),
                        message.text().getBytes(StandardCharsets.UTF_8), Integer.MAX_VALUE, message.sourceRef(), conflict));
            } else if (r.isStored()) {
                tally.stored++;
            } else {
                tally.duplicates++;
            }
        }
        rejections.forEach(Runnable::run);
        tally.rejected += rejections.size();
        good.clear();
        rejections.clear();
    }

    /** A message of a file that became an event, with what its rejection would keep if the store refuses it. */
    private record Good(AppointmentEvent event, String text, String keptName, String sourceRef) {
    }

    /** Counts of one file. */
    private static final class Tally {
        long messages;
        long stored;
        long duplicates;
        long rejected;
    }

    /** Reading a file failed after some of its messages were stored. */
    private static final class PartlyRead extends IOException {
        final long messagesRead;

        PartlyRead(long messagesRead, IOException cause) {
            super(cause);
            this.messagesRead = messagesRead;
        }
    }

    /**
     * Keeps the input (at most {@code keepBytes} of it) with its reason and records the rejection; throws if either
     * cannot be written.
     */
    private void recordRejection(String channel, String keptName, byte[] raw, int keepBytes, String sourceRef,
            RejectedInputException e) {
        String reason = e.getMessage();
        String kept = rejected.keepAtMost(channel, keptName, raw, keepBytes, sourceRef + ": " + reason).toString();
        String category = AppointmentConflicts.category(reason);
        events.reject(channel, sourceRef, reason, kept, null, category);
        counters.rejected(channel);
        if (category != null) {
            LOG.warn("HL7 message rejected: {} [{}]", LogSafe.text(reason), LogSafe.text(sourceRef));
        } else {
            LOG.info("HL7 message rejected: {} [{}]", LogSafe.text(reason), LogSafe.text(sourceRef));
        }
    }

    /** Not HL7 at all, or not a scheduling message: a reject (AR) rather than an error in a usable message (AE). */
    private static boolean isUnreadable(RejectedInputException e) {
        return e.field() == null || "MSH".equals(e.field()) || "MSH-9".equals(e.field());
    }

    private static String controlId(Optional<RawMsh> header) {
        return SourceRefs.controlId(field10(header));
    }

    private static String field10(Optional<RawMsh> header) {
        return header.map(msh -> msh.field(10)).orElse(null);
    }

    /** What one file gave. */
    public record FileSummary(String fileName, long messages, long stored, long duplicates, long rejected) {
    }
}
