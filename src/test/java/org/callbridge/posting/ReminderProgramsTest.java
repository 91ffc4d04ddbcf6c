package org.callbridge.posting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ca.uhn.hl7v2.model.v25.message.SIU_S12;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.callbridge.appointment.AppointmentEvent;
import org.callbridge.appointment.EventKind;
import org.callbridge.callsapi.CallsApi;
import org.callbridge.callsapi.CallsApiClient;
import org.callbridge.callsapi.CallsApiSettings;
import org.callbridge.config.Configuration;
import org.callbridge.config.Keys;
import org.callbridge.hl7.Hl7Context;
import org.callbridge.outcome.Outcome;
import org.callbridge.outcome.OutcomeRules;
import org.callbridge.planning.DoNotCallFile;
import org.callbridge.planning.HolidayCalendar;
import org.callbridge.planning.Holidays;
import org.callbridge.planning.ProgramSources;
import org.callbridge.planning.ReminderRules;
import org.callbridge.planning.RulesFile;
import org.callbridge.results.Hl7FileOutbox;
import org.callbridge.results.Hl7ResultKind;
import org.callbridge.results.Hl7ResultMessageBuilder;
import org.callbridge.results.Hl7ResultSettings;
import org.callbridge.results.Hl7Sink;
import org.callbridge.results.ReportDelivery;
import org.callbridge.results.ResultsPoller;
import org.callbridge.simulator.CallsApiSimulator;
import org.callbridge.simulator.SimulatedCall;
import org.callbridge.simulator.SimulatorFixtures;
import org.callbridge.store.BatchClaim;
import org.callbridge.store.CallState;
import org.callbridge.store.DoNotCallList;
import org.callbridge.store.EventStore;
import org.callbridge.store.Leases;
import org.callbridge.store.PlannedCall;
import org.callbridge.store.ResultStore;
import org.callbridge.store.Watermarks;
import org.callbridge.testing.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reminder programs end to end against the simulator, whose fixture plays each patient's answers in order: touchpoints,
 * an answer that stops the rest (and goes back to the EHR as SCH-25), a retry of an unreached patient, an opt-out that
 * takes the patient out of a waiting batch and off later appointments, a holiday, and rules by visit type and language.
 * Planning runs on a hand-driven clock; the simulator's calls ring and end at once.
 */
class ReminderProgramsTest {
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final String KEY = "programs-key-0001";
    private static final String AGENT = Clinic.AGENT;
    private static final String SPANISH = "a9000000-0000-4000-8000-0000000000e5";
    private static final String CONFIRMS = "b1000000-0000-4000-8000-000000000001";
    private static final String UNREACHED_FIRST = "b1000000-0000-4000-8000-000000000002";
    private static final String OPTS_OUT = "b1000000-0000-4000-8000-000000000003";
    private static final String PLAIN = "b1000000-0000-4000-8000-000000000004";
    private static final String NOT_REACHED = "{\"answers\": {\"confirmed\": \"no\"}}";

    @TempDir
    Path dir;
    private final ManualClock clock = new ManualClock(at("2030-03-11T10:00"));
    private CallsApiSimulator simulator;
    private Harness h;

    @BeforeEach
    void start() {
        simulator = CallsApiSimulator.start(SimulatorFixtures.parse(fixtures()), "127.0.0.1", 0);
        h = new Harness(dir, clock);
    }

    @AfterEach
    void stop() {
        h.close();
        simulator.close();
    }

    private static String fixtures() {
        return """
                {"mode": "demo",
                 "timing": {"initiatingSeconds": 0.01, "dialingSeconds": 0.01, "inProgressSeconds": 0.01, "summarizingSeconds": 0.01},
                 "outcomes": {"failureRate": 0.0, "seed": 7},
                 "organizations": [{"name": "Programs", "apiKeys": ["%s"],
                   "agents": [{"id": "%s", "name": "Reminder", "finalReport": %s},
                              {"id": "%s", "name": "Recordatorio", "finalReport": %s}],
                   "patients": [
                     %s,
                     %s,
                     %s,
                     %s]}]}
                """.formatted(KEY, AGENT, NOT_REACHED, SPANISH, NOT_REACHED,
                patient(CONFIRMS, "[" + NOT_REACHED + ", {\"answers\": {\"confirmed\": \"yes\"}}]"),
                patient(UNREACHED_FIRST, "[\"failed\", " + NOT_REACHED + "]"),
                patient(OPTS_OUT, "[{\"answers\": {\"opt_out\": \"yes\"}}]"),
                patient(PLAIN, "[]"));
    }

    private static String patient(String id, String outcomes) {
        return "{\"patient_id\": \"%s\", \"first_name\": \"Test\", \"last_name\": \"Person\", \"birth_date\": \"1980-01-01\","
                .formatted(id) + " \"email\": null, \"phone_number\": \"+15555550100\", \"outcomes\": " + outcomes + "}";
    }

    /** Planning, posting, results and write-back, wired as the runtime wires them, on the hand-driven clock. */
    private final class Flow {
        final PostingEngine engine;
        final ResultsPoller poller;
        final ReportDelivery delivery;
        final DoNotCallList doNotCall;

        Flow(Map<String, String> overrides, ProgramSources sources) {
            Map<String, String> props = Harness.settings(dir.resolve("reports"));
            props.remove(Keys.CAPS_PER_DAY.key());
            props.remove(Keys.CAPS_PER_WEEK.key());
            props.putAll(overrides);
            CallsApiClient client = new CallsApiClient(CallsApiSettings.of(simulator.baseUrl(), KEY));
            engine = PostingEngine.create(h.db, Configuration.policy(props), Configuration.posting(props), CallsApi.of(client),
                    clock, sources);
            OutcomeRules outcomes = OutcomeRules.of("answers.confirmed=yes", null, null, "answers.opt_out=yes");
            ResultStore results = new ResultStore(h.db, clock);
            poller = new ResultsPoller(client, h.calls, results, new Watermarks(h.db), new Leases(h.db),
                    new ResultsPoller.Settings("a", Duration.ofSeconds(5), Duration.ofDays(1), Duration.ofMinutes(1), false,
                            List.of("hl7")), Clock.systemUTC(), outcomes);
            Hl7ResultSettings s14 = new Hl7ResultSettings(Hl7ResultKind.SIU_S14, null, "CB", "EPIC", "HOSP")
                    .withScheduleStatus(Map.of(Outcome.CONFIRMED, "Confirmed"));
            delivery = new ReportDelivery(List.of(new Hl7Sink(new Hl7ResultMessageBuilder(s14, Hl7Context.context()),
                    new Hl7FileOutbox(dir.resolve("hl7-out")))), results, h.calls, h.events, 5, outcomes);
            doNotCall = new DoNotCallList(h.db, clock);
        }

        Flow(Map<String, String> overrides) {
            this(overrides, ProgramSources.defaults(new DoNotCallList(h.db, clock)));
        }

        /** Plans, posts what is due, waits for the simulator's calls to end, records them, plans again. */
        void cycle() {
            engine.planning().run();
            engine.posting().run();
            await().atMost(Duration.ofSeconds(30)).until(() -> simulator.calls().stream().allMatch(c -> c.endedAt() != null));
            poller.poll();
            delivery.deliverPending();
            engine.planning().run();
        }
    }

    private static Instant at(String localNewYork) {
        return java.time.LocalDateTime.parse(localNewYork).atZone(NEW_YORK).toInstant();
    }

    private static ZonedDateTime ny(String local) {
        return java.time.LocalDateTime.parse(local).atZone(NEW_YORK);
    }

    private List<SimulatedCall> callsTo(String patientId) {
        return simulator.calls().stream().filter(c -> c.patientId().equals(patientId)).toList();
    }

    private static AppointmentEvent visit(String id, String patientId, ZonedDateTime start, String type, String language) {
        return new AppointmentEvent("hl7-file", "test.hl7#" + id, "hl7", id, EventKind.NEW, List.of(), patientId, null,
                start, Duration.ofMinutes(30), type, "Dr. Example", "Main Campus", "Booked", "MSG-" + id, null)
                .withLanguage(language);
    }

    @Test
    void three_touchpoints_with_the_middle_one_confirmed_place_no_third_call_and_send_confirmed_to_the_ehr() throws Exception {
        Flow flow = new Flow(Map.of(Keys.REMINDER_OFFSETS.key(), "P7D,P1D,PT2H"));
        h.append(Visits.booked("T1", CONFIRMS, ny("2030-03-19T11:00")));

        flow.cycle();
        assertThat(h.live("T1").callAt()).isEqualTo(at("2030-03-12T11:00"));
        clock.set(at("2030-03-12T11:00"));
        flow.cycle();
        assertThat(callsTo(CONFIRMS)).hasSize(1);
        assertThat(h.live("T1").callAt()).as("the second touchpoint, planned once the first ended").isEqualTo(at("2030-03-18T11:00"));
        clock.set(at("2030-03-18T11:00"));
        flow.cycle();
        clock.set(at("2030-03-19T09:00"));
        flow.cycle();

        assertThat(callsTo(CONFIRMS)).hasSize(2);
        List<PlannedCall> rows = h.callsOf("T1");
        assertThat(rows).filteredOn(c -> c.state() == CallState.POSTED).hasSize(2);
        assertThat(rows).filteredOn(c -> c.state() == CallState.SKIPPED).singleElement()
                .satisfies(c -> assertThat(c.reason()).startsWith("patient answered confirmed"));
        String confirmedCall = callsTo(CONFIRMS).stream().max(java.util.Comparator.comparing(SimulatedCall::createdAt))
                .orElseThrow().callId();
        Path s14 = onlyFileContaining(dir.resolve("hl7-out"), confirmedCall);
        SIU_S12 siu = (SIU_S12) Hl7Context.parse(Files.readString(s14));
        assertThat(siu.getMSH().getMessageType().encode()).isEqualTo("SIU^S14^SIU_S12");
        assertThat(siu.getSCH().getFillerStatusCode().getIdentifier().getValue()).isEqualTo("Confirmed");
    }

    @Test
    void a_reschedule_plans_every_touchpoint_again_and_leaves_the_call_already_made_as_it_was() {
        Flow flow = new Flow(Map.of(Keys.REMINDER_OFFSETS.key(), "P7D,P1D"));
        h.append(Visits.booked("M1", PLAIN, ny("2030-03-19T11:00")));
        flow.cycle();
        clock.set(at("2030-03-12T11:00"));
        flow.cycle();
        assertThat(h.live("M1").callAt()).isEqualTo(at("2030-03-18T11:00"));

        clock.set(at("2030-03-12T12:00"));
        h.append(Visits.event(EventKind.RESCHEDULE, "M1", PLAIN, ny("2030-03-26T11:00")));
        flow.cycle();

        assertThat(h.live("M1").callAt()).as("the first touchpoint for the new time").isEqualTo(at("2030-03-19T11:00"));
        assertThat(h.callsOf("M1")).filteredOn(c -> c.state() == CallState.POSTED).singleElement()
                .satisfies(c -> assertThat(c.callAt()).isEqualTo(at("2030-03-12T11:00")));
        assertThat(h.calls.callsInState(CallState.NOT_WITHDRAWN)).isEmpty();
        clock.set(at("2030-03-19T11:00"));
        flow.cycle();
        clock.set(at("2030-03-25T11:00"));
        flow.cycle();
        assertThat(callsTo(PLAIN)).hasSize(3);
        assertThat(callsTo(PLAIN).stream().map(c -> c.extended().path("appointment").path("start_time").asText()).distinct())
                .hasSize(2);
    }

    @Test
    void a_touchpoint_posted_ahead_is_withdrawn_when_the_patient_answers_the_one_before() {
        Flow flow = new Flow(Map.of(Keys.REMINDER_OFFSETS.key(), "P1D,PT2H", Keys.POST_AHEAD.key(), "PT24H"));
        h.append(Visits.booked("W1", PLAIN, ny("2030-03-19T15:00")));
        flow.engine.planning().run();
        clock.set(at("2030-03-17T15:00"));
        flow.engine.posting().run();
        PlannedCall first = h.callsOf("W1").get(0);
        clock.set(at("2030-03-18T13:00"));
        flow.engine.planning().run();
        flow.engine.posting().run();
        PlannedCall second = h.calls.callsInState(CallState.POSTED).stream().filter(c -> c.id() != first.id())
                .findFirst().orElseThrow();
        assertThat(second.callAt()).as("the second touchpoint, posted ahead").isEqualTo(at("2030-03-19T13:00"));

        clock.set(at("2030-03-18T15:05"));
        new ResultStore(h.db, clock).recordResult(h.calls.find(first.id()).orElseThrow().callId(), "completed",
                clock.instant(), "{}", first.id(), List.of(), Outcome.CONFIRMED);
        flow.engine.planning().run();

        assertThat(h.calls.find(second.id()).orElseThrow().state()).as("not left to ring after the confirmation")
                .isIn(CallState.WITHDRAWING, CallState.WITHDRAWN);
    }

    @Test
    void an_unreached_patient_is_retried_after_the_delay_then_reached() {
        // the default cap of one call a day would move a same-day retry to the next morning
        Flow flow = new Flow(Map.of(Keys.RETRY_UNREACHED.key(), "PT1H,PT3H", Keys.CAPS_PER_DAY.key(), "3"));
        h.append(Visits.booked("R1", UNREACHED_FIRST, ny("2030-03-12T15:00")));
        clock.set(at("2030-03-11T15:00"));

        flow.cycle();
        assertThat(callsTo(UNREACHED_FIRST)).singleElement().extracting(SimulatedCall::status).isEqualTo("failed");
        assertThat(h.live("R1").callAt()).isEqualTo(at("2030-03-11T16:00"));
        clock.set(at("2030-03-11T16:00"));
        flow.cycle();
        clock.set(at("2030-03-11T20:00"));
        flow.cycle();

        assertThat(callsTo(UNREACHED_FIRST)).extracting(SimulatedCall::status).containsExactly("failed", "completed");
        assertThat(h.calls.liveCall("R1")).isEmpty();
    }

    @Test
    void an_opt_out_takes_the_patient_out_of_a_waiting_batch_and_off_later_appointments() {
        Flow flow = new Flow(Map.of());
        h.append(Visits.booked("O1", OPTS_OUT, ny("2030-03-12T15:00")));
        h.append(Visits.booked("O2", OPTS_OUT, ny("2030-03-14T15:00")));
        flow.engine.planning().run();
        clock.set(at("2030-03-11T15:00"));
        flow.engine.posting().run();
        await().atMost(Duration.ofSeconds(30)).until(() -> callsTo(OPTS_OUT).stream().allMatch(c -> c.endedAt() != null));

        clock.set(at("2030-03-13T15:00"));
        long waiting = h.batches.claim(new BatchClaim("waiting-batch", AGENT, null, null, null, 10)).orElseThrow().id();
        flow.poller.poll();
        assertThat(flow.doNotCall.contains(OPTS_OUT)).isTrue();
        flow.engine.posting().run();
        h.append(Visits.booked("O3", OPTS_OUT, ny("2030-03-20T15:00")));
        flow.cycle();

        assertThat(callsTo(OPTS_OUT)).hasSize(1);
        assertThat(h.callsOf("O2")).singleElement().satisfies(c -> {
            assertThat(c.batchId()).isEqualTo(waiting);
            assertThat(c.state()).isEqualTo(CallState.CANCELLED);
            assertThat(c.reason()).isEqualTo("not posted: patient is on the do-not-call list");
        });
        assertThat(h.callsOf("O3")).singleElement().satisfies(c -> {
            assertThat(c.state()).isEqualTo(CallState.SKIPPED);
            assertThat(c.reason()).isEqualTo("patient is on the do-not-call list");
        });
    }

    @Test
    void a_touchpoint_that_only_holidays_leave_room_for_is_skipped() throws Exception {
        Path file = Files.writeString(dir.resolve("holidays.txt"), "2030-03-11\n2030-03-12 main campus\n");
        Flow flow = new Flow(Map.of(), new ProgramSources(RulesFile.of(ReminderRules.none()),
                HolidayCalendar.load(file, Keys.HOLIDAYS.key()), DoNotCallFile.none(), new DoNotCallList(h.db, clock)));
        long event = h.append(Visits.booked("H1", PLAIN, ny("2030-03-12T15:00")));
        long elsewhere = h.append(Visits.event(EventKind.NEW, "H2", PLAIN, ny("2030-03-13T15:00"), "North Clinic"));

        flow.cycle();

        assertThat(h.callsOf("H1")).singleElement().satisfies(c -> {
            assertThat(c.state()).isEqualTo(CallState.SKIPPED);
            assertThat(c.reason()).isEqualTo("holiday");
        });
        assertThat(h.events.find(event).orElseThrow().state()).isEqualTo(EventStore.SKIPPED);
        assertThat(h.live("H2").callAt()).as("12 March is a holiday at Main Campus only").isEqualTo(at("2030-03-12T15:00"));
        assertThat(h.events.find(elsewhere).orElseThrow().state()).isEqualTo(EventStore.PLANNED);
    }

    @Test
    void rules_silence_lab_visits_and_give_spanish_speakers_the_spanish_agent() throws Exception {
        Path rules = Files.writeString(dir.resolve("rules.yaml"), """
                rules:
                  - match: {type: "Lab*"}
                    call: false
                  - match: {language: es}
                    agent: %s
                """.formatted(SPANISH));
        Flow flow = new Flow(Map.of(), new ProgramSources(RulesFile.load(rules, Keys.RULES.key(), java.util.EnumSet.allOf(java.time.DayOfWeek.class)),
                HolidayCalendar.of(Holidays.none()), DoNotCallFile.none(), new DoNotCallList(h.db, clock)));
        h.append(visit("L1", PLAIN, ny("2030-03-12T11:00"), "Lab Draw", "es"));
        h.append(visit("S1", CONFIRMS, ny("2030-03-12T11:00"), "General Check Up", "es"));
        h.append(visit("E1", UNREACHED_FIRST, ny("2030-03-12T11:00"), "General Check Up", "en"));
        clock.set(at("2030-03-11T11:00"));

        flow.cycle();

        assertThat(h.callsOf("L1")).singleElement().satisfies(c -> {
            assertThat(c.state()).isEqualTo(CallState.SKIPPED);
            assertThat(c.reason()).isEqualTo("no reminder calls for these appointments (rule 1)");
        });
        assertThat(callsTo(PLAIN)).isEmpty();
        assertThat(callsTo(CONFIRMS)).singleElement().extracting(SimulatedCall::agentId).isEqualTo(SPANISH);
        assertThat(callsTo(UNREACHED_FIRST)).singleElement().extracting(SimulatedCall::agentId).isEqualTo(AGENT);
    }

    @Test
    void a_rule_window_wider_than_the_configured_one_is_the_window_its_calls_ring_in() throws Exception {
        Path rules = Files.writeString(dir.resolve("rules.yaml"), """
                rules:
                  - match: {location: "Main Campus"}
                    calling-window: "08:00-20:00"
                """);
        Flow flow = new Flow(Map.of(Keys.CALLING_WINDOW.key(), "10:00-18:00", Keys.REMINDER_OFFSETS.key(), "PT2H",
                Keys.POST_AHEAD.key(), "PT5M"),
                new ProgramSources(RulesFile.load(rules, Keys.RULES.key(), java.util.EnumSet.allOf(java.time.DayOfWeek.class)),
                        HolidayCalendar.of(Holidays.none()), DoNotCallFile.none(), new DoNotCallList(h.db, clock)));
        h.append(Visits.booked("V1", PLAIN, ny("2030-03-12T11:00")));
        h.append(Visits.event(EventKind.NEW, "V2", CONFIRMS, ny("2030-03-12T11:00"), "North Clinic"));
        clock.set(at("2030-03-12T09:00"));

        flow.cycle();

        assertThat(callsTo(PLAIN)).as("09:00 is inside the rule's window").hasSize(1);
        assertThat(callsTo(CONFIRMS)).as("and outside the configured one, which North Clinic keeps").isEmpty();
        assertThat(h.calls.liveCall("hl7|V2")).hasValueSatisfying(c -> assertThat(c.callAt()).isEqualTo(at("2030-03-12T10:00")));
    }

    private static Path onlyFileContaining(Path folder, String text) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> matching = files.filter(f -> {
                try {
                    return Files.readString(f).contains(text);
                } catch (java.io.IOException e) {
                    return false;
                }
            }).toList();
            assertThat(matching).hasSize(1);
            return matching.get(0);
        }
    }
}
