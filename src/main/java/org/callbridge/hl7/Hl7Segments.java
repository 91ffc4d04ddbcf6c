package org.callbridge.hl7;

import org.callbridge.appointment.RejectedInputException;


import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.AbstractSegment;
import ca.uhn.hl7v2.model.GenericMessage;
import ca.uhn.hl7v2.model.GenericSegment;
import ca.uhn.hl7v2.model.Group;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.Segment;
import ca.uhn.hl7v2.parser.EncodingCharacters;
import ca.uhn.hl7v2.parser.EncodingDetector;
import ca.uhn.hl7v2.parser.EncodingNotSupportedException;
import ca.uhn.hl7v2.parser.ModelClassFactory;
import ca.uhn.hl7v2.parser.Parser;

import java.lang.reflect.Constructor;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The segments of one message, each parsed by HAPI's segment parser on its own, the first time it
 * is read, into its class of the canonical 2.5 model (a Z-segment into a generic one). Only the
 * segments the mapper reads are parsed (not RGS, NTE, PV1 or Z-segments), and none is placed in
 * the message's group structure, which the mapper does not use.
 *
 * <p>The header is checked as the whole-message parse checks it: ER7 encoding, MSH-2 encoding
 * characters, an MSH-12 version HAPI knows. A segment is read by its position in the text: the
 * first of its name, wherever it stands (the whole-message parse files a segment out of the
 * standard order elsewhere, and leaves an empty one where the mapper would look).
 *
 * <p>The segment objects are this thread's, cleared and parsed again for each message (creating
 * them cost about a quarter of a mapping): an instance is read on the thread that made it, before that
 * thread makes the next, or it throws.
 */
final class Hl7Segments {
    private static final String VERSION = "2.5";
    private static final ModelClassFactory FACTORY = Hl7Context.context().getModelClassFactory();
    /** Segment classes by name; the names read are the mapper's constants, so the bound is never reached in practice. */
    private static final int MAX_CACHED_CLASSES = 256;
    /** Segment constructors by name; empty for a name the model does not define (a Z-segment). */
    private static final Map<String, Optional<Constructor<? extends Segment>>> CLASSES = new ConcurrentHashMap<>();

    private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

    private final String text;
    private final EncodingCharacters encoding;
    /** The first segment of each name: its start and end in the text. */
    private final Map<String, int[]> spans = new HashMap<>(16);
    /** Segments parsed for this message, by name. */
    private final Map<String, Segment> parsed = new HashMap<>(16);
    private final Workspace workspace;
    private final long generation;

    private Hl7Segments(String text, EncodingCharacters encoding) {
        this.text = text;
        this.encoding = encoding;
        this.workspace = WORKSPACE.get();
        this.generation = ++workspace.generation;
        char fieldSeparator = encoding.getFieldSeparator();
        int from = 0;
        while (from < text.length()) {
            int end = text.indexOf('\r', from);
            if (end < 0) {
                end = text.length();
            }
            int start = from;
            while (start < end && Character.isWhitespace(text.charAt(start))) {
                start++; // as the whole-message parse strips it
            }
            if (end - start >= 3) {
                int separator = start;
                while (separator < end && text.charAt(separator) != fieldSeparator) {
                    separator++;
                }
                spans.putIfAbsent(text.substring(start, separator), new int[] {start, end});
            }
            from = end + 1;
        }
    }

    /**
     * One message, segments ended by CR, starting with MSH.
     *
     * @throws RejectedInputException when its header is not one HAPI would parse
     */
    static Hl7Segments of(String text) {
        try {
            if (!EncodingDetector.isEr7Encoded(text) || text.length() < 9) {
                throw new EncodingNotSupportedException("not an ER7 (pipe-delimited) message");
            }
            Parser.assertVersionExists(Hl7Context.parser().getVersion(text));
            return new Hl7Segments(text, new EncodingCharacters(text.charAt(3), text.substring(4, 9)));
        } catch (HL7Exception | RuntimeException e) {
            throw unparseable("MSH", e);
        }
    }

    /** Names the segment and HAPI's error code, with no cause attached: HAPI's messages can quote segment content, which is PHI. */
    private static RejectedInputException unparseable(String segment, Exception e) {
        String why = e instanceof HL7Exception hl7 ? String.valueOf(hl7.getError()) : e.getClass().getSimpleName();
        return new RejectedInputException(segment, "unparseable HL7 (" + why + ")");
    }

    /**
     * The first segment of the name, parsed; null when the message has none.
     *
     * @throws RejectedInputException when HAPI cannot parse it
     */
    Segment first(String name) {
        if (workspace.generation != generation || workspace.owner != Thread.currentThread()) {
            throw new IllegalStateException("segments are read on the thread that parsed them, before it parses another message");
        }
        Segment segment = parsed.get(name);
        int[] span = spans.get(name);
        if (segment != null || span == null) {
            return segment;
        }
        try {
            segment = workspace.parse(name, text.substring(span[0], span[1]), encoding);
        } catch (HL7Exception | RuntimeException e) {
            throw unparseable(name, e);
        }
        parsed.put(name, segment);
        return segment;
    }

    /**
     * One thread's segment objects, one per name, and the message they belong to. A segment that a
     * message gave more fields than its definition has is not kept: HAPI adds a field for each, and
     * clearing empties fields without removing them.
     */
    private static final class Workspace {
        private static final int MAX_SEGMENTS = 64;
        final Thread owner = Thread.currentThread();
        final Message parent = new GenericMessage.V25(FACTORY);
        private final Map<String, Kept> kept = new HashMap<>();
        long generation;

        Workspace() {
            parent.setParser(Hl7Context.parser());
        }

        /** The segment text parsed into this thread's segment of the name (made on first use). */
        Segment parse(String name, String segmentText, EncodingCharacters encoding) throws HL7Exception {
            Kept reused = kept.remove(name);
            AbstractSegment segment;
            int fields;
            if (reused == null) {
                segment = instantiate(name);
                fields = segment.numFields();
            } else {
                segment = reused.segment();
                fields = reused.fields();
                segment.clear();
            }
            Hl7Context.parser().parse(segment, segmentText, encoding);
            if (segment.numFields() == fields && kept.size() < MAX_SEGMENTS) {
                kept.put(name, new Kept(segment, fields));
            }
            return segment;
        }

        private AbstractSegment instantiate(String name) throws HL7Exception {
            Optional<Constructor<? extends Segment>> constructor = CLASSES.get(name);
            if (constructor == null) {
                constructor = constructorOf(name);
                if (CLASSES.size() < MAX_CACHED_CLASSES) {
                    CLASSES.put(name, constructor);
                }
            }
            if (constructor.isEmpty()) {
                return new GenericSegment(parent, name);
            }
            try {
                return (AbstractSegment) constructor.get().newInstance(parent, FACTORY);
            } catch (ReflectiveOperationException | ClassCastException e) {
                throw new HL7Exception("cannot create segment " + name);
            }
        }

        /** A segment object and the number of fields it was made with. */
        private record Kept(AbstractSegment segment, int fields) {
        }
    }

    private static Optional<Constructor<? extends Segment>> constructorOf(String name) throws HL7Exception {
        Class<? extends Segment> type = FACTORY.getSegmentClass(name, VERSION);
        if (type == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(type.getConstructor(Group.class, ModelClassFactory.class));
        } catch (NoSuchMethodException e) {
            throw new HL7Exception("no constructor for segment " + name);
        }
    }
}
