package org.callbridge.hl7;



import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.util.Set;

/**
 * The messages of an HL7 file, read one at a time from a stream, cut as {@link Hl7Messages#split} cuts a text
 * (segments ended by CR, LF or CRLF; blank lines, byte-order marks at a segment's start and FHS/BHS/BTS/FTS envelope
 * segments dropped; a message starts at each MSH, and segments before the first MSH are a message of their own), so a
 * file of any size needs only one message in memory. A message longer than the limit is not held: it is handed on
 * as {@link Message#tooLong()}, with its first characters only, and reading goes on at the next MSH.
 */
public final class Hl7MessageStream implements Closeable {
    /** Bytes read to find the charset (a byte-order mark or MSH-18 of the first message). */
    private static final int CHARSET_SCAN = 64 * 1024;
    private static final Set<String> ENVELOPE = Set.of("FHS", "BHS", "BTS", "FTS");
    private static final char BOM = '\uFEFF';

    /**
     * One message of the file.
     *
     * @param ordinal 1-based position in the file
     * @param text    the message, segments ended by CR; for a message too long, only its first characters
     * @param length  the characters the whole message had
     * @param tooLong true when the message was longer than the limit and {@code text} is only its start
     */
    public record Message(int ordinal, String text, long length, boolean tooLong) {
        /** As {@link Hl7Messages#split} would have cut it. */
        public NumberedMessage numbered() {
            return new NumberedMessage(ordinal, text);
        }
    }

    private final Reader reader;
    private final int maxChars;
    private final char[] buffer = new char[64 * 1024];
    private int position;
    private int limit;
    private boolean ended;
    private final StringBuilder segment = new StringBuilder();
    private long segmentLength;
    private final StringBuilder message = new StringBuilder();
    private long messageLength;
    private boolean messageFull;
    private int ordinal;
    /** A complete segment read past the end of the message before it: it starts the next message. */
    private boolean pendingMsh;

    private Hl7MessageStream(Reader reader, int maxChars) {
        this.reader = reader;
        this.maxChars = maxChars;
    }

    /**
     * Reads {@code in} in the charset of its byte-order mark or of MSH-18 of its first message (found in its first
     * 64 KiB), else {@code defaultCharset}.
     */
    public static Hl7MessageStream open(InputStream in, Charset defaultCharset, int maxMessageChars) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in, CHARSET_SCAN);
        buffered.mark(CHARSET_SCAN);
        byte[] head = buffered.readNBytes(CHARSET_SCAN);
        buffered.reset();
        Charset charset = Hl7Messages.charsetOf(head, defaultCharset);
        return new Hl7MessageStream(new InputStreamReader(buffered, charset), maxMessageChars);
    }

    /** The next message, or null when the file has no more. */
    public Message next() throws IOException {
        while (true) {
            if (pendingMsh) {
                pendingMsh = false;
                appendSegment();
                continue;
            }
            if (!readSegment()) {
                return message.length() > 0 || messageLength > 0 ? take() : null;
            }
            String head = segmentHead();
            if (head.isEmpty() || ENVELOPE.contains(head)) {
                continue;
            }
            if (head.equals("MSH") && messageLength > 0) {
                pendingMsh = true;
                return take();
            }
            appendSegment();
        }
    }

    private Message take() {
        ordinal++;
        boolean tooLong = messageLength > maxChars;
        Message taken = new Message(ordinal, message.toString(), messageLength, tooLong);
        message.setLength(0);
        messageLength = 0;
        messageFull = false;
        return taken;
    }

    /** The first three characters of the segment; empty for a blank segment. */
    private String segmentHead() {
        if (isBlank()) {
            return "";
        }
        return segment.substring(0, Math.min(segment.length(), 3));
    }

    private boolean isBlank() {
        for (int i = 0; i < segment.length(); i++) {
            if (!Character.isWhitespace(segment.charAt(i))) {
                return false;
            }
        }
        // a segment cut short is blank only if what was not kept is too, which cannot be known: it is not
        return segmentLength == segment.length();
    }

    /** Adds the segment and its CR to the message while both fit; once one does not, the message keeps its start only. */
    private void appendSegment() {
        messageLength += segmentLength + 1;
        if (messageFull) {
            return;
        }
        if (segmentLength == segment.length() && message.length() + segment.length() + 1 <= maxChars) {
            message.append(segment).append('\r');
        } else {
            message.append(segment, 0, Math.min(segment.length(), maxChars - message.length()));
            messageFull = true;
        }
    }

    /** Reads the next segment into {@link #segment} (at most the limit's worth of it); false at the end of input. */
    private boolean readSegment() throws IOException {
        segment.setLength(0);
        segmentLength = 0;
        boolean any = false;
        while (true) {
            if (position >= limit) {
                if (ended || !fill()) {
                    return any;
                }
            }
            any = true;
            if (segmentLength == 0) {
                // byte-order marks at a segment's start are not part of it
                while (position < limit && buffer[position] == BOM) {
                    position++;
                }
                if (position >= limit) {
                    continue;
                }
            }
            int from = position;
            while (position < limit && buffer[position] != '\r' && buffer[position] != '\n') {
                position++;
            }
            int n = position - from;
            // a segment is kept up to the limit, and always far enough to be told apart (MSH, an envelope, blank)
            int room = Math.max(maxChars, 16) - segment.length();
            if (room > 0) {
                segment.append(buffer, from, Math.min(n, room));
            }
            segmentLength += n;
            if (position < limit) {
                position++; // the separator
                return true;
            }
        }
    }

    private boolean fill() throws IOException {
        int n = reader.read(buffer, 0, buffer.length);
        if (n < 0) {
            ended = true;
            limit = 0;
            position = 0;
            return false;
        }
        position = 0;
        limit = n;
        return true;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
