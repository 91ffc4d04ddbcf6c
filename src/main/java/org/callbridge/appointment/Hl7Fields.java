package org.callbridge.appointment;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.util.Terser;

import java.util.Arrays;

/**
 * Reads text out of a parsed message by Terser path, treating absent, blank and the HL7
 * explicit null {@code ""} alike as null.
 */
final class Hl7Fields {
    private static final String EXPLICIT_NULL = "\"\"";

    private final Terser terser;

    Hl7Fields(Message message) {
        this.terser = new Terser(message);
    }

    /** The trimmed value at the path, or null. */
    String text(String path) {
        try {
            return clean(terser.get(path));
        } catch (HL7Exception | RuntimeException e) {
            throw new RejectedInputException(fieldName(path), "unreadable field");
        }
    }

    /** The first of the paths that has a value, or null. */
    String first(String... paths) {
        for (String path : paths) {
            String value = text(path);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    /** The value at a path template filled with numbers (field, 0-based repetition). */
    String text(String pathFormat, int... numbers) {
        return text(String.format(pathFormat, Arrays.stream(numbers).boxed().toArray()));
    }

    /** How many repetitions a field of the first segment found at the path has (0 without the segment). */
    int repetitions(String segmentPath, int field) {
        try {
            return terser.getSegment(segmentPath).getField(field).length;
        } catch (HL7Exception | RuntimeException e) {
            return 0;
        }
    }

    /** "/.PID-3(2)-4-1" as people write it: "PID-3.4.1". */
    static String fieldName(String path) {
        String plain = path.replace("/.", "").replace("/", "").replaceAll("\\(\\d+\\)", "");
        int firstDash = plain.indexOf('-');
        return firstDash < 0 ? plain : plain.substring(0, firstDash + 1) + plain.substring(firstDash + 1).replace('-', '.');
    }

    static String clean(String value) {
        if (value == null) {
            return null;
        }
        String trimmed = value.trim();
        return trimmed.isEmpty() || trimmed.equals(EXPLICIT_NULL) ? null : trimmed;
    }
}
