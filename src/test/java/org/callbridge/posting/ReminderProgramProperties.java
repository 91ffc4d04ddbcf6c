package org.callbridge.posting;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.callbridge.appointment.AppointmentEvent;
import org.callbridge.appointment.EventKind;
import org.callbridge.callsapi.CallsApi;
import org.callbridge.callsapi.model.Call;
import org.callbridge.callsapi.model.CampaignCalls;
import org.callbridge.callsapi.model.Campaign;
import org.callbridge.callsapi.model.CreateCallsRequest;
import org.callbridge.callsapi.model.CreateCallsResponse;
import org.callbridge.callsapi.model.CreatedCall;
import org.callbridge.callsapi.model.Page;
import org.callbridge.config.Configuration;
import org.callbridge.config.Keys;
import org.callbridge.outcome.Outcome;
import org.callbridge.planning.DoNotCallFile;
import org.callbridge.planning.HolidayCalendar;
import org.callbridge.planning.Holidays;
import org.callbridge.planning.ProgramSources;
import org.callbridge.planning.ReminderRules;
import org.callbridge.planning.RulesFile;
import org.callbridge.store.CallState;
import org.callbridge.store.DoNotCallList;
import org.callbridge.store.EventStore;
import org.callbridge.store.PlannedCall;
import org.callbridge.store.ResultStore;
import org.callbridge.testing.ManualClock;

/**
 * Whole reminder programs through the real planner, store and posting engine, for several patients with several
 * appointments each, over a fortnight on a hand-driven clock, with random settings, holidays, rules, a do-not-call
 * patient and random answers: every call that reaches the Calls API starts inside 08:00-21:00 local, on no holiday,
 * within the caps per patient, never to a patient on do-not-call or after an opt-out, never after the patient
 * answered for that appointment (one posted ahead before the answer is hung up as it starts), never for a silenced
 * visit type; and every touchpoint ends placed or skipped with a reason.
 */
class ReminderProgramProperties {
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
    private static final Instant START = LocalDateTime.parse("2030-03-04T07:00").atZone(NEW_YORK).toInstant();
    private static final List<String> OFFSETS = List.of("P3D,P1D,PT2H", "P2D,PT3H", "P1D", "P7D,P2D,P1D,PT4H");

    /** A Calls API that takes every POST and records when each call would ring. */
    private static final class RecordingApi implements CallsApi {
        record Posted(String callId, String patientId, String agentId, String appointmentKey, Instant ringsAt,
                      Instant postedAt) {
        }

        final ManualClock clock;
        final List<Posted> posted = new ArrayList<>();

        RecordingApi(ManualClock clock) {
            this.clock = clock;
        }

        @Override
        public CreateCallsResponse createCalls(CreateCallsRequest request) {
            Instant ringsAt = request.scheduledAt() == null ? clock.instant() : Instant.parse(request.scheduledAt());
            List<CreatedCall> created = new ArrayList<>();
            request.patients().forEach(p -> {
                String id = UUID.randomUUID().toString();
                posted.add(new Posted(id, p.patientId(), request.agentId(),
                        "hl7|" + p.extended().path("appointment").path("appointment_id").asText(), ringsAt, clock.instant()));
                created.add(new CreatedCall(id, null, "queued"));
            });
            return new CreateCallsResponse(true, "batch-" + UUID.randomUUID(), created.size(), 0, created, null, null);
        }

        @Override
        public Page<Campaign> listCampaigns(int start, int size) {
            throw new AssertionError("no POST fails here, so no campaign is looked up");
        }

        @Override
        public CampaignCalls campaignCalls(String batchId, int start, int size) {
            throw new AssertionError("no POST fails here, so no campaign is read");
        }

        final Map<String, String> endedAs = new HashMap<>();
        final Set<String> hungUp = new HashSet<>();

        /** queued until it rings, in progress until the test ends it, then its final status. */
        String status(String callId) {
            if (hungUp.contains(callId)) {
                return "failed";
            }
            if (endedAs.containsKey(callId)) {
                return endedAs.get(callId);
            }
            Posted p = posted.stream().filter(x -> x.callId().equals(callId)).findFirst().orElseThrow();
            return clock.instant().isBefore(p.ringsAt()) ? "queued" : "in-progress";
        }

        @Override
        public Call getCall(String callId) {
            return new Call(callId, status(callId), null, null, null, null, null, null, null, null, null, null, null, null);
        }

        @Override
        public void hangup(String callId) {
            if (!Call.HANGUP_STATUSES.contains(status(callId))) {
                throw new org.callbridge.callsapi.HangupRefusedException(
                        org.callbridge.callsapi.HangupRefusedException.Reason.NOT_HANGABLE, "not ringing", null);
            }
            hungUp.add(callId);
        }
    }

    @Property(tries = 30)
    void every_call_placed_keeps_the_program_rules(@ForAll long seed) throws Exception {
        Random r = new Random(seed);
        Path dir = Files.createTempDirectory("programs");
        ManualClock clock = new ManualClock(START);
        try (Harness h = new Harness(dir, clock)) {
            int perDay = 1 + r.nextInt(2);
            int perWeek = perDay + 1 + r.nextInt(3);
            Map<String, String> props = Harness.settings(dir.resolve("reports"));
            props.put(Keys.CAPS_PER_DAY.key(), Integer.toString(perDay));
            props.put(Keys.CAPS_PER_WEEK.key(), Integer.toString(perWeek));
            props.put(Keys.REMINDER_OFFSETS.key(), OFFSETS.get(r.nextInt(OFFSETS.size())));
            props.put(Keys.POST_AHEAD.key(), r.nextBoolean() ? "PT5M" : "PT2H");
            props.put(Keys.LOCATION_TIMEZONES.key(), "North Clinic=America/Chicago");
            if (r.nextBoolean()) {
                props.put(Keys.RETRY_UNREACHED.key(), r.nextBoolean() ? "PT1H" : "PT30M,PT3H");
            }
            Set<LocalDate> holidays = new HashSet<>();
            StringBuilder holidayText = new StringBuilder();
            for (int i = 0; i < r.nextInt(4); i++) {
                LocalDate d = LocalDate.of(2030, 3, 4).plusDays(r.nextInt(12));
                holidays.add(d);
                holidayText.append(d).append('\n');
            }
            String[] patients = new String[4];
            for (int i = 0; i < patients.length; i++) {
                patients[i] = Clinic.patient(100 + i);
            }
            String listed = patients[r.nextInt(patients.length)];
            ProgramSources sources = new ProgramSources(
                    RulesFile.of(ReminderRules.parse("rules:\n  - match: {type: \"Lab*\"}\n    call: false\n",
                            EnumSet.allOf(DayOfWeek.class))),
                    HolidayCalendar.of(Holidays.parseText(holidayText.toString())),
                    DoNotCallFile.of(Set.of(listed), Set.of()), new DoNotCallList(h.db, clock));
            RecordingApi api = new RecordingApi(clock);
            PostingEngine engine = PostingEngine.create(h.db, Configuration.policy(props), Configuration.posting(props), api,
                    clock, sources);
            ResultStore results = new ResultStore(h.db, clock);

            Map<String, String> patientOf = new HashMap<>();
            Map<String, ZoneId> zoneOf = new HashMap<>();
            Set<String> labs = new HashSet<>();
            int appointments = 5 + r.nextInt(6);
            for (int i = 0; i < appointments; i++) {
                String id = "P" + i;
                String patient = patients[r.nextInt(patients.length)];
                boolean north = r.nextBoolean();
                ZoneId zone = north ? CHICAGO : NEW_YORK;
                ZonedDateTime start = LocalDateTime.of(LocalDate.of(2030, 3, 5).plusDays(r.nextInt(9)),
                        LocalTime.of(8 + r.nextInt(10), 15 * r.nextInt(4))).atZone(zone);
                String type = r.nextInt(5) == 0 ? "Lab work" : "General Check Up";
                if (type.equals("Lab work")) {
                    labs.add("hl7|" + id);
                }
                h.append(new AppointmentEvent("hl7-file", "test.hl7#" + id, "hl7", id, EventKind.NEW, List.of(), patient,
                        null, start, Duration.ofMinutes(30), type, "Dr. Example", north ? "North Clinic" : "Main Campus",
                        "Booked", "MSG-" + id, null));
                patientOf.put("hl7|" + id, patient);
                zoneOf.put("hl7|" + id, zone);
            }

            Map<String, Instant> answeredAt = new HashMap<>();
            Map<String, Instant> optedOutAt = new HashMap<>();
            Set<String> ended = new HashSet<>();
            Outcome[] outcomes = {Outcome.UNREACHED, Outcome.UNREACHED, Outcome.REACHED, Outcome.REACHED, Outcome.CONFIRMED,
                    Outcome.DECLINED, Outcome.OPTED_OUT};
            for (Instant end = START.plus(Duration.ofDays(14)); clock.instant().isBefore(end); clock.advance(Duration.ofMinutes(20))) {
                engine.planning().run();
                engine.posting().run();
                // calls withdrawn while queued (an answer or opt-out came first) are hung up as they start
                engine.withdrawals().run();
                for (RecordingApi.Posted p : List.copyOf(api.posted)) {
                    if (ended.contains(p.callId()) || clock.instant().isBefore(p.ringsAt())) {
                        continue;
                    }
                    ended.add(p.callId());
                    if (api.hungUp.contains(p.callId())) {
                        continue;
                    }
                    Outcome outcome = outcomes[r.nextInt(outcomes.length)];
                    PlannedCall planned = h.calls.findByCallId(p.callId()).orElseThrow();
                    String status = outcome == Outcome.UNREACHED ? "failed" : "completed";
                    api.endedAs.put(p.callId(), status);
                    results.recordResult(p.callId(), status, clock.instant(), "{}", planned.id(), List.of(), outcome);
                    if (outcome.stopsProgram()) {
                        answeredAt.putIfAbsent(p.appointmentKey(), clock.instant());
                    }
                    if (outcome == Outcome.OPTED_OUT) {
                        optedOutAt.putIfAbsent(p.patientId(), clock.instant());
                    }
                }
            }

            net.jqwik.api.statistics.Statistics.label("calls placed").collect(api.posted.size() == 0 ? "none"
                    : api.posted.size() < 10 ? "1-9" : "10+");
            net.jqwik.api.statistics.Statistics.label("answers").collect(answeredAt.isEmpty() ? "none" : "some");
            Map<String, List<LocalDate>> days = new HashMap<>();
            for (RecordingApi.Posted p : api.posted) {
                ZoneId zone = zoneOf.get(p.appointmentKey());
                LocalDateTime local = LocalDateTime.ofInstant(p.ringsAt(), zone);
                assertThat(local.toLocalTime()).as("call of %s rings at %s local", p.appointmentKey(), local)
                        .isBetween(LocalTime.of(8, 0), LocalTime.of(20, 59, 59));
                assertThat(holidays).as("call of %s on a holiday", p.appointmentKey()).doesNotContain(local.toLocalDate());
                assertThat(p.patientId()).as("call to the patient on the do-not-call file").isNotEqualTo(listed);
                assertThat(labs).as("call for a silenced lab visit").doesNotContain(p.appointmentKey());
                Instant posted = p.postedAt();
                Instant answer = answeredAt.get(p.appointmentKey());
                assertThat(answer == null || !posted.isAfter(answer)).as("call of %s posted after the patient answered",
                        p.appointmentKey()).isTrue();
                if (answer != null && p.ringsAt().isAfter(answer) && !api.hungUp.contains(p.callId())) {
                    assertThat(api.endedAs).as("call of %s posted ahead rang after the answer", p.appointmentKey())
                            .doesNotContainKey(p.callId());
                }
                Instant optOut = optedOutAt.get(p.patientId());
                assertThat(optOut == null || posted.isBefore(optOut) || posted.equals(optOut))
                        .as("call to %s posted after they opted out", p.patientId()).isTrue();
                days.computeIfAbsent(patientOf.get(p.appointmentKey()), k -> new ArrayList<>()).add(local.toLocalDate());
            }
            days.forEach((patient, dates) -> {
                for (LocalDate d : dates) {
                    assertThat(dates.stream().filter(d::equals).count()).as("calls to %s on %s", patient, d).isLessThanOrEqualTo(perDay);
                    assertThat(dates.stream().filter(x -> !x.isBefore(d) && !x.isAfter(d.plusDays(6))).count())
                            .as("calls to %s in the week from %s", patient, d).isLessThanOrEqualTo(perWeek);
                }
            });
            assertThat(h.events.eventsInState(EventStore.RECEIVED, 10)).isEmpty();
            for (String key : patientOf.keySet()) {
                List<PlannedCall> rows = h.calls.callsFor(key);
                assertThat(rows).as("decisions of %s", key).isNotEmpty();
                rows.stream().filter(c -> c.state() == CallState.SKIPPED)
                        .forEach(c -> assertThat(c.reason()).as("skip of %s", key).isNotBlank());
                assertThat(rows).as("%s left pending after its start", key).noneMatch(c -> c.state().isLive());
            }
        } finally {
            deleteTree(dir);
        }
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
