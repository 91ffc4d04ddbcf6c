package org.callbridge.posting;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.callbridge.callsapi.model.Call;
import org.callbridge.store.PlannedCall;
import org.callbridge.store.PostedCall;

/**
 * Pairs the calls of a campaign found at the Calls API with the planned calls of the batch that created it, by
 * patient id. When a patient has several calls in the batch (two appointments), by
 * {@code extended.appointment.appointment_id} when the API echoes it, else by creation order. The engine keeps a
 * patient to one call per batch, so the fallback only serves batches from elsewhere.
 */
final class CallMatcher {

    /** The pairs found, the planned calls left without a call, and the campaign calls left over. */
    record Match(List<PostedCall> posted, List<Long> unmatched, int extraCalls) {
    }

    private CallMatcher() {
    }

    static Match match(List<PlannedCall> planned, List<Call> apiCalls) {
        Map<String, List<Call>> byPatient = new LinkedHashMap<>();
        apiCalls.stream()
                .sorted(Comparator.comparing(Call::createdAt, Comparator.nullsLast(Comparator.naturalOrder())))
                .forEach(c -> byPatient.computeIfAbsent(patientOf(c), k -> new ArrayList<>()).add(c));
        List<PostedCall> posted = new ArrayList<>();
        List<Long> unmatched = new ArrayList<>();
        for (PlannedCall call : planned.stream().sorted(Comparator.comparingLong(PlannedCall::id)).toList()) {
            List<Call> candidates = byPatient.getOrDefault(call.patientId(), new ArrayList<>());
            Call chosen = pick(call, candidates);
            if (chosen == null) {
                unmatched.add(call.id());
            } else {
                candidates.remove(chosen);
                posted.add(new PostedCall(call.id(), chosen.id(), chosen.status()));
            }
        }
        int extra = byPatient.values().stream().mapToInt(List::size).sum();
        return new Match(posted, unmatched, extra);
    }

    private static Call pick(PlannedCall call, List<Call> candidates) {
        if (candidates.isEmpty()) {
            return null;
        }
        String appointmentId = PlannedPayloads.appointmentId(PlannedPayloads.parse(call.extendedJson()));
        if (appointmentId != null) {
            for (Call c : candidates) {
                if (appointmentId.equals(PlannedPayloads.appointmentId(c.raw()))) {
                    return c;
                }
            }
        }
        return candidates.get(0);
    }

    private static String patientOf(Call call) {
        return call.patient() == null ? null : Objects.toString(call.patient().patientId(), null);
    }
}
