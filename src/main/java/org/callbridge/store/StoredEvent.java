package org.callbridge.store;

import java.time.Instant;
import org.callbridge.appointment.AppointmentEvent;

/**
 * An appointment event as stored: the event (of the patient identifiers only the MRN with its assigning
 * authority is kept, and no phone; its {@code dedupKey()} still equals the stored one) plus its id,
 * arrival time and state.
 */
public record StoredEvent(long id, String dedupKey, AppointmentEvent event, Instant receivedAt,
                          String state, String stateReason) {

    public String appointmentKey() {
        return event.appointmentKey();
    }
}
