package org.callbridge.results;

/** Where the {@link Hl7Sink} puts each result message: an MLLP connection ({@link MllpSender}) or a folder ({@link Hl7FileOutbox}). */
public interface Hl7Transport {
    /** Hands over one message; returns once the receiver has it (an AA, a file in place). */
    void send(String controlId, String message) throws DeliveryException;

    /** Called after each page: releases what was kept for it. */
    default void endOfPage() {
    }
}
