package org.callbridge.results;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.model.AbstractMessage;
import ca.uhn.hl7v2.model.v25.message.ORU_R01;
import ca.uhn.hl7v2.model.v25.message.SIU_S12;
import ca.uhn.hl7v2.model.v25.segment.MSH;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;

/**
 * Builds the HL7 v2.5 message that takes an ended call's outcome back to the EHR, as set by
 * {@link Hl7ResultSettings}: {@code ORU^R01} ({@link OruR01Content}) or {@code SIU^S14} ({@link SiuS14Content}).
 * MSH-10 is derived from the call id alone, so a re-sent result carries the same control id and the receiver can
 * drop the duplicate. Returns pipe-encoded text with {@code \r} segment separators; the caller frames and sends it.
 * Thread-safe when the {@link HapiContext} is (the shared context is).
 */
public final class Hl7ResultMessageBuilder {
    private static final int CONTROL_ID_LENGTH = 20;

    private final Hl7ResultSettings settings;
    private final HapiContext hapi;
    private final Clock clock;

    public Hl7ResultMessageBuilder(Hl7ResultSettings settings, HapiContext hapi, Clock clock) {
        this.settings = settings;
        this.hapi = hapi;
        this.clock = clock;
    }

    public Hl7ResultMessageBuilder(Hl7ResultSettings settings, HapiContext hapi) {
        this(settings, hapi, Clock.systemUTC());
    }

    /** The encoded message for one ended call. */
    public String build(CallReport report) {
        try {
            AbstractMessage message = switch (settings.kind()) {
                case ORU_R01 -> oru(report);
                case SIU_S14 -> siu(report);
            };
            return hapi.getPipeParser().encode(message);
        } catch (HL7Exception e) {
            throw new IllegalStateException("cannot build the " + settings.kind() + " result of call " + report.callId(), e);
        }
    }

    /** MSH-10 of the message {@link #build} gives for this report. */
    public String controlId(CallReport report) {
        return controlId(settings.kind(), report.callId());
    }

    /**
     * MSH-10 for a call's result: the first 20 hex digits of SHA-256 over kind and call id. Deterministic, fits
     * the 20 characters v2.5 allows, and differs between the ORU and SIU of one call.
     */
    public static String controlId(Hl7ResultKind kind, String callId) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest((kind.name() + "|" + callId).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().withUpperCase().formatHex(hash).substring(0, CONTROL_ID_LENGTH);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private ORU_R01 oru(CallReport report) throws HL7Exception {
        ORU_R01 message = new ORU_R01(hapi.getModelClassFactory());
        message.setParser(hapi.getPipeParser());
        header(message.getMSH(), "ORU", "R01", "ORU_R01", report);
        OruR01Content.fill(message, report, settings.patientIdAuthority());
        return message;
    }

    private SIU_S12 siu(CallReport report) throws HL7Exception {
        SIU_S12 message = new SIU_S12(hapi.getModelClassFactory());
        message.setParser(hapi.getPipeParser());
        header(message.getMSH(), "SIU", "S14", "SIU_S12", report);
        SiuS14Content.fill(message, report, settings.patientIdAuthority(), settings.scheduleStatus());
        return message;
    }

    private void header(MSH msh, String code, String trigger, String structure, CallReport report) throws HL7Exception {
        msh.getFieldSeparator().setValue("|");
        msh.getEncodingCharacters().setValue("^~\\&");
        msh.getSendingApplication().getNamespaceID().setValue(settings.sendingApplication());
        msh.getSendingFacility().getNamespaceID().setValue(settings.sendingFacility());
        msh.getReceivingApplication().getNamespaceID().setValue(settings.receivingApplication());
        msh.getReceivingFacility().getNamespaceID().setValue(settings.receivingFacility());
        msh.getDateTimeOfMessage().getTime().setValue(Hl7ResultFields.ts(clock.instant()));
        msh.getMessageType().getMessageCode().setValue(code);
        msh.getMessageType().getTriggerEvent().setValue(trigger);
        msh.getMessageType().getMessageStructure().setValue(structure);
        msh.getMessageControlID().setValue(controlId(settings.kind(), report.callId()));
        msh.getProcessingID().getProcessingID().setValue("P");
        msh.getVersionID().getVersionID().setValue("2.5");
        // final report text may hold any character; the sender encodes the frame in UTF-8
        msh.getCharacterSet(0).setValue("UNICODE UTF-8");
    }
}
