package org.callbridge.hl7;

import org.callbridge.appointment.PatientIdentifier;


import java.util.ArrayList;
import java.util.List;

import static org.callbridge.hl7.SiuPaths.*;

/** Reads the patient part of an SIU message: every PID-3 identifier and a phone number. */
final class SiuPatient {
    private SiuPatient() {
    }

    /** Every PID-3 repetition that has an id, with its assigning authority and type code. */
    static List<PatientIdentifier> identifiers(Hl7Fields fields) {
        List<PatientIdentifier> identifiers = new ArrayList<>();
        int count = fields.repetitions(PID, PID_IDENTIFIERS_FIELD);
        for (int rep = 0; rep < count; rep++) {
            String id = fields.text(PID_IDENTIFIER_ID, rep);
            if (id != null) {
                String authority = fields.text(PID_IDENTIFIER_AUTHORITY, rep);
                if (authority == null) {
                    authority = fields.text(PID_IDENTIFIER_AUTHORITY_UNIVERSAL, rep);
                }
                identifiers.add(new PatientIdentifier(id, authority, fields.text(PID_IDENTIFIER_TYPE, rep)));
            }
        }
        return identifiers;
    }

    /** PID-15 primary language: PID-15.1 identifier, else PID-15.2 text; lower-cased by the event. */
    static String language(Hl7Fields fields) {
        return fields.first(PID_LANGUAGE_ID, PID_LANGUAGE_TEXT);
    }

    /**
     * The first telephone number of PID-13, then PID-14, whatever its use code (feeds send HOME,
     * CELL, MOBILE...): XTN.1, else XTN.12 unformatted, else country + area + local number.
     * E-mail repetitions are skipped.
     */
    static String phone(Hl7Fields fields) {
        for (int field : new int[] {PID_HOME_PHONE_FIELD, PID_BUSINESS_PHONE_FIELD}) {
            int count = fields.repetitions(PID, field);
            for (int rep = 0; rep < count; rep++) {
                String phone = phoneAt(fields, field, rep);
                if (phone != null) {
                    return phone;
                }
            }
        }
        return null;
    }

    private static String phoneAt(Hl7Fields fields, int field, int rep) {
        String equipment = fields.text(PHONE_EQUIPMENT, field, rep);
        if (equipment != null && (equipment.equalsIgnoreCase("Internet") || equipment.equalsIgnoreCase("X.400"))) {
            return null;
        }
        String number = fields.text(PHONE_NUMBER, field, rep);
        if (number == null) {
            number = fields.text(PHONE_UNFORMATTED, field, rep);
        }
        if (number != null) {
            return number.contains("@") ? null : number;
        }
        String local = fields.text(PHONE_LOCAL, field, rep);
        if (local == null) {
            return null;
        }
        String country = fields.text(PHONE_COUNTRY, field, rep);
        String area = fields.text(PHONE_AREA, field, rep);
        return (country == null ? "" : "+" + country) + (area == null ? "" : area) + local;
    }
}
