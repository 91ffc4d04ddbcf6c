package org.callbridge.store;

/** One call the Calls API created for a planned call: its call id and initial status. */
public record PostedCall(long plannedCallId, String callId, String status) {
}
