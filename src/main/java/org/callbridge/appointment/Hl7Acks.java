package org.callbridge.appointment;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.Version;
import ca.uhn.hl7v2.model.v25.message.ACK;
import ca.uhn.hl7v2.util.Terser;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Builds the HL7 ACK for an inbound message. The header is read by string splitting
 * ({@link RawMsh}), not by parsing the whole message, so a message HAPI cannot parse still gets
 * its AE/AR; one without a readable MSH gets an AR with an empty MSA-2.
 */
public final class Hl7Acks {
    /** MSA-3 is an ST of 80 characters. */
    static final int MSA_3_LENGTH = 80;
    private static final String APPLICATION_ERROR = "207";
    private static final String APPLICATION_ERROR_TEXT = "Application internal error";

    private Hl7Acks() {
    }

    /**
     * @param inboundMessageText the message as received, any segment separators
     * @param code               AA, AE or AR; forced to AR when the inbound has no readable MSH
     * @param reason             why, free of PHI; MSA-3 (truncated) and, for AE/AR, ERR
     * @return the ACK with CR segment separators, in the inbound's HL7 version when HAPI knows it
     */
    public static String ack(String inboundMessageText, AckCode code, String reason) {
        Optional<RawMsh> inbound = RawMsh.find(inboundMessageText == null ? "" : inboundMessageText);
        AckCode effective = inbound.isPresent() ? code : AckCode.AR;
        try {
            return build(inbound, effective, reason);
        } catch (HL7Exception | IOException e) {
            throw new IllegalStateException("cannot build an HL7 ACK", e);
        }
    }

    private static String build(Optional<RawMsh> inbound, AckCode code, String reason) throws HL7Exception, IOException {
        String trigger = inbound.map(msh -> msh.component(9, 2)).filter(t -> t.matches("[A-Za-z0-9]{3}")).orElse("");
        String processingId = inbound.map(msh -> msh.component(11, 1)).filter(p -> p.matches("[PTD]")).orElse("P");
        String version = inbound.map(msh -> msh.component(12, 1)).filter(Version::supportsVersion).orElse("2.5");

        ACK ack = Hl7Context.context().newMessage(ACK.class);
        ack.initQuickstart("ACK", trigger, processingId);
        Terser terser = new Terser(ack);
        if (inbound.isPresent()) {
            RawMsh msh = inbound.get();
            // the sender becomes the receiver and the other way round
            setComponents(terser, "/MSH-3", msh.components(5));
            setComponents(terser, "/MSH-4", msh.components(6));
            setComponents(terser, "/MSH-5", msh.components(3));
            setComponents(terser, "/MSH-6", msh.components(4));
            terser.set("/MSA-2", msh.component(10, 1));
        }
        terser.set("/MSH-12", version);
        if (Version.versionOf(version).isGreaterThan(Version.V23)) {
            terser.set("/MSH-9-3", "ACK"); // the message structure component exists from 2.3.1 on
        }
        terser.set("/MSA-1", code.name());
        String text = reason == null || reason.isBlank() ? null : reason.strip();
        if (text != null) {
            terser.set("/MSA-3", text.length() > MSA_3_LENGTH ? text.substring(0, MSA_3_LENGTH) : text);
        }
        if (code != AckCode.AA) {
            error(terser, version, text == null ? APPLICATION_ERROR_TEXT : text);
        }
        return ack.encode();
    }

    /** ERR as the receiver's version expects it: ERR-3/4/8 from 2.5 on, the ERR-1 code before. */
    private static void error(Terser terser, String version, String text) throws HL7Exception {
        boolean before25 = Version.versionOf(version).compareTo(Version.V25) < 0;
        if (before25) {
            terser.set("/ERR-1-4-1", APPLICATION_ERROR);
            terser.set("/ERR-1-4-2", text);
            terser.set("/ERR-1-4-3", "HL70357");
            return;
        }
        terser.set("/ERR-3-1", APPLICATION_ERROR);
        terser.set("/ERR-3-2", APPLICATION_ERROR_TEXT);
        terser.set("/ERR-3-3", "HL70357");
        terser.set("/ERR-4", "E");
        terser.set("/ERR-8", text);
    }

    private static void setComponents(Terser terser, String field, List<String> components) throws HL7Exception {
        for (int i = 0; i < components.size() && i < 3; i++) {
            terser.set(field + "-" + (i + 1), components.get(i));
        }
    }
}
