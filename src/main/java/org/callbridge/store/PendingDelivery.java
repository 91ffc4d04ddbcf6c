package org.callbridge.store;

/** A call result still to be written to one sink, with the attempts made so far. */
public record PendingDelivery(String sink, int attempts, CallResult result) {
}
