package org.callbridge.results;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.DataTypeException;
import ca.uhn.hl7v2.model.v25.datatype.CE;
import ca.uhn.hl7v2.model.v25.datatype.CX;
import ca.uhn.hl7v2.model.v25.datatype.EI;
import ca.uhn.hl7v2.model.v25.segment.PID;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Field filling shared by the ORU^R01 and SIU^S14 result messages. */
final class Hl7ResultFields {
    /** Coding system of the codes this project defines (OBX-3, OBR-4, SCH-25). */
    static final String CODING_SYSTEM = "CALLBRIDGE";
    /** Assigning authority of the Calls API patient UUID in PID-3. */
    private static final Pattern LINE_BREAK = Pattern.compile("\r\n|\r|\n");
    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyyMMddHHmmssZ");

    private Hl7ResultFields() {
    }

    /** HL7 TS with seconds and offset; an instant is written in UTC. */
    static String ts(Instant instant) {
        return instant == null ? null : TS.format(instant.atOffset(ZoneOffset.UTC));
    }

    /** HL7 TS in the time's own offset (an appointment start keeps its local time). */
    static String ts(ZonedDateTime time) {
        return time == null ? null : TS.format(time);
    }

    /** PID-3: the MRN (type MR, with its authority when known), then the Calls API patient id (type PI, under {@code idAuthority}). */
    static void patient(PID pid, CallReport report, String idAuthority) throws HL7Exception {
        pid.getSetIDPID().setValue("1");
        int rep = 0;
        if (report.mrn() != null) {
            identifier(pid.getPatientIdentifierList(rep++), report.mrn(), report.mrnAuthority(), "MR");
        }
        if (report.patientId() != null) {
            identifier(pid.getPatientIdentifierList(rep), report.patientId(), idAuthority, "PI");
        }
    }

    private static void identifier(CX cx, String id, String authority, String type) throws DataTypeException {
        cx.getIDNumber().setValue(id);
        cx.getAssigningAuthority().getNamespaceID().setValue(authority);
        cx.getIdentifierTypeCode().setValue(type);
    }

    /**
     * Text with its line breaks as the HL7 formatted-text break {@code \.br\}, for FT fields: HAPI escapes the
     * delimiters but writes a bare LF through, which a receiver would take for a segment end.
     */
    static String formatted(String text) {
        return LINE_BREAK.matcher(text).replaceAll(Matcher.quoteReplacement("\\.br\\"));
    }

    static boolean multiline(String text) {
        return text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0;
    }

    /** An entity identifier: id and namespace. */
    static void ei(EI ei, String id, String namespace) throws DataTypeException {
        ei.getEntityIdentifier().setValue(id);
        ei.getNamespaceID().setValue(namespace);
    }

    /** A coded element: code, text and coding system. */
    static void ce(CE ce, String code, String text, String system) throws DataTypeException {
        ce.getIdentifier().setValue(code);
        ce.getText().setValue(text);
        ce.getNameOfCodingSystem().setValue(system);
    }
}
