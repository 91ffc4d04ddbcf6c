package org.callbridge.appointment;

/**
 * Builds the source reference of an input, free of PHI, for every intake channel: {@code peer 10.1.1.1:5000
 * MSH-10=123} (MLLP), {@code file.hl7#2 MSH-10=123} (a message of an HL7 file), {@code file.csv:17} (a CSV row).
 * An HL7 reference gets its MSH-10 here and nowhere else.
 */
public final class SourceRefs {
    private SourceRefs() {
    }

    /** Where an MLLP message came from, before its MSH-10 is added by {@link #hl7}. */
    public static String mllp(String peer) {
        return "peer " + peer;
    }

    /** Where the {@code ordinal}-th message of an HL7 file came from, before its MSH-10 is added by {@link #hl7}. */
    public static String fileMessage(String fileName, long ordinal) {
        return fileName + "#" + ordinal;
    }

    /** {@code where} (may be null) and {@code MSH-10=<control id>}, the id as {@link #controlId} writes it. */
    public static String hl7(String where, String controlId) {
        String msh10 = "MSH-10=" + controlId(controlId);
        return where == null || where.isBlank() ? msh10 : where + " " + msh10;
    }

    /** A control id fit for references, logs and file names: {@code unknown} when missing, see {@link #safeId}. */
    public static String controlId(String controlId) {
        return controlId == null || controlId.isBlank() ? "unknown" : safeId(controlId);
    }

    /** The row of a CSV file. */
    public static String csvRow(String fileName, long line) {
        return fileName + ":" + line;
    }

    /** The line number of a {@link #csvRow} reference, or 0 when it has none. */
    public static long csvLine(String ref) {
        try {
            return Long.parseLong(ref.substring(ref.lastIndexOf(':') + 1));
        } catch (RuntimeException e) {
            return 0;
        }
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
}
