package org.callbridge.store;

import java.time.Instant;
import org.callbridge.appointment.AppointmentEvent;

/**
 * An appointment event as stored: the event (without patient identifiers and phone, which are not
 * kept; its {@code dedupKey()} still equals the stored one) plus its id, arrival time and state.
 */
public record StoredEvent(long id, String dedupKey, AppointmentEvent event, Instant receivedAt,
                          String state, String stateReason) {

    public String appointmentKey() {
        return event.appointmentKey();
    }
}
