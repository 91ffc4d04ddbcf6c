package org.callbridge.posting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.callbridge.planning.CallingWindow;
import org.callbridge.simulator.SimulatedCall;
import org.callbridge.simulator.SimulatedCampaign;

/** The guarantees, checked on what the simulated Calls API actually holds. */
final class CallChecks {

    private CallChecks() {
    }

    static String appointmentOf(SimulatedCall call) {
        return call.extended().path("appointment").path("appointment_id").asText();
    }

    /** Every appointment has exactly one call, and no campaign name was used twice. */
    static void everyAppointmentCalledExactlyOnce(Clinic clinic, Collection<String> appointmentIds) {
        Map<String, Long> callsPerAppointment = clinic.simulator().calls().stream()
                .collect(Collectors.groupingBy(CallChecks::appointmentOf, Collectors.counting()));
        assertThat(callsPerAppointment.keySet()).containsExactlyInAnyOrderElementsOf(appointmentIds);
        assertThat(callsPerAppointment).allSatisfy((appointment, calls) ->
                assertThat(calls).as("calls for appointment %s", appointment).isOne());
        assertThat(clinic.simulator().campaigns()).extracting(SimulatedCampaign::name).doesNotHaveDuplicates();
    }

    /** No call starts (scheduledAt, else its creation) outside 08:00-21:00 in its patient's zone. */
    static void noCallOutsideCallingHours(List<SimulatedCall> calls) {
        assertThat(calls).allSatisfy(call -> {
            ZoneId zone = ZoneId.of(call.extended().path("appointment").path("timezone").asText());
            Instant start = call.scheduledAt() != null ? call.scheduledAt() : call.createdAt();
            LocalTime local = start.atZone(zone).toLocalTime();
            assertThat(local).as("local start of call %s", call.callId())
                    .isAfterOrEqualTo(CallingWindow.EARLIEST).isBefore(CallingWindow.LATEST);
        });
    }

    static <T> Map<String, T> byAppointment(Collection<T> items, Function<T, String> appointment) {
        return items.stream().collect(Collectors.toMap(appointment, Function.identity()));
    }
}
