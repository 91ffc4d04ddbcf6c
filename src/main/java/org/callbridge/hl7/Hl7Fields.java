package org.callbridge.hl7;


import org.callbridge.appointment.RejectedInputException;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Segment;
import ca.uhn.hl7v2.util.Terser;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads text out of a message by Terser path, treating absent, blank and the HL7 explicit null
 * {@code ""} alike as null.
 *
 * <p>A path names a segment ({@code /MSH} or {@code /.SCH}: both mean the first segment of that
 * name, see {@link Hl7Segments}), then the field, repetition, component and subcomponent, which are
 * read from that segment as {@link Terser#get(String)} reads them. A message without the segment
 * has no value there.
 */
final class Hl7Fields {
    private static final String EXPLICIT_NULL = "\"\"";
    /** Parsed paths; the mapper's are constants and a few repetitions of each, so the bound is never reached in practice. */
    private static final int MAX_CACHED_PATHS = 4096;
    private static final Map<String, Path> PATHS = new ConcurrentHashMap<>();
    private static final Map<Filled, Path> FILLED = new ConcurrentHashMap<>();

    private final Hl7Segments segments;

    Hl7Fields(Hl7Segments segments) {
        this.segments = segments;
    }

    /** The trimmed value at the path, or null. */
    String text(String path) {
        return read(parse(path));
    }

    private String read(Path p) {
        Segment segment = segments.first(p.segment());
        if (segment == null) {
            return null;
        }
        try {
            return clean(Terser.get(segment, p.field(), p.rep(), p.component(), p.subcomponent()));
        } catch (HL7Exception | RuntimeException e) {
            throw unreadable(p.path());
        }
    }

    private static RejectedInputException unreadable(String path) {
        return new RejectedInputException(fieldName(path), "unreadable field");
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

    /** The value at a path template filled with numbers (field, 0-based repetition); the template holds only {@code %d}. */
    String text(String pathFormat, int... numbers) {
        if (numbers.length > 2) {
            return text(format(pathFormat, numbers));
        }
        Filled key = new Filled(pathFormat, numbers.length > 0 ? numbers[0] : -1, numbers.length > 1 ? numbers[1] : -1);
        Path p = FILLED.get(key);
        if (p == null) {
            p = parse(format(pathFormat, numbers));
            if (FILLED.size() < MAX_CACHED_PATHS) {
                FILLED.put(key, p);
            }
        }
        return read(p);
    }

    /** How many repetitions a field of the first segment of the path's name has (0 without the segment). */
    int repetitions(String segmentPath, int field) {
        Segment segment = segments.first(segmentName(segmentPath));
        if (segment == null) {
            return 0;
        }
        try {
            return segment.getField(field).length;
        } catch (HL7Exception | RuntimeException e) {
            return 0;
        }
    }

    /** {@code /XYZ} or {@code /.XYZ}: XYZ, letters and digits; null for any other segment path. */
    private static String segmentName(String segmentPath) {
        int from = segmentPath.startsWith("/.") ? 2 : segmentPath.startsWith("/") ? 1 : 0;
        if (from == 0 || segmentPath.length() == from) {
            return null;
        }
        for (int i = from; i < segmentPath.length(); i++) {
            char c = segmentPath.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9')) {
                return null;
            }
        }
        return segmentPath.substring(from);
    }

    /** The segment name and the indices of a path, as {@link Terser#get(String)} splits them; a path it cannot split is unreadable. */
    private static Path parse(String path) {
        Path parsed = PATHS.get(path);
        if (parsed == null) {
            int dash = path.indexOf('-');
            try {
                int[] indices = Terser.getIndices(path);
                String segment = segmentName(dash < 0 ? path : path.substring(0, dash));
                if (segment == null) {
                    throw new IllegalArgumentException("not a segment of its own name");
                }
                parsed = new Path(path, segment, indices[0], indices[1], indices[2], indices[3]);
            } catch (HL7Exception | RuntimeException e) {
                throw unreadable(path);
            }
            if (PATHS.size() < MAX_CACHED_PATHS) {
                PATHS.put(path, parsed);
            }
        }
        return parsed;
    }

    /** {@code String.format} for templates of {@code %d} only, without its parsing cost. */
    static String format(String pathFormat, int... numbers) {
        StringBuilder out = new StringBuilder(pathFormat.length() + 8);
        int from = 0;
        for (int number : numbers) {
            int at = pathFormat.indexOf("%d", from);
            if (at < 0) {
                break;
            }
            out.append(pathFormat, from, at).append(number);
            from = at + 2;
        }
        return out.append(pathFormat, from, pathFormat.length()).toString();
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

    private record Path(String path, String segment, int field, int rep, int component, int subcomponent) {
    }

    /** A path template and the numbers it is filled with (-1 for none). */
    private record Filled(String pathFormat, int first, int second) {
    }
}
