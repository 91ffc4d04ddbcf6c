package org.callbridge.hl7;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Maps the character set names found in MSH-18 (HL7 table 0211 and common misspellings) to Java charsets. */
final class Hl7Charsets {
    private static final Map<String, Charset> KNOWN = Map.of(
            "UNICODEUTF8", StandardCharsets.UTF_8,
            "UTF8", StandardCharsets.UTF_8,
            "UNICODEUTF16", StandardCharsets.UTF_16,
            "88591", StandardCharsets.ISO_8859_1,
            "ISO88591", StandardCharsets.ISO_8859_1,
            "ISOIR100", StandardCharsets.ISO_8859_1,
            "LATIN1", StandardCharsets.ISO_8859_1,
            "ASCII", StandardCharsets.US_ASCII,
            "USASCII", StandardCharsets.US_ASCII,
            "ISOIR6", StandardCharsets.US_ASCII);

    private static final Pattern SEPARATORS = Pattern.compile("[\\s_/\\-]");
    private static final Pattern ISO_8859 = Pattern.compile("(ISO)?8859\\d{1,2}");

    private Hl7Charsets() {
    }

    /** The charset an MSH-18 value names, or the default when it is blank or unknown. */
    static Charset forName(String msh18, Charset defaultCharset) {
        if (msh18 == null || msh18.isBlank()) {
            return defaultCharset;
        }
        String key = SEPARATORS.matcher(msh18.toUpperCase(Locale.ROOT)).replaceAll("");
        Charset known = KNOWN.get(key);
        if (known != null) {
            return known;
        }
        if (ISO_8859.matcher(key).matches()) {
            return lookup("ISO-8859-" + key.substring(key.indexOf("8859") + 4), defaultCharset);
        }
        return lookup(msh18.trim(), defaultCharset);
    }

    private static Charset lookup(String name, Charset defaultCharset) {
        try {
            return Charset.forName(name);
        } catch (IllegalArgumentException e) {
            return defaultCharset;
        }
    }
}
