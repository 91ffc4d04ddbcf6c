package org.callbridge.store;

import java.time.Instant;

/**
 * An input that did not become an event: where it came from, why, and where the input was kept.
 *
 * @param category what kind of rejection it is where something must find them again ({@link #APPOINTMENT_CONFLICT}),
 *                 else null
 */
public record Rejection(long id, String source, String sourceRef, String reason, String keptFile,
                        String appointmentKey, Instant receivedAt, String category) {
    /** An event whose appointment id is already stored for another patient. */
    public static final String APPOINTMENT_CONFLICT = "APPOINTMENT_CONFLICT";
}
