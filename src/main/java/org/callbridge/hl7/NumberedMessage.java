package org.callbridge.hl7;

/**
 * One HL7 message cut out of a file, with its position in that file.
 *
 * @param ordinal 1-based position of the message in the file
 * @param text    the message, segments ended by CR
 */
public record NumberedMessage(int ordinal, String text) {
}
