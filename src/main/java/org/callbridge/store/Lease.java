package org.callbridge.store;

import java.time.Instant;

/** Who holds a named lease, since when, and until when. */
public record Lease(String name, String owner, Instant acquiredAt, Instant expiresAt) {
}
