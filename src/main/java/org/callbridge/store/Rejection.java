package org.callbridge.store;

import java.time.Instant;

/** An input that did not become an event: where it came from, why, and where the input was kept. */
public record Rejection(long id, String source, String sourceRef, String reason, String keptFile,
                        String appointmentKey, Instant receivedAt) {
}
