package org.callbridge.csv;

import org.callbridge.appointment.EventKind;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which status cells book and which cancel an appointment, compared without case. With no booked
 * values configured, every status that is not a cancellation books (vendor exports have many:
 * Scheduled, Confirmed, Checked In...). An empty status books.
 *
 * @param booked    statuses that make a NEW event, lower case; empty means "any other"
 * @param cancelled statuses that make a CANCEL event, lower case
 */
public record CsvStatuses(Set<String> booked, Set<String> cancelled) {

    public CsvStatuses {
        booked = lower(booked);
        cancelled = lower(cancelled);
    }

    /** The default layout: {@code booked}, {@code cancelled} (or {@code canceled}), nothing else. */
    public static CsvStatuses defaults() {
        return new CsvStatuses(Set.of("booked"), Set.of("cancelled", "canceled"));
    }

    /**
     * @return the event kind of a status cell, or null when the status is not one of the configured values
     */
    public EventKind kindOf(String status) {
        if (status == null || status.isBlank()) {
            return EventKind.NEW;
        }
        String value = status.trim().toLowerCase(Locale.ROOT);
        if (cancelled.contains(value)) {
            return EventKind.CANCEL;
        }
        return booked.isEmpty() || booked.contains(value) ? EventKind.NEW : null;
    }

    /** For a rejection reason: what the feed accepts. */
    String expected() {
        return booked.isEmpty() ? "any status" : sorted(booked) + " or " + sorted(cancelled);
    }

    private static String sorted(Set<String> values) {
        return values.stream().sorted().collect(Collectors.joining(", "));
    }

    private static Set<String> lower(Set<String> values) {
        return values == null ? Set.of() : values.stream().map(v -> v.trim().toLowerCase(Locale.ROOT))
                .filter(v -> !v.isEmpty()).collect(Collectors.toUnmodifiableSet());
    }
}
