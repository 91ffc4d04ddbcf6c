package org.callbridge.csv;

import org.callbridge.appointment.AppointmentEvent;

import org.callbridge.appointment.RejectedInputException;

import org.callbridge.appointment.AppointmentZones;

import org.callbridge.appointment.PatientIdentifier;

import org.callbridge.appointment.Uuids;

import org.callbridge.appointment.SourceRefs;

import org.callbridge.appointment.EventKind;





import org.apache.commons.csv.CSVRecord;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * Turns one CSV row into an {@link AppointmentEvent}, or rejects it naming the column. Cell values
 * never appear in a reason. A cancelled row is accepted without a usable start, like an HL7 cancel.
 */
final class CsvRowMapper {
    private final CsvFeedConfig config;
    private final CsvHeader header;

    CsvRowMapper(CsvFeedConfig config, CsvHeader header) {
        this.config = config;
        this.header = header;
    }

    AppointmentEvent map(CSVRecord row, long line, String fileName) {
        if (row.size() != header.width()) {
            throw new RejectedInputException("row", "expected " + header.width() + " columns, found " + row.size());
        }
        String appointmentId = cell(row, CsvField.APPOINTMENT_ID);
        if (appointmentId == null) {
            throw reject(CsvField.APPOINTMENT_ID, "missing appointment id");
        }
        String mrn = cell(row, CsvField.MRN);
        String patientId = cell(row, CsvField.PATIENT_ID);
        if (patientId != null && !Uuids.isUuid(patientId)) {
            throw reject(CsvField.PATIENT_ID, "not a Calls API patient UUID");
        }
        if (mrn == null && patientId == null) {
            throw new RejectedInputException(patientColumns(), "no patient reference");
        }
        String status = cell(row, CsvField.STATUS);
        EventKind kind = config.statuses().kindOf(status);
        if (kind == null) {
            throw reject(CsvField.STATUS, "unknown status, expected " + config.statuses().expected());
        }
        ZoneId zone = zone(cell(row, CsvField.TIMEZONE));
        ZonedDateTime start = start(row, kind, zone != null ? zone : config.zone());
        return new AppointmentEvent(config.feed(), SourceRefs.csvRow(fileName, line), config.feed(), appointmentId, kind,
                mrn == null ? List.of() : List.of(new PatientIdentifier(mrn, null, "MR")),
                patientId == null ? null : Uuids.canonical(patientId), mrn, start, null,
                cell(row, CsvField.APPOINTMENT_TYPE), cell(row, CsvField.PROVIDER), cell(row, CsvField.LOCATION),
                status, null, null, cell(row, CsvField.LANGUAGE));
    }

    private ZoneId zone(String value) {
        if (value == null) {
            return null;
        }
        try {
            return ZoneId.of(value);
        } catch (DateTimeException e) {
            throw reject(CsvField.TIMEZONE, "unknown time zone, expected a region such as America/Chicago");
        }
    }

    private ZonedDateTime start(CSVRecord row, EventKind kind, ZoneId zone) {
        try {
            return config.startFormat().split() ? splitStart(row, zone) : wholeStart(row, zone);
        } catch (RejectedInputException e) {
            if (kind.withdraws()) {
                return null;
            }
            throw e;
        }
    }

    private ZonedDateTime wholeStart(CSVRecord row, ZoneId zone) {
        String value = required(row, CsvField.START);
        try {
            return config.startFormat().parse(value, zone, config.defaultZone());
        } catch (DateTimeException e) {
            throw reject(CsvField.START, "expected " + config.startFormat().expected());
        }
    }

    private ZonedDateTime splitStart(CSVRecord row, ZoneId zone) {
        String date = required(row, CsvField.START_DATE);
        String time = required(row, CsvField.START_TIME);
        CsvStartFormat format = config.startFormat();
        LocalDateTime local;
        try {
            local = format.parseDate(date).atTime(parseTime(format, time));
        } catch (DateTimeException e) {
            throw reject(CsvField.START_DATE, "expected " + format.expectedDate());
        }
        return AppointmentZones.local(local, zone, config.defaultZone());
    }

    private LocalTime parseTime(CsvStartFormat format, String time) {
        try {
            return format.parseTime(time);
        } catch (DateTimeException e) {
            throw reject(CsvField.START_TIME, "expected " + format.expectedTime());
        }
    }

    private String required(CSVRecord row, CsvField field) {
        String value = cell(row, field);
        if (value == null) {
            throw reject(field, "missing appointment start");
        }
        return value;
    }

    private String cell(CSVRecord row, CsvField field) {
        int position = header.position(field);
        if (position < 0 || position >= row.size()) {
            return null;
        }
        String value = row.get(position).trim();
        return value.isEmpty() ? null : value;
    }

    private String patientColumns() {
        String mrn = header.has(CsvField.MRN) ? config.column(CsvField.MRN) : null;
        String patientId = header.has(CsvField.PATIENT_ID) ? config.column(CsvField.PATIENT_ID) : null;
        return mrn == null ? patientId : patientId == null ? mrn : mrn + "/" + patientId;
    }

    private RejectedInputException reject(CsvField field, String reason) {
        return new RejectedInputException(config.column(field), reason);
    }
}
