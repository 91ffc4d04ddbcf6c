package org.callbridge.simulator;

/** The call statuses of the Calls API, with their wire names. */
enum CallStatus {
    QUEUED("queued"),
    INITIATING("initiating"),
    DIALING("dialing"),
    IN_PROGRESS("in-progress"),
    SUMMARIZING("summarizing"),
    COMPLETED("completed"),
    FAILED("failed");

    private final String wireName;

    CallStatus(String wireName) {
        this.wireName = wireName;
    }

    String wireName() {
        return wireName;
    }

    /** Counts against an organization's concurrent-call capacity. */
    boolean isActive() {
        return this == INITIATING || this == DIALING || this == IN_PROGRESS || this == SUMMARIZING;
    }

    boolean isEnded() {
        return this == COMPLETED || this == FAILED;
    }

    /** The only statuses the API lets a client hang up. */
    boolean canHangUp() {
        return this == INITIATING || this == DIALING || this == IN_PROGRESS;
    }
}
