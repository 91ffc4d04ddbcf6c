package org.callbridge.store;

/** The outcome of appending one event: stored now, or already stored under {@code id}. */
public record AppendResult(Status status, long id) {

    public enum Status { STORED, DUPLICATE }

    public static AppendResult stored(long id) {
        return new AppendResult(Status.STORED, id);
    }

    public static AppendResult duplicate(long existingId) {
        return new AppendResult(Status.DUPLICATE, existingId);
    }

    public boolean isStored() {
        return status == Status.STORED;
    }
}
