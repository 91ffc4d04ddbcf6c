package org.callbridge.appointment;

import java.util.ArrayList;
import java.util.List;

/** A CSV row handler that keeps everything it is given, for assertions. */
final class CollectedRows implements CsvRowHandler {
    final List<AppointmentEvent> events = new ArrayList<>();
    final List<RowRejection> rejections = new ArrayList<>();

    @Override
    public void accepted(AppointmentEvent event) {
        events.add(event);
    }

    @Override
    public void rejected(RowRejection rejection) {
        rejections.add(rejection);
    }

    AppointmentEvent event(String appointmentId) {
        return events.stream().filter(e -> e.appointmentId().equals(appointmentId)).findFirst()
                .orElseThrow(() -> new AssertionError("no event for " + appointmentId));
    }
}
