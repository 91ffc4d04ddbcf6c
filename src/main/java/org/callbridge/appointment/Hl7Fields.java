package org.callbridge.appointment;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.GenericSegment;
import ca.uhn.hl7v2.model.Group;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.Segment;
import ca.uhn.hl7v2.model.Structure;
import ca.uhn.hl7v2.util.Terser;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads text out of a parsed message by Terser path, treating absent, blank and the HL7
 * explicit null {@code ""} alike as null.
 *
 * <p>A path is read as {@link Terser#get(String)} reads it: its segment part is looked up, then the
 * field, repetition, component and subcomponent are read from that segment. Each segment path is
 * looked up once per message and kept, along with the failure when the lookup fails (every path
 * through that segment then fails, as a fresh lookup would).
 *
 * <p>Terser finds a {@code /.XYZ} segment with a {@code SegmentFinder}: a depth-first walk from the
 * root through the first repetition of every structure the message defines (creating the empty
 * ones it passes), stopping at the first segment whose name, or name in its group, is XYZ. Doing
 * that walk for every path is most of the cost of reading a message, so the first {@code /.} lookup
 * makes the same walk once, in the same order, and notes the first segment of every name.
 */
final class Hl7Fields {
    private static final String EXPLICIT_NULL = "\"\"";
    /** Parsed paths; the mapper's are constants and a few repetitions of each, so the bound is never reached in practice. */
    private static final int MAX_CACHED_PATHS = 4096;
    private static final Map<String, Path> PATHS = new ConcurrentHashMap<>();
    private static final Map<Filled, Path> FILLED = new ConcurrentHashMap<>();

    private final Terser terser;
    private final Message message;
    /** Segment path to its {@link Segment}, or to what its lookup threw. */
    private final Map<String, Object> segments = new HashMap<>(16);
    /** The first segment (or empty {@link Slot}) of each name in depth-first order; null until a {@code /.} path is read. */
    private Map<String, Object> firstByName;

    Hl7Fields(Message message) {
        this.message = message;
        this.terser = new Terser(message);
    }

    /** The trimmed value at the path, or null. */
    String text(String path) {
        return read(parse(path));
    }

    private String read(Path p) {
        try {
            return clean(Terser.get(segment(p.segment()), p.field(), p.rep(), p.component(), p.subcomponent()));
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

    /** How many repetitions a field of the first segment found at the path has (0 without the segment). */
    int repetitions(String segmentPath, int field) {
        try {
            return segment(segmentPath).getField(field).length;
        } catch (HL7Exception | RuntimeException e) {
            return 0;
        }
    }

    private Segment segment(String segmentPath) throws HL7Exception {
        Object found = segments.get(segmentPath);
        if (found == null) {
            try {
                found = isFind(segmentPath) ? find(segmentPath.substring(2)) : terser.getSegment(segmentPath);
            } catch (HL7Exception | RuntimeException e) {
                found = e;
            }
            if (found == null) {
                found = new NullPointerException("no segment at " + segmentPath);
            }
            segments.put(segmentPath, found);
        }
        if (found instanceof Segment segment) {
            return segment;
        }
        if (found instanceof HL7Exception e) {
            throw e;
        }
        throw (RuntimeException) found;
    }

    /** {@code /.} and a plain segment name: found by name anywhere in the message. */
    private static boolean isFind(String segmentPath) {
        if (!segmentPath.startsWith("/.") || segmentPath.length() == 2) {
            return false;
        }
        for (int i = 2; i < segmentPath.length(); i++) {
            char c = segmentPath.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9')) {
                return false;
            }
        }
        return true;
    }

    /** What {@code Terser.getSegment("/." + name)} returns, from one walk of the message. */
    private Segment find(String name) throws HL7Exception {
        if (firstByName == null) {
            Map<String, Object> firsts = new HashMap<>(64);
            walk(message, firsts);
            firstByName = firsts;
        }
        Object first = firstByName.get(name);
        if (first == null) {
            throw new HL7Exception("End of message reached while iterating without loop");
        }
        if (first instanceof Slot slot) {
            // created empty, as the finder creates it when it gets there
            first = slot.group().get(slot.nameInGroup(), 0);
            firstByName.put(name, first);
        }
        return (Segment) first;
    }

    /**
     * Depth-first, first repetition of each child, in the group's order; a segment counts under both
     * its names. An empty segment slot is noted without creating the segment (its name is that of its
     * class); an empty group is created to walk into it, as the finder does.
     */
    private static void walk(Group group, Map<String, Object> firsts) throws HL7Exception {
        for (String nameInGroup : group.getNames()) {
            Structure[] reps = group.getAll(nameInGroup);
            Structure child;
            if (reps.length > 0) {
                child = reps[0];
            } else {
                Class<? extends Structure> type = group.getClass(nameInGroup);
                if (type != null && Segment.class.isAssignableFrom(type) && !GenericSegment.class.isAssignableFrom(type)) {
                    Slot slot = new Slot(group, nameInGroup);
                    firsts.putIfAbsent(type.getName().substring(type.getName().lastIndexOf('.') + 1), slot);
                    firsts.putIfAbsent(nameInGroup, slot);
                    continue;
                }
                child = group.get(nameInGroup, 0);
            }
            if (child instanceof Segment segment) {
                firsts.putIfAbsent(segment.getName(), segment);
                firsts.putIfAbsent(nameInGroup, segment);
            } else if (child instanceof Group inner) {
                walk(inner, firsts);
            }
        }
    }

    /** A segment position the message has no segment at. */
    private record Slot(Group group, String nameInGroup) {
    }

    /** The segment part and the indices of a path, as {@link Terser#get(String)} splits them; a path it cannot split is unreadable. */
    private static Path parse(String path) {
        Path parsed = PATHS.get(path);
        if (parsed == null) {
            int dash = path.indexOf('-');
            try {
                int[] indices = Terser.getIndices(path);
                parsed = new Path(path, dash < 0 ? path : path.substring(0, dash), indices[0], indices[1], indices[2], indices[3]);
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
