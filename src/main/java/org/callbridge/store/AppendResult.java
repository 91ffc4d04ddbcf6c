package org.callbridge.store;

/**
 * The outcome of appending one event: stored now, or already stored under {@code id}, or not stored because its
 * appointment id is already stored for another patient ({@code id} is then -1).
 */
public record AppendResult(Status status, long id) {

    public enum Status { STORED, DUPLICATE, CONFLICT }

    /** Not stored: the event's appointment id belongs to another patient's appointment. */
    public static AppendResult conflict() {
        return new AppendResult(Status.CONFLICT, -1);
    }

    public boolean isConflict() {
        return status == Status.CONFLICT;
    }

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
