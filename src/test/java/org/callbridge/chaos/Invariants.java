package org.callbridge.chaos;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.callbridge.chaos.ChaosScenario.Appointment;
import org.callbridge.chaos.ChaosScenario.Step;
import org.callbridge.chaos.DeliveryPlan.EventKey;
import org.callbridge.chaos.Outbox.Planned;
import org.callbridge.planning.ExtendedPayload;
import org.callbridge.simulator.SimulatedCall;

/**
 * The guarantees, checked from outside after a run: on what the simulated Calls API holds, the outbox tables, the
 * report files, the ACKs the senders got and the logs the processes wrote. Each check adds a readable violation.
 */
final class Invariants {
    private static final LocalTime EARLIEST = LocalTime.of(8, 0);
    private static final LocalTime LATEST = LocalTime.of(21, 0);
    private static final Set<String> CALLED = Set.of("POSTED", "WITHDRAWN", "WITHDRAWING", "NOT_WITHDRAWN");
    /**
     * A call cancelled before its scheduled time may still complete if no process was there to hang it up: a kill
     * this long before it was set to start (a restart takes seconds), or while it ran, excuses it.
     */
    private static final Duration RESTART_SLACK = Duration.ofSeconds(6);
    /**
     * An event's receive time is taken before its commit, so an event committed just after a batch's check may carry
     * a receive time before the batch's sent_at; a newer event counts as missed only when it was received this long
     * before the batch was sent.
     */
    private static final Duration COMMIT_SLACK = Duration.ofSeconds(5);

    private final ChaosScenario scenario;
    private final DeliveryPlan plan;
    private final Outbox.Snapshot outbox;
    private final List<SimulatedCall> calls;
    /** When callbridge was killed with kill -9. */
    private final List<Instant> kills;
    private final Path work;
    private final Instant end = Instant.now();
    private final List<String> violations = new ArrayList<>();
    private final Map<String, Appointment> appointments;
    private final Map<String, Planned> byCallId;
    private final Map<Long, Outbox.Event> eventsById;

    Invariants(ChaosScenario scenario, DeliveryPlan plan, Outbox.Snapshot outbox, List<SimulatedCall> calls, Path work,
            List<Instant> kills) {
        this.kills = List.copyOf(kills);
        this.scenario = scenario;
        this.plan = plan;
        this.outbox = outbox;
        this.calls = calls;
        this.work = work;
        this.appointments = scenario.appointments.stream().collect(Collectors.toMap(a -> a.id, Function.identity()));
        this.byCallId = outbox.planned().stream().filter(p -> p.callId() != null)
                .collect(Collectors.toMap(Planned::callId, Function.identity()));
        this.eventsById = outbox.events().stream().collect(Collectors.toMap(Outbox.Event::id, Function.identity()));
    }

    List<String> check(List<Path> logs, String apiKey) throws IOException {
        everyInputAccountedFor();
        everyRejectionKept();
        everyEventDecided();
        everyCallTracked();
        everyAppointmentEndsRight();
        noCallOutsideCallingHours();
        capsKept();
        doNotCallKept();
        noCallOnAHoliday();
        nothingAfterAnAnswer();
        newerEventsWinBeforePosting();
        cancelsWinUntilThePhoneRings();
        everyEndedCallReportedOnce();
        everyMessageAcknowledged();
        noPatientDataInLogs(logs, apiKey);
        return violations;
    }

    private void violation(String text) {
        if (violations.size() < 40) {
            violations.add(text);
        }
    }

    /** Each distinct input event is stored exactly once (re-sends and re-drops collapse), and nothing else is. */
    private void everyInputAccountedFor() {
        Map<EventKey, Long> stored = outbox.events().stream().collect(Collectors.groupingBy(
                e -> new EventKey(e.appointmentKey(), e.kind(), e.startAt()), Collectors.counting()));
        plan.events.forEach((key, expected) -> {
            long n = stored.getOrDefault(key, 0L);
            if (n < expected) {
                violation("event lost: " + key + " sent, " + n + " of " + expected + " stored");
            } else if (n > expected) {
                violation("event stored " + n + " times, expected " + expected + ": " + key);
            }
        });
        stored.keySet().stream().filter(k -> !plan.events.containsKey(k))
                .forEach(k -> violation("stored an event no input carried: " + k));
        outbox.events().stream().filter(e -> plan.rejectedAppointmentIds.contains(e.appointmentId()))
                .forEach(e -> violation("stored event " + e.id() + " from an input that must be rejected: " + e.appointmentKey()));
    }

    /** Each bad input has its rejection; no good input was rejected; kept files stay in the rejected folder. */
    private void everyRejectionKept() {
        for (DeliveryPlan.ExpectedRejection r : plan.rejections) {
            boolean found = outbox.rejections().stream().anyMatch(x -> x.source().equals(r.source())
                    && x.sourceRef() != null && refMatches(x.sourceRef(), r.reference()));
            if (!found) {
                violation("no rejection recorded for " + r.what() + " (" + r.source() + " " + r.reference() + ")");
            }
        }
        Path root = work.resolve("rejected").toAbsolutePath().normalize();
        for (Outbox.Rejected x : outbox.rejections()) {
            boolean expected = plan.rejections.stream().anyMatch(r -> r.source().equals(x.source())
                    && x.sourceRef() != null && refMatches(x.sourceRef(), r.reference()));
            if (!expected) {
                violation("good input rejected: " + x.source() + " " + x.sourceRef() + ": " + x.reason());
            }
            Path kept = x.keptFile() == null ? null : Path.of(x.keptFile()).toAbsolutePath().normalize();
            if (kept == null || !kept.startsWith(root) || !Files.exists(kept)
                    || !Files.exists(kept.resolveSibling(kept.getFileName() + ".reason.txt"))) {
                violation("rejected input not kept with its reason in the rejected folder: " + x.keptFile());
            }
        }
    }

    /** "file.csv:7" must not match "file.csv:71"; "MSH-10=X-1" must not match "MSH-10=X-12". */
    private static boolean refMatches(String sourceRef, String reference) {
        int at = sourceRef.indexOf(reference);
        while (at >= 0) {
            int after = at + reference.length();
            if (after == sourceRef.length() || !Character.isLetterOrDigit(sourceRef.charAt(after))) {
                return true;
            }
            at = sourceRef.indexOf(reference, at + 1);
        }
        return false;
    }

    /**
     * Every stored event has a decision (one per touchpoint and try of its program at most; none is decided twice),
     * nothing is left in flight, and no due call waits.
     */
    private void everyEventDecided() {
        Map<Long, Long> decisions = outbox.planned().stream()
                .collect(Collectors.groupingBy(Planned::eventId, Collectors.counting()));
        outbox.planned().stream().collect(Collectors.groupingBy(p -> p.eventId() + " touchpoint " + p.touchpoint()
                        + " try " + p.attempt(), Collectors.counting()))
                .forEach((step, n) -> {
                    if (n > 1) {
                        violation("event " + step + " decided " + n + " times");
                    }
                });
        for (Outbox.Event e : outbox.events()) {
            if (e.state().equals("RECEIVED")) {
                violation("event " + e.id() + " (" + e.appointmentKey() + " " + e.kind() + ") never planned");
            }
            if (decisions.getOrDefault(e.id(), 0L) == 0) {
                violation("event " + e.id() + " (" + e.appointmentKey() + " " + e.kind() + ") has no decision");
            }
        }
        for (Planned p : outbox.planned()) {
            if (p.state().equals("BATCHED") || p.state().equals("SENDING")) {
                violation("planned call " + p.id() + " left " + p.state());
            }
            if (p.state().equals("PENDING") && p.dueAt() != null && p.dueAt().isBefore(end.plus(Duration.ofMinutes(5)))) {
                violation("planned call " + p.id() + " of " + p.appointmentKey() + " due at " + p.dueAt() + " never posted");
            }
        }
        for (Outbox.Batch b : outbox.batches()) {
            if (Set.of("OPEN", "SENDING", "PARKED").contains(b.state())) {
                violation("batch " + b.id() + " " + b.name() + " left " + b.state() + ": " + b.lastError());
            }
        }
    }

    /**
     * Each call at the Calls API is one callbridge recorded (a call it does not know was posted twice), for the right
     * appointment and patient; no event and no appointment time has two calls.
     */
    private void everyCallTracked() {
        Map<String, SimulatedCall> apiCalls = calls.stream()
                .collect(Collectors.toMap(SimulatedCall::callId, Function.identity()));
        for (SimulatedCall c : calls) {
            Planned p = byCallId.get(c.callId());
            String appointmentId = appointmentOf(c);
            if (p == null) {
                violation("call " + c.callId() + " for appointment " + appointmentId + " is at the Calls API but not in the"
                        + " outbox: posted twice?");
                continue;
            }
            if (!CALLED.contains(p.state())) {
                violation("call " + c.callId() + " exists but its planned call " + p.id() + " is " + p.state());
            }
            if (!p.appointmentKey().endsWith("|" + appointmentId)) {
                violation("call " + c.callId() + " carries appointment " + appointmentId + " but was planned for "
                        + p.appointmentKey());
            }
            Appointment a = appointments.get(appointmentId);
            if (a == null) {
                violation("call " + c.callId() + " for an appointment no input booked: " + appointmentId);
            } else if (!a.patient.id().equals(c.patientId())) {
                violation("call " + c.callId() + " of appointment " + appointmentId + " went to another patient");
            }
        }
        for (Planned p : outbox.planned()) {
            if (p.callId() != null && !apiCalls.containsKey(p.callId())) {
                violation("planned call " + p.id() + " records call " + p.callId() + ", which the Calls API does not have");
            }
            if (p.callId() == null && CALLED.contains(p.state())) {
                violation("planned call " + p.id() + " is " + p.state() + " without a call id");
            }
        }
        // one call per touchpoint and try of an appointment time, across its events (re-sends, modifies)
        calls.stream().filter(c -> byCallId.containsKey(c.callId()))
                .collect(Collectors.groupingBy(c -> {
                    Planned p = byCallId.get(c.callId());
                    Outbox.Event e = eventsById.get(p.eventId());
                    return e.appointmentKey() + " at " + e.startAt() + " touchpoint " + p.touchpoint() + " try " + p.attempt();
                }, Collectors.counting()))
                .forEach((time, n) -> {
                    if (n > 1) {
                        violation("appointment " + time + " called " + n + " times");
                    }
                });
        // a retry only after the try before it ended failed
        for (SimulatedCall c : calls) {
            Planned p = byCallId.get(c.callId());
            if (p == null || p.attempt() == 0) {
                continue;
            }
            boolean failedBefore = outbox.planned().stream().anyMatch(q -> q.appointmentKey().equals(p.appointmentKey())
                    && java.util.Objects.equals(q.appointmentStart(), p.appointmentStart()) && q.touchpoint() == p.touchpoint()
                    && q.attempt() == p.attempt() - 1 && "unreached".equals(q.outcome()));
            if (!failedBefore) {
                violation("call " + c.callId() + " of " + p.appointmentKey() + " is try " + p.attempt()
                        + " without an unreached try before it");
            }
        }
    }

    /** What each appointment's newest event asks for is what happened. */
    private void everyAppointmentEndsRight() {
        Map<String, List<Planned>> rowsByKey = outbox.planned().stream().collect(Collectors.groupingBy(Planned::appointmentKey));
        Map<String, List<SimulatedCall>> callsById = calls.stream().collect(Collectors.groupingBy(Invariants::appointmentOf));
        for (Appointment a : scenario.appointments) {
            List<Planned> rows = rowsByKey.getOrDefault(a.key(), List.of());
            List<SimulatedCall> apiCalls = callsById.getOrDefault(a.id, List.of());
            Step last = a.last();
            String what = a + ": ";
            if (last.withdraws()) {
                // a call whose end was recorded before the cancel arrived was right when it rang, and stays POSTED
                Instant cancelled = outbox.events().stream().filter(e -> e.appointmentKey().equals(a.key()))
                        .map(Outbox.Event::receivedAt).max(Instant::compareTo).orElse(Instant.MAX);
                rows.stream().filter(p -> Set.of("POSTED", "WITHDRAWING", "PENDING", "BATCHED", "SENDING").contains(p.state()))
                        .filter(p -> !(p.state().equals("POSTED") && p.endedAt() != null && !p.endedAt().isAfter(cancelled)))
                        .forEach(p -> violation(what + "planned call " + p.id() + " (" + p.state() + ", call "
                                + p.callId() + ") still stands after the cancellation"));
                continue;
            }
            switch (a.timing) {
                case PAST, LATE, NIGHT -> {
                    if (!apiCalls.isEmpty()) {
                        violation(what + apiCalls.size() + " call(s) for a past or too-late appointment, or at night");
                    }
                    rows.stream().filter(p -> !p.state().equals("SKIPPED")).forEach(p -> violation(what
                            + "planned call " + p.id() + " is " + p.state() + ", expected SKIPPED"));
                }
                case FUTURE -> {
                    if (!apiCalls.isEmpty()) {
                        violation(what + apiCalls.size() + " call(s) placed before the reminder's calling window");
                    }
                    List<Planned> pending = rows.stream().filter(p -> p.state().equals("PENDING")).toList();
                    boolean noneRightly = listedInFile(a.patient) || optedOut(a.patient) || rows.stream().anyMatch(p -> p.state().equals("SKIPPED")
                            && ("contact cap".equals(p.reason()) || "patient is on the do-not-call list".equals(p.reason())));
                    if (pending.isEmpty() && noneRightly) {
                        continue;
                    }
                    if (pending.size() != 1) {
                        violation(what + pending.size() + " pending calls, expected one");
                    } else if (!inHours(pending.get(0).callAt(), a.zone)) {
                        violation(what + "pending call at " + pending.get(0).callAt() + ", outside the calling hours");
                    }
                }
                case DUE, SOON -> {
                    if (a.patient.phone() == null) {
                        if (!apiCalls.isEmpty()) {
                            violation(what + "call placed for a patient without a phone number");
                        }
                        // a holiday or a contact cap keeps the call from being posted, so from being refused
                        boolean kept = a.zone.equals(scenario.holidayZone) || rows.stream().anyMatch(p -> p.state().equals(
                                "PENDING") || p.state().equals("SKIPPED") && "contact cap".equals(p.reason()));
                        if (!kept && rows.stream().noneMatch(p -> p.state().equals("REJECTED"))) {
                            violation(what + "the Calls API's refusal (no phone) not recorded");
                        }
                        continue;
                    }
                    String spoken = ExtendedPayload.spoken(last.start(), a.zone);
                    // the calls for the appointment's last time (one that ended before a move stays POSTED)
                    List<SimulatedCall> standing = apiCalls.stream().filter(c -> byCallId.containsKey(c.callId())
                            && byCallId.get(c.callId()).state().equals("POSTED") && byCallId.get(c.callId()).attempt() == 0
                            && last.start().toInstant().equals(byCallId.get(c.callId()).appointmentStart()))
                            .toList();
                    if (listedInFile(a.patient) || a.zone.equals(scenario.holidayZone)) {
                        if (!standing.isEmpty()) {
                            violation(what + standing.size() + " call(s) for a patient on the do-not-call file or on a holiday");
                        }
                        continue;
                    }
                    // the program may rightly place none: an opt-out, a contact cap or an answer came first
                    boolean excused = optedOut(a.patient) || scenario.capsPerDay > 0 && rows.stream().anyMatch(p ->
                            p.state().equals("SKIPPED") && "contact cap".equals(p.reason())
                            || p.state().equals("PENDING") && p.callAt() != null
                            && p.callAt().atZone(a.zone).toLocalDate().isAfter(scenario.now.atZone(a.zone).toLocalDate()));
                    if (standing.size() > 1 || standing.isEmpty() && !excused) {
                        violation(what + standing.size() + " standing calls, expected one (no event lost, none doubled)");
                    } else if (standing.size() == 1
                            && !spoken.equals(standing.get(0).extended().path("appointment").path("start_time").asText())) {
                        violation(what + "the standing call is for " + standing.get(0).extended().path("appointment")
                                .path("start_time").asText() + ", the appointment is " + spoken);
                    }
                }
                default -> throw new IllegalStateException(a.timing.name());
            }
        }
    }

    /** Every call starts (scheduledAt, else creation) and rings (startedAt) between 08:00 and 21:00 patient-local. */
    private void noCallOutsideCallingHours() {
        for (SimulatedCall c : calls) {
            Appointment a = appointments.get(appointmentOf(c));
            if (a == null) {
                continue;
            }
            String zone = c.extended().path("appointment").path("timezone").asText();
            if (!a.zone.getId().equals(zone)) {
                violation("call " + c.callId() + " of " + a.key() + " was planned in zone " + zone + ", the patient is in "
                        + a.zone);
            }
            Instant start = c.scheduledAt() != null ? c.scheduledAt() : c.createdAt();
            if (!inHours(start, a.zone)) {
                violation("call " + c.callId() + " of " + a.key() + " set to start at " + start.atZone(a.zone).toLocalTime()
                        + " local, outside 08:00-21:00");
            }
            if (c.startedAt() != null && !inHours(c.startedAt(), a.zone)) {
                violation("call " + c.callId() + " of " + a.key() + " rang at " + c.startedAt().atZone(a.zone).toLocalTime()
                        + " local, outside 08:00-21:00");
            }
        }
    }

    /** Calls at the Calls API per patient and local day (of the call's own zone), and per seven days, within the caps. */
    private void capsKept() {
        if (scenario.capsPerDay == 0 && scenario.capsPerWeek == 0) {
            return;
        }
        Map<String, List<java.time.LocalDate>> days = new HashMap<>();
        for (SimulatedCall c : calls) {
            Appointment a = appointments.get(appointmentOf(c));
            if (a == null) {
                continue;
            }
            Instant start = c.scheduledAt() != null ? c.scheduledAt() : c.createdAt();
            days.computeIfAbsent(c.patientId(), k -> new ArrayList<>()).add(start.atZone(a.zone).toLocalDate());
        }
        days.forEach((patient, dates) -> {
            for (java.time.LocalDate d : dates) {
                long sameDay = dates.stream().filter(d::equals).count();
                if (scenario.capsPerDay > 0 && sameDay > scenario.capsPerDay) {
                    violation("patient " + patient + " got " + sameDay + " calls on " + d + ", over the cap of "
                            + scenario.capsPerDay + " a day");
                }
                long week = dates.stream().filter(x -> !x.isBefore(d) && !x.isAfter(d.plusDays(6))).count();
                if (scenario.capsPerWeek > 0 && week > scenario.capsPerWeek) {
                    violation("patient " + patient + " got " + week + " calls in the seven days from " + d);
                }
            }
        });
    }

    /**
     * No call to a patient on the do-not-call file; none to a patient who opted out whose batch was sent after the
     * opt-out was recorded.
     */
    private void doNotCallKept() {
        for (SimulatedCall c : calls) {
            if (c.patientId().equals(scenario.doNotCall.id())) {
                violation("call " + c.callId() + " to the patient on the do-not-call file");
            }
            Optional<Instant> optedOut = outbox.doNotCall().stream().filter(d -> d.patientId().equals(c.patientId()))
                    .map(Outbox.DoNotCall::addedAt).findFirst();
            Instant sent = sentAt(c);
            if (optedOut.isPresent() && sent != null && sent.isAfter(optedOut.get().plus(COMMIT_SLACK))) {
                violation("call " + c.callId() + " to a patient who opted out " + Duration.between(optedOut.get(), sent)
                        .toMillis() + " ms before its batch was sent");
            }
        }
        for (Planned p : outbox.planned()) {
            if ("opted-out".equals(p.outcome()) && outbox.doNotCall().stream().noneMatch(d -> d.patientId().equals(p.patientId()))) {
                violation("planned call " + p.id() + " opted out, and its patient is not on the stored do-not-call list");
            }
        }
    }

    /** No call placed on the holiday at the closed location (its local date). */
    private void noCallOnAHoliday() {
        if (scenario.holidayZone == null) {
            return;
        }
        for (SimulatedCall c : calls) {
            Appointment a = appointments.get(appointmentOf(c));
            Instant start = c.scheduledAt() != null ? c.scheduledAt() : c.createdAt();
            if (a != null && a.zone.equals(scenario.holidayZone) && start.atZone(a.zone).toLocalDate().equals(scenario.holiday())) {
                violation("call " + c.callId() + " of " + a.key() + " placed on the holiday " + scenario.holiday());
            }
        }
    }

    /** No further call of an appointment time whose batch was sent after the patient answered a call of it. */
    private void nothingAfterAnAnswer() {
        Set<String> answers = Set.of("confirmed", "declined", "reschedule-requested", "opted-out");
        for (Planned answered : outbox.planned()) {
            if (!answers.contains(String.valueOf(answered.outcome())) || answered.endedAt() == null) {
                continue;
            }
            for (SimulatedCall c : calls) {
                Planned p = byCallId.get(c.callId());
                Instant sent = sentAt(c);
                if (p != null && p.id() != answered.id() && p.appointmentKey().equals(answered.appointmentKey())
                        && java.util.Objects.equals(p.appointmentStart(), answered.appointmentStart()) && sent != null
                        && sent.isAfter(answered.endedAt().plus(COMMIT_SLACK))) {
                    violation("call " + c.callId() + " of " + p.appointmentKey() + " sent after the patient answered "
                            + answered.outcome() + " on planned call " + answered.id());
                }
            }
        }
    }

    private Instant sentAt(SimulatedCall c) {
        Planned p = byCallId.get(c.callId());
        if (p == null || p.batchId() == null) {
            return null;
        }
        return outbox.batches().stream().filter(b -> b.id() == p.batchId()).map(Outbox.Batch::sentAt).findFirst().orElse(null);
    }

    private boolean listedInFile(ChaosScenario.Patient patient) {
        return patient.id().equals(scenario.doNotCall.id());
    }

    private boolean optedOut(ChaosScenario.Patient patient) {
        return outbox.doNotCall().stream().anyMatch(d -> d.patientId().equals(patient.id()));
    }

    /**
     * A cancellation (or any newer event) received before a call's batch was committed for sending keeps that call
     * from being placed: the batch's last SENDING commit drops calls whose appointment has a newer event.
     */
    private void newerEventsWinBeforePosting() {
        Map<Long, Outbox.Batch> batches = outbox.batches().stream()
                .collect(Collectors.toMap(Outbox.Batch::id, Function.identity()));
        for (SimulatedCall c : calls) {
            Planned p = byCallId.get(c.callId());
            if (p == null || p.batchId() == null || batches.get(p.batchId()).sentAt() == null) {
                continue;
            }
            Instant sent = batches.get(p.batchId()).sentAt();
            outbox.events().stream()
                    .filter(e -> e.appointmentKey().equals(p.appointmentKey()) && e.id() > p.eventId()
                            && e.receivedAt().isBefore(sent.minus(COMMIT_SLACK)))
                    .findFirst()
                    .ifPresent(e -> violation("call " + c.callId() + " of " + p.appointmentKey() + " placed although "
                            + e.kind() + " event " + e.id() + " arrived " + Duration.between(e.receivedAt(), sent).toMillis()
                            + " ms before its batch was sent"));
        }
    }

    /**
     * A cancel received before a call posted ahead was set to start stops it: no such call completes, unless callbridge
     * was killed around then and nothing was running to hang it up. A call that did complete is recorded
     * NOT_WITHDRAWN, for the alerts.
     */
    private void cancelsWinUntilThePhoneRings() {
        for (SimulatedCall c : calls) {
            Planned p = byCallId.get(c.callId());
            if (p == null || c.scheduledAt() == null) {
                continue;
            }
            Instant startAt = c.scheduledAt();
            Optional<Outbox.Event> cancel = outbox.events().stream()
                    .filter(e -> e.appointmentKey().equals(p.appointmentKey()) && e.id() > p.eventId()
                            && Set.of("CANCEL", "DELETE").contains(e.kind()) && e.receivedAt().isBefore(startAt))
                    .findFirst();
            if (cancel.isEmpty() || !c.status().equals("completed")) {
                continue;
            }
            Instant endedAt = c.endedAt() == null ? end : c.endedAt();
            boolean killedMeanwhile = kills.stream().anyMatch(k -> !k.isBefore(startAt.minus(RESTART_SLACK))
                    && !k.isAfter(endedAt));
            if (!p.state().equals("NOT_WITHDRAWN")) {
                violation("call " + c.callId() + " of " + p.appointmentKey() + " completed, and is " + p.state()
                        + " in the outbox instead of NOT_WITHDRAWN");
            } else if (!killedMeanwhile) {
                violation("call " + c.callId() + " of " + p.appointmentKey() + " completed although event "
                        + cancel.get().id() + " cancelled it " + Duration.between(cancel.get().receivedAt(), startAt)
                        .toMillis() + " ms before it was set to start");
            }
        }
    }

    /** Every ended call has exactly one JSON file and exactly one row in the daily CSV; no report for another call. */
    private void everyEndedCallReportedOnce() throws IOException {
        Path reports = work.resolve("reports");
        Map<String, Long> json = new HashMap<>();
        Map<String, Long> rows = new HashMap<>();
        if (Files.isDirectory(reports.resolve("calls"))) {
            try (Stream<Path> files = Files.walk(reports.resolve("calls"))) {
                files.filter(f -> f.toString().endsWith(".json"))
                        .forEach(f -> json.merge(f.getFileName().toString().replace(".json", ""), 1L, Long::sum));
            }
        }
        if (Files.isDirectory(reports)) {
            try (Stream<Path> files = Files.list(reports)) {
                for (Path f : files.filter(f -> f.getFileName().toString().matches("calls-.*\\.csv")).toList()) {
                    CSVFormat withHeader = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();
                    try (Reader in = Files.newBufferedReader(f, StandardCharsets.UTF_8);
                         CSVParser csv = CSVParser.parse(in, withHeader)) {
                        for (CSVRecord r : csv) {
                            rows.merge(r.get("call_id"), 1L, Long::sum);
                        }
                    }
                }
            }
        }
        Set<String> ids = calls.stream().map(SimulatedCall::callId).collect(Collectors.toSet());
        Map<String, Set<String>> delivered = outbox.deliveries().stream().filter(d -> d.state().equals("DELIVERED"))
                .collect(Collectors.groupingBy(Outbox.Delivery::callId,
                        Collectors.mapping(Outbox.Delivery::sink, Collectors.toSet())));
        for (SimulatedCall c : calls) {
            if (!c.status().equals("completed") && !c.status().equals("failed")) {
                violation("call " + c.callId() + " never ended: " + c.status());
                continue;
            }
            if (json.getOrDefault(c.callId(), 0L) != 1) {
                violation("call " + c.callId() + " has " + json.getOrDefault(c.callId(), 0L) + " JSON reports");
            }
            if (rows.getOrDefault(c.callId(), 0L) != 1) {
                violation("call " + c.callId() + " has " + rows.getOrDefault(c.callId(), 0L) + " CSV rows");
            }
            if (!delivered.getOrDefault(c.callId(), Set.of()).containsAll(Set.of("json", "csv"))) {
                violation("call " + c.callId() + " report deliveries recorded: " + delivered.get(c.callId()));
            }
        }
        Stream.concat(json.keySet().stream(), rows.keySet().stream()).filter(id -> !ids.contains(id)).distinct()
                .forEach(id -> violation("report for call " + id + ", which the Calls API does not have"));
    }

    /** Good messages were acknowledged AA in the end (after resends); bad ones AE or AR. */
    private void everyMessageAcknowledged() {
        for (MllpSender.Message m : plan.allMessages) {
            if (m.valid && !"AA".equals(m.ackCode)) {
                violation("message " + m.controlId + " answered " + m.ackCode + " " + m.ackText);
            }
            if (!m.valid && !"AE".equals(m.ackCode) && !"AR".equals(m.ackCode)) {
                violation("bad message " + m.controlId + " answered " + m.ackCode);
            }
        }
    }

    /** No name, phone, birth date, e-mail, street or MRN of a generated patient, and not the API key, in any log line. */
    private void noPatientDataInLogs(List<Path> logs, String apiKey) throws IOException {
        List<Pattern> patterns = new ArrayList<>();
        for (String phi : scenario.phiStrings()) {
            // digits are matched as whole numbers (a birth date inside a longer number is not one)
            patterns.add(phi.chars().allMatch(Character::isDigit)
                    ? Pattern.compile("(?<![0-9A-Za-z])" + Pattern.quote(phi) + "(?![0-9A-Za-z])")
                    : Pattern.compile(Pattern.quote(phi), Pattern.CASE_INSENSITIVE));
        }
        patterns.add(Pattern.compile(Pattern.quote(apiKey)));
        int lines = 0;
        for (Path log : logs) {
            List<String> content = Files.readAllLines(log, StandardCharsets.UTF_8);
            lines += content.size();
            for (int i = 0; i < content.size(); i++) {
                String line = content.get(i);
                for (Pattern p : patterns) {
                    if (p.matcher(line).find()) {
                        violation("patient data or API key (" + p.pattern() + ") in " + log.getFileName() + " line "
                                + (i + 1) + ": " + line);
                    }
                }
            }
        }
        if (lines == 0) {
            violation("the processes wrote no log at all: the log scan proves nothing");
        }
    }

    private static boolean inHours(Instant t, ZoneId zone) {
        LocalTime local = t.atZone(zone).toLocalTime();
        return !local.isBefore(EARLIEST) && local.isBefore(LATEST);
    }

    static String appointmentOf(SimulatedCall c) {
        return c.extended() == null ? "?" : c.extended().path("appointment").path("appointment_id").asText("?");
    }
}
