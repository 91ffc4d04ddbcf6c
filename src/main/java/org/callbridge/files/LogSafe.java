package org.callbridge.files;

/**
 * Text taken from input (file names, header names, field values in a reason) made safe for one log line or one line
 * of a reason file: control characters, line and paragraph separators and bidirectional overrides are written as
 * escapes ({@code \n}, {@code \r}, {@code \t}, {@code \\u202E}), and a backslash as {@code \\}, so input can neither
 * start a forged line nor hide what follows it. Long text is cut, with how much was left out.
 */
public final class LogSafe {
    /** Characters of input kept in one log line or reason. */
    static final int MAX = 300;

    private LogSafe() {
    }

    /** The text escaped, at most {@value #MAX} characters of it; "null" for null. */
    public static String text(String input) {
        if (input == null) {
            return "null";
        }
        int length = input.length();
        int end = Math.min(length, MAX);
        StringBuilder out = null;
        for (int i = 0; i < end; i++) {
            char c = input.charAt(i);
            String escape = escape(c);
            if (escape != null && out == null) {
                out = new StringBuilder(end + 16).append(input, 0, i);
            }
            if (out != null) {
                if (escape != null) {
                    out.append(escape);
                } else {
                    out.append(c);
                }
            }
        }
        if (out == null && end == length) {
            return input;
        }
        if (out == null) {
            out = new StringBuilder(end + 32).append(input, 0, end);
        }
        if (end < length) {
            out.append("...(").append(length - end).append(" more characters)");
        }
        return out.toString();
    }

    private static String escape(char c) {
        switch (c) {
            case '\n':
                return "\\n";
            case '\r':
                return "\\r";
            case '\t':
                return "\\t";
            case '\\':
                return "\\\\";
            default:
                break;
        }
        boolean unsafe = c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0) || c == '\u2028' || c == '\u2029'
                || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069') || c == '\uFEFF';
        return unsafe ? String.format("\\u%04X", (int) c) : null;
    }
}
