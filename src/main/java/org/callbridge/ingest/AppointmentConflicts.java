package org.callbridge.ingest;

import org.callbridge.config.Keys;
import org.callbridge.files.LogSafe;
import org.callbridge.store.Rejection;

/**
 * The reason given for an event whose appointment id is already stored for another patient. Some feeds send one
 * id for every case (an ORSOS feed puts 'ADS' in SCH-1 for all of them, the case number in SCH-2): merged, one
 * patient's booking would reschedule another's. The reason names the setting that picks the id.
 */
final class AppointmentConflicts {
    static final String PREFIX = "appointment id of another patient";

    private AppointmentConflicts() {
    }

    /** The setting first: an ACK's MSA-3 keeps 80 characters. */
    static String hl7(String appointmentId) {
        return PREFIX + "; check " + Keys.HL7_APPOINTMENT_ID.key() + " ('" + LogSafe.text(appointmentId) + "' is already stored"
                + " for another patient: the feed may send one id for several appointments; placer reads SCH-1 first,"
                + " filler SCH-2)";
    }

    static String csv(String feedName, String appointmentId) {
        String setting = "default".equals(feedName) ? "the appointment_id column of the file"
                : Keys.CSV_FEED_COLUMN.forFeed(feedName).key().replace("<field>", "appointment-id");
        return PREFIX + "; check " + setting + " ('" + LogSafe.text(appointmentId) + "' is already stored for another"
                + " patient: the feed may send one id for several appointments)";
    }

    /** The category a rejection with this reason (perhaps after its field) is recorded under: conflicts are alerts. */
    static String category(String reason) {
        return reason != null && reason.contains(PREFIX) ? Rejection.APPOINTMENT_CONFLICT : null;
    }
}
