package org.callbridge.hl7;

import ca.uhn.hl7v2.parser.DefaultEscaping;
import ca.uhn.hl7v2.parser.EncodingCharacters;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The MSH segment of a text read by plain string splitting, with the sender's own delimiters:
 * for charset detection and for acknowledging messages that HAPI cannot parse.
 */
public final class RawMsh {
    private static final DefaultEscaping ESCAPING = new DefaultEscaping();

    private final String[] fields;
    private final EncodingCharacters encoding;

    private RawMsh(String[] fields, EncodingCharacters encoding) {
        this.fields = fields;
        this.encoding = encoding;
    }

    /** The first MSH segment of the text (segments may end with CR, LF or CRLF), if any is readable. */
    public static Optional<RawMsh> find(CharSequence text) {
        int start = indexOfMsh(text);
        if (start < 0 || start + 8 > text.length()) {
            return Optional.empty();
        }
        int end = start;
        while (end < text.length() && text.charAt(end) != '\r' && text.charAt(end) != '\n') {
            end++;
        }
        String segment = text.subSequence(start, end).toString();
        if (segment.length() < 8) {
            return Optional.empty(); // "MSH" + separator + four encoding characters at least
        }
        char separator = segment.charAt(3);
        String[] fields = split(segment, separator).toArray(new String[0]);
        if (fields.length < 2 || fields[1].length() < 4 || Character.isLetterOrDigit(separator)) {
            return Optional.empty();
        }
        String enc = fields[1];
        try {
            return Optional.of(new RawMsh(fields,
                    new EncodingCharacters(separator, enc.charAt(0), enc.charAt(1), enc.charAt(2), enc.charAt(3))));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Where the first segment named MSH starts; byte-order marks at a segment's start are not part of it. One pass
     * over the text: a run of marks keeps whether a segment starts after it, so a text of marks costs its length.
     */
    static int indexOfMsh(CharSequence text) {
        int length = text.length();
        boolean segmentStart = true;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c == '\r' || c == '\n') {
                segmentStart = true;
            } else if (c != '\uFEFF') {
                if (segmentStart && c == 'M' && i + 2 < length && text.charAt(i + 1) == 'S' && text.charAt(i + 2) == 'H') {
                    return i;
                }
                segmentStart = false;
            }
        }
        return -1;
    }

    /** MSH-n exactly as sent (n ≥ 3), or "" when absent. */
    public String field(int n) {
        return n - 1 < fields.length ? fields[n - 1] : "";
    }

    /** The components of MSH-n's first repetition, unescaped (first subcomponent of each). */
    public List<String> components(int n) {
        String firstRepetition = split(field(n), encoding.getRepetitionSeparator()).get(0);
        List<String> out = new ArrayList<>();
        for (String component : split(firstRepetition, encoding.getComponentSeparator())) {
            String sub = split(component, encoding.getSubcomponentSeparator()).get(0);
            out.add(unescape(sub));
        }
        return out;
    }

    /** Component c (1-based) of MSH-n, unescaped, or "" when absent. */
    public String component(int n, int c) {
        List<String> components = components(n);
        return c - 1 < components.size() ? components.get(c - 1) : "";
    }

    private String unescape(String s) {
        try {
            return ESCAPING.unescape(s, encoding);
        } catch (RuntimeException e) {
            return s; // a broken escape sequence is kept as sent
        }
    }

    private static List<String> split(String s, char separator) {
        List<String> parts = new ArrayList<>();
        int from = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == separator) {
                parts.add(s.substring(from, i));
                from = i + 1;
            }
        }
        parts.add(s.substring(from));
        return parts;
    }
}
