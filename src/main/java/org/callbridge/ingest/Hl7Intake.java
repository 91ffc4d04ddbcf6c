package org.callbridge.ingest;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
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
 * answers MLLP frames with an ACK that is AA only once the event is committed. Rejected
 * messages are kept with their reason. Logs carry control ids and counts, never message content.
 */
public final class Hl7Intake {
    private static final Logger LOG = LoggerFactory.getLogger(Hl7Intake.class);
    private final SiuMapper mapper;
    private final PatientResolver resolver;
    private final EventStore events;
    private final RejectedFolder rejected;
    private final Charset defaultCharset;
    private final IntakeCounters counters;

    public Hl7Intake(SiuMapper mapper, PatientResolver resolver, EventStore events, RejectedFolder rejected,
            Charset defaultCharset, IntakeCounters counters) {
        this.mapper = mapper;
        this.resolver = resolver;
        this.events = events;
        this.rejected = rejected;
        this.defaultCharset = defaultCharset;
        this.counters = counters;
    }

    /** One MLLP frame: the ACK to send back (AA after commit, AE/AR with the reason otherwise). */
    public String acceptFrame(byte[] frame, String peer) {
        byte[] payload = MllpFrames.payload(frame);
        String text = Hl7Messages.normalise(new String(payload, Hl7Messages.charsetOf(payload, defaultCharset)));
        String controlId = controlId(text);
        String sourceRef = "peer " + peer + " MSH-10=" + controlId;
        AppointmentEvent event;
        try {
            event = resolver.resolve(mapper.map(text, "mllp", sourceRef));
        } catch (RejectedInputException e) {
            AckCode code = isUnreadable(e) ? AckCode.AR : AckCode.AE;
            try {
                recordRejection("mllp", "mllp-" + controlId + ".hl7", payload, sourceRef, e);
            } catch (RuntimeException failure) {
                LOG.warn("MLLP message {} from {}: rejection not recorded ({}); answered AR", controlId, peer,
                        failure.getClass().getSimpleName());
                return Hl7Acks.ack(text, AckCode.AR, "not stored: state store unavailable, resend later");
            }
            return Hl7Acks.ack(text, code, e.getMessage());
        }
        try {
            AppendResult result = events.append(event);
            counters.stored("mllp", result);
            LOG.info("MLLP message {} from {}: {} event {}", controlId, peer, result.status(), result.id());
            return Hl7Acks.ack(text, AckCode.AA, null);
        } catch (RuntimeException e) {
            // no AA without a commit: AR asks the sender to send it again later
            LOG.warn("MLLP message {} from {} not stored ({}); answered AR", controlId, peer, e.getClass().getSimpleName());
            return Hl7Acks.ack(text, AckCode.AR, "not stored: state store unavailable, resend later");
        }
    }

    /**
     * An HL7 file (one or many messages, FHS/BHS envelopes allowed): the good messages are stored in
     * one transaction, each bad one is kept with its reason. Throws if the store fails, so the file is
     * kept for the next poll (re-reading it stores nothing twice).
     */
    public FileSummary acceptFile(byte[] content, String fileName) {
        String text = new String(content, Hl7Messages.charsetOf(content, defaultCharset));
        List<AppointmentEvent> good = new ArrayList<>();
        List<Runnable> rejections = new ArrayList<>();
        for (NumberedMessage message : Hl7Messages.split(text)) {
            String sourceRef = fileName + "#" + message.ordinal() + " MSH-10=" + controlId(message.text());
            try {
                good.add(resolver.resolve(mapper.map(message.text(), "hl7-file", sourceRef)));
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

    private static String controlId(String text) {
        return RawMsh.find(text).map(msh -> msh.field(10)).filter(s -> !s.isBlank())
                .map(s -> s.replaceAll("[^A-Za-z0-9._-]", "_")).orElse("unknown");
    }

    /** What one file gave. */
    public record FileSummary(String fileName, long messages, long stored, long duplicates, long rejected) {
    }
}
