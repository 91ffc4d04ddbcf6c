package org.callbridge.appointment;

import org.callbridge.hl7.NumberedMessage;

import org.callbridge.hl7.Hl7Messages;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads the files under {@code sample-data/} the way the routes will: bytes, charset from MSH-18, split. */
public final class SampleData {
    static final Path ROOT = Path.of(System.getProperty("basedir", ".")).resolve("sample-data");

    private SampleData() {
    }

    public static Path path(String relative) {
        return ROOT.resolve(relative);
    }

    public static byte[] bytes(String relative) {
        try {
            return Files.readAllBytes(path(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An HL7 file decoded with the charset its MSH-18 names (UTF-8 by default). */
    static String hl7Text(String relative) {
        byte[] raw = bytes(relative);
        return new String(raw, Hl7Messages.charsetOf(raw, StandardCharsets.UTF_8));
    }

    public static List<NumberedMessage> hl7Messages(String relative) {
        return Hl7Messages.split(hl7Text(relative));
    }

    /** The only message of a single-message HL7 file. */
    public static String hl7Message(String relative) {
        List<NumberedMessage> messages = hl7Messages(relative);
        if (messages.size() != 1) {
            throw new IllegalStateException(relative + " holds " + messages.size() + " messages");
        }
        return messages.get(0).text();
    }
}
