package org.callbridge.appointment;

import org.callbridge.csv.RowRejection;

import org.callbridge.csv.CsvRowHandler;

import java.util.ArrayList;
import java.util.List;

/** A CSV row handler that keeps everything it is given, for assertions. */
public final class CollectedRows implements CsvRowHandler {
    public final List<AppointmentEvent> events = new ArrayList<>();
    public final List<RowRejection> rejections = new ArrayList<>();

    @Override
    public void accepted(AppointmentEvent event) {
        events.add(event);
    }

    @Override
    public void rejected(RowRejection rejection) {
        rejections.add(rejection);
    }

    public AppointmentEvent event(String appointmentId) {
        return events.stream().filter(e -> e.appointmentId().equals(appointmentId)).findFirst()
                .orElseThrow(() -> new AssertionError("no event for " + appointmentId));
    }
}
