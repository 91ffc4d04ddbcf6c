package org.callbridge.hl7;




import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.Version;
import ca.uhn.hl7v2.model.v25.message.ACK;
import ca.uhn.hl7v2.util.Terser;

import java.io.IOException;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Builds the HL7 ACK for an inbound message. The header is read by string splitting
 * ({@link RawMsh}), not by parsing the whole message, so a message HAPI cannot parse still gets
 * its AE/AR; one without a readable MSH gets an AR with an empty MSA-2.
 *
 * <p>The AA of a message whose copied header values need no escaping (the usual case, and the one
 * every stored MLLP message takes) is written out as text; every other ACK is built with HAPI. Both
 * give the same ACK, apart from its own timestamp and control id.
 */
public final class Hl7Acks {
    /** MSA-3 is an ST of 80 characters. */
    static final int MSA_3_LENGTH = 80;
    private static final Pattern TRIGGER = Pattern.compile("[A-Za-z0-9]{3}");
    private static final Pattern PROCESSING_ID = Pattern.compile("[PTD]");
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
        return ackWithHeader(RawMsh.find(inboundMessageText == null ? "" : inboundMessageText), code, reason);
    }

    /** As {@link #ack(String, AckCode, String)}, for an inbound whose header has been read already. */
    public static String ackWithHeader(Optional<RawMsh> inbound, AckCode code, String reason) {
        AckCode effective = inbound.isPresent() ? code : AckCode.AR;
        if (effective == AckCode.AA && (reason == null || reason.isBlank())) {
            String plain = plainAa(inbound.get());
            if (plain != null) {
                return plain;
            }
        }
        return built(inbound, effective, reason);
    }

    /** The ACK as HAPI builds it (the only way for AE/AR, and for an AA whose header values need escaping). */
    static String built(Optional<RawMsh> inbound, AckCode code, String reason) {
        try {
            return build(inbound, code, reason);
        } catch (HL7Exception | IOException e) {
            throw new IllegalStateException("cannot build an HL7 ACK", e);
        }
    }

    /**
     * An AA without a reason, written as the HAPI encoder writes it: the sender and receiver swapped
     * (up to three components each, trailing empty ones left out), MSA-2 the inbound control id.
     * Null when a copied value holds a delimiter, a control character or surrounding white space,
     * which HAPI would escape or trim.
     */
    private static String plainAa(RawMsh msh) {
        String trigger = msh.component(9, 2);
        if (!TRIGGER.matcher(trigger).matches()) {
            trigger = "";
        }
        String processingId = msh.component(11, 1);
        if (!PROCESSING_ID.matcher(processingId).matches()) {
            processingId = "P";
        }
        String version = msh.component(12, 1);
        if (!Version.supportsVersion(version)) {
            version = "2.5";
        }
        String receivingApplication = components(msh.components(5));
        String receivingFacility = components(msh.components(6));
        String sendingApplication = components(msh.components(3));
        String sendingFacility = components(msh.components(4));
        String controlId = msh.component(10, 1);
        if (receivingApplication == null || receivingFacility == null || sendingApplication == null
                || sendingFacility == null || !plain(controlId)) {
            return null;
        }
        String id;
        try {
            id = Hl7Context.context().getParserConfiguration().getIdGenerator().getID();
        } catch (IOException e) {
            return null; // HAPI's way reports it
        }
        String timestamp = timestamp(ZonedDateTime.now());
        StringBuilder ack = new StringBuilder(160);
        ack.append("MSH|^~\\&|").append(receivingApplication).append('|').append(receivingFacility).append('|')
                .append(sendingApplication).append('|').append(sendingFacility).append('|').append(timestamp)
                .append("||ACK");
        boolean structure = Version.versionOf(version).isGreaterThan(Version.V23);
        if (structure) {
            ack.append('^').append(trigger).append("^ACK");
        } else if (!trigger.isEmpty()) {
            ack.append('^').append(trigger);
        }
        ack.append('|').append(id).append('|').append(processingId).append('|').append(version).append('\r');
        ack.append("MSA|AA");
        if (!controlId.isEmpty()) {
            ack.append('|').append(controlId);
        }
        return ack.append('\r').toString();
    }

    /**
     * MSH-7 as HAPI writes the current time ({@code CommonTS.toHl7TSFormat}): yyyyMMddHHmmss, the
     * milliseconds after a point without trailing zeros (none when zero), the offset as +HHMM.
     */
    static String timestamp(ZonedDateTime time) {
        StringBuilder out = new StringBuilder(24);
        digits(out, time.getYear(), 4);
        digits(out, time.getMonthValue(), 2);
        digits(out, time.getDayOfMonth(), 2);
        digits(out, time.getHour(), 2);
        digits(out, time.getMinute(), 2);
        digits(out, time.getSecond(), 2);
        int millis = time.getNano() / 1_000_000;
        if (millis != 0) {
            int length = 3;
            while (millis % 10 == 0) {
                millis /= 10;
                length--;
            }
            digits(out.append('.'), millis, length);
        }
        int offsetMinutes = time.getOffset().getTotalSeconds() / 60;
        out.append(offsetMinutes < 0 ? '-' : '+');
        digits(out, Math.abs(offsetMinutes) / 60, 2);
        digits(out, Math.abs(offsetMinutes) % 60, 2);
        return out.toString();
    }

    private static void digits(StringBuilder out, int value, int width) {
        String text = Integer.toString(value);
        for (int i = text.length(); i < width; i++) {
            out.append('0');
        }
        out.append(text);
    }

    /** The first three components joined with ^, trailing empty ones left out; null when one is not plain. */
    private static String components(List<String> components) {
        int count = Math.min(components.size(), 3);
        while (count > 0 && components.get(count - 1).isEmpty()) {
            count--;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < count; i++) {
            String component = components.get(i);
            if (!plain(component)) {
                return null;
            }
            if (i > 0) {
                out.append('^');
            }
            out.append(component);
        }
        return out.toString();
    }

    /** Written as is by the encoder: no delimiter, no control character, no white space at either end. */
    private static boolean plain(String value) {
        int length = value.length();
        if (length > 0 && (Character.isWhitespace(value.charAt(0)) || Character.isWhitespace(value.charAt(length - 1)))) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7F || c == '|' || c == '^' || c == '~' || c == '\\' || c == '&') {
                return false;
            }
        }
        return true;
    }

    private static String build(Optional<RawMsh> inbound, AckCode code, String reason) throws HL7Exception, IOException {
        String trigger = inbound.map(msh -> msh.component(9, 2)).filter(t -> TRIGGER.matcher(t).matches()).orElse("");
        String processingId = inbound.map(msh -> msh.component(11, 1)).filter(p -> PROCESSING_ID.matcher(p).matches()).orElse("P");
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
