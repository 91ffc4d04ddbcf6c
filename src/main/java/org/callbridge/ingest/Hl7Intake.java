package org.callbridge.ingest;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.callbridge.appointment.AckCode;
import org.callbridge.appointment.AppointmentEvent;
import org.callbridge.appointment.Hl7Acks;
import org.callbridge.appointment.Hl7Messages;
import org.callbridge.appointment.NumberedMessage;
import org.callbridge.appointment.PatientResolver;
import org.callbridge.appointment.RawMsh;
import org.callbridge.appointment.RejectedInputException;
import org.callbridge.appointment.SiuMapper;
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
    private final SiuMapper mapper;
    private final PatientResolver resolver;
    private final EventStore events;
    private final RejectedFolder rejected;
    private final Charset defaultCharset;
    private final IntakeCounters counters;
    private final GroupCommit groups;

    public Hl7Intake(SiuMapper mapper, PatientResolver resolver, EventStore events, RejectedFolder rejected,
            Charset defaultCharset, IntakeCounters counters) {
        this.mapper = mapper;
        this.resolver = resolver;
        this.events = events;
        this.rejected = rejected;
        this.defaultCharset = defaultCharset;
        this.counters = counters;
        this.groups = new GroupCommit(events, "callbridge-mllp-commit");
    }

    /** One MLLP frame: the ACK to send back (AA after commit, AE/AR with the reason otherwise). */
    public String acceptFrame(byte[] frame, String peer) {
        return acceptFrameInTurn(frame, peer).join();
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
        String sourceRef = "peer " + peer + " MSH-10=" + controlId;
        AppointmentEvent event;
        try {
            event = resolver.resolve(mapper.map(text, "mllp", sourceRef));
        } catch (RejectedInputException e) {
            String ack = rejectFrame(header, payload, controlId, peer, sourceRef, e);
            return groups.inTurn().handle((ignored, failure) -> ack);
        }
        String accepted = Hl7Acks.ackWithHeader(header, AckCode.AA, null); // sent only after the commit below
        return groups.append(event).handle((result, failure) -> {
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
            recordRejection("mllp", "mllp-" + controlId + ".hl7", payload, sourceRef, e);
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
     * An HL7 file (one or many messages, FHS/BHS envelopes allowed): the good messages are stored in
     * one transaction, each bad one is kept with its reason. Throws if the store fails, so the file is
     * kept for the next poll (re-reading it stores nothing twice).
     */
    public FileSummary acceptFile(byte[] content, String fileName) {
        String text = decoded(content);
        List<AppointmentEvent> good = new ArrayList<>();
        List<Runnable> rejections = new ArrayList<>();
        for (NumberedMessage message : Hl7Messages.split(text)) {
            String sourceRef = fileName + "#" + message.ordinal() + " MSH-10=" + controlId(RawMsh.find(message.text()));
            try {
                good.add(resolver.resolve(mapper.mapSplitMessage(message, "hl7-file", sourceRef)));
            } catch (RejectedInputException e) {
                String keptName = fileName + "-" + message.ordinal() + ".hl7";
                byte[] raw = message.text().getBytes(StandardCharsets.UTF_8);
                rejections.add(() -> recordRejection("hl7-file", keptName, raw, sourceRef, e));
            }
        }
        List<AppendResult> results = good.isEmpty() ? List.of() : events.appendAll(good);
        rejections.forEach(Runnable::run);
        long stored = results.stream().filter(AppendResult::isStored).count();
        results.forEach(r -> counters.stored("hl7-file", r));
        FileSummary summary = new FileSummary(fileName, good.size() + rejections.size(), stored,
                results.size() - stored, rejections.size());
        LOG.info("HL7 file {}: {} messages, {} stored, {} duplicates, {} rejected", fileName, summary.messages(),
                summary.stored(), summary.duplicates(), summary.rejected());
        return summary;
    }

    /** Keeps the input with its reason and records the rejection; throws if either cannot be written. */
    private void recordRejection(String channel, String keptName, byte[] raw, String sourceRef, RejectedInputException e) {
        String reason = e.getMessage();
        String kept = rejected.keep(channel, keptName, raw, sourceRef + ": " + reason).toString();
        events.reject(channel, sourceRef, reason, kept, null);
        counters.rejected(channel);
        LOG.info("HL7 message rejected: {} [{}]", reason, sourceRef);
    }

    /** Not HL7 at all, or not a scheduling message: a reject (AR) rather than an error in a usable message (AE). */
    private static boolean isUnreadable(RejectedInputException e) {
        return e.field() == null || "MSH".equals(e.field()) || "MSH-9".equals(e.field());
    }

    private static String controlId(Optional<RawMsh> header) {
        return header.map(msh -> msh.field(10)).filter(s -> !s.isBlank())
                .map(Hl7Intake::safeId).orElse("unknown");
    }

    /** ASCII letters, digits and {@code ._-} kept, any other character {@code _}. */
    private static String safeId(String id) {
        StringBuilder out = new StringBuilder(id.length());
        id.codePoints().forEach(c -> {
            boolean kept = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-';
            out.append(kept ? (char) c : '_');
        });
        return out.toString();
    }

    /** What one file gave. */
    public record FileSummary(String fileName, long messages, long stored, long duplicates, long rejected) {
    }
}
