/**
 * The HL7 v2 reader: SIU messages (any 2.x version, read as 2.5 through HAPI) to appointment events, and the ACKs.
 *
 * <p>The performance-tuned path: {@code RawMsh} finds MSH and its control id in one linear scan of the raw bytes,
 * without HAPI, so a frame is answered or rejected before a parser sees it; {@code Hl7Messages} parses with one shared
 * {@code HapiContext}; {@code Hl7MessageStream} reads a dropped file message by message, never holding the whole file.
 * Invariants: no scan is worse than linear in the input; nothing here holds more than one message; an unreadable
 * message is a {@code RejectedInputException} with a reason, never another exception. Guarded by
 * {@code mvn -Pbench verify} (IngestBench, raw HAPI figures) and by RawMshTest, Hl7MessageStreamProperties (a property
 * test against splitting the whole file) and MllpIntakePropertiesTest.
 */
package org.callbridge.hl7;
