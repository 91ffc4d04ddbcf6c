package org.callbridge.hl7;




import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Text-level handling of HL7 as it arrives: segment separators, batch files, character sets.
 * Runs before HAPI sees anything, because HAPI accepts only CR-separated, single messages.
 */
public final class Hl7Messages {
    private static final Set<String> ENVELOPE = Set.of("FHS", "BHS", "BTS", "FTS");
    private static final int CHARSET_SCAN_LIMIT = 64 * 1024;
    private static final char BOM = '\uFEFF';

    private Hl7Messages() {
    }

    /**
     * Segments of the text, CR/LF/CRLF accepted, blank lines dropped, and byte-order marks dropped
     * from the start of each segment: files exported with a BOM and concatenated carry one at the
     * start of each later file's first MSH, which must still start a message.
     */
    static List<String> segments(String text) {
        List<String> segments = new ArrayList<>();
        int from = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == '\r' || text.charAt(i) == '\n') {
                int start = from;
                while (start < i && text.charAt(start) == BOM) {
                    start++;
                }
                String line = text.substring(start, i);
                if (!line.isBlank()) {
                    segments.add(line);
                }
                from = i + 1;
            }
        }
        return segments;
    }

    /**
     * Cuts a file's text into messages, each starting at an MSH segment; FHS/BHS/BTS/FTS envelope
     * segments are dropped. Segments before the first MSH become a message of their own, so that
     * the mapper rejects them instead of them vanishing.
     */
    public static List<NumberedMessage> split(String text) {
        List<NumberedMessage> messages = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String segment : segments(text)) {
            String id = segment.length() >= 3 ? segment.substring(0, 3) : segment;
            if (ENVELOPE.contains(id)) {
                continue;
            }
            if (id.equals("MSH") && current.length() > 0) {
                messages.add(new NumberedMessage(messages.size() + 1, current.toString()));
                current.setLength(0);
            }
            current.append(segment).append('\r');
        }
        if (current.length() > 0) {
            messages.add(new NumberedMessage(messages.size() + 1, current.toString()));
        }
        return messages;
    }

    /**
     * The charset to decode raw HL7 bytes with: a UTF-8 byte-order mark, else MSH-18 of the first
     * message (read byte-wise, so the scan itself needs no charset), else the default.
     */
    public static Charset charsetOf(byte[] raw, Charset defaultCharset) {
        if (raw.length >= 3 && (raw[0] & 0xFF) == 0xEF && (raw[1] & 0xFF) == 0xBB && (raw[2] & 0xFF) == 0xBF) {
            return StandardCharsets.UTF_8;
        }
        // ISO-8859-1 maps each byte to one char, so delimiters and ASCII names read exactly
        return RawMsh.find(new Latin1(raw, Math.min(raw.length, CHARSET_SCAN_LIMIT)))
                .map(msh -> Hl7Charsets.forName(msh.component(18, 1), defaultCharset))
                .orElse(defaultCharset);
    }

    /** The first bytes of a text read as ISO-8859-1, one char per byte, without copying them. */
    private static final class Latin1 implements CharSequence {
        private final byte[] bytes;
        private final int length;

        Latin1(byte[] bytes, int length) {
            this.bytes = bytes;
            this.length = length;
        }

        @Override
        public int length() {
            return length;
        }

        @Override
        public char charAt(int index) {
            return (char) (bytes[Objects.checkIndex(index, length)] & 0xFF);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            Objects.checkFromToIndex(start, end, length);
            return new String(bytes, start, end - start, StandardCharsets.ISO_8859_1);
        }

        @Override
        public String toString() {
            return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
        }
    }
}
