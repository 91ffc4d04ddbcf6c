package org.callbridge.csv;

import org.callbridge.appointment.AppointmentEvent;


/** Receives what a CSV file holds, row by row, as it is read. */
public interface CsvRowHandler {
    /** A row that became an event. */
    void accepted(AppointmentEvent event);

    /** A row that was rejected; the rows after it are still read. */
    void rejected(RowRejection rejection);
}
