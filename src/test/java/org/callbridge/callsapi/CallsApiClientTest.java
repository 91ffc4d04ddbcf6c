package org.callbridge.callsapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.callbridge.callsapi.SimulatorFixturesForTests.AGENT_A;
import static org.callbridge.callsapi.SimulatorFixturesForTests.AGENT_B;
import static org.callbridge.callsapi.SimulatorFixturesForTests.KEY_A;
import static org.callbridge.callsapi.SimulatorFixturesForTests.KEY_B;
import static org.callbridge.callsapi.SimulatorFixturesForTests.PATIENT_1;
import static org.callbridge.callsapi.SimulatorFixturesForTests.PATIENT_2;
import static org.callbridge.callsapi.SimulatorFixturesForTests.PATIENT_3;
import static org.callbridge.callsapi.SimulatorFixturesForTests.PATIENT_NO_PHONE;
import static org.callbridge.callsapi.SimulatorFixturesForTests.PATIENT_OF_B;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.callbridge.callsapi.model.Call;
import org.callbridge.callsapi.model.Campaign;
import org.callbridge.callsapi.model.CampaignCalls;
import org.callbridge.callsapi.model.CreateCallsRequest;
import org.callbridge.callsapi.model.CreateCallsResponse;
import org.callbridge.callsapi.model.Page;
import org.callbridge.callsapi.model.PatientEntry;
import org.callbridge.simulator.CallsApiSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The client against the simulator over real HTTP: every endpoint and every documented error. */
class CallsApiClientTest {
    private static CallsApiSimulator simulator;
    private static CallsApiClient clinicA;
    private static CallsApiClient clinicB;

    @BeforeAll
    static void start() {
        simulator = SimulatorFixturesForTests.start("{}");
        clinicA = SimulatorFixturesForTests.client(simulator, KEY_A);
        clinicB = SimulatorFixturesForTests.client(simulator, KEY_B);
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    private static PatientEntry patient(String id, String visit) {
        ObjectNode extended = JsonNodeFactory.instance.objectNode();
        extended.putObject("appointment").put("name", visit).put("start_time", "December 2, 2026 at 10:30 AM");
        return new PatientEntry(id, extended);
    }

    private static CreateCallsResponse post(String name, PatientEntry... patients) {
        return clinicA.createCalls(CreateCallsRequest.batch(name, AGENT_A, List.of(patients), null));
    }

    @Test
    void should_create_a_batch_and_return_one_call_per_patient_in_order() {
        CreateCallsResponse response = post("create-batch", patient(PATIENT_1, "Check-up"), patient(PATIENT_2, "Follow-up"));

        assertThat(response.success()).isTrue();
        assertThat(response.batchId()).isNotBlank();
        assertThat(response.calls()).hasSize(2);
        assertThat(response.totalInitiated() + response.totalQueued()).isEqualTo(2);
        assertThat(response.calls()).allSatisfy(c -> {
            assertThat(c.roomName()).isEqualTo("outbound-" + c.callId());
            assertThat(c.status()).isIn("initiating", "queued");
        });
        assertThat(response.payload().path("name").asText()).isEqualTo("create-batch");
        Call first = clinicA.getCall(response.calls().get(0).callId());
        assertThat(first.patient().patientId()).isEqualTo(PATIENT_1);
        assertThat(first.batchId()).isEqualTo(response.batchId());
        assertThat(first.agentId()).isEqualTo(AGENT_A);
        assertThat(first.raw().path("id").asText()).isEqualTo(first.id());
    }

    @Test
    void should_see_a_call_complete_with_final_report_and_duration() {
        String callId = post("lifecycle", patient(PATIENT_3, "Check-up")).calls().get(0).callId();

        Call ended = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> clinicA.getCall(callId), Call::isFinal);

        assertThat(ended.status()).isEqualTo("completed");
        assertThat(ended.finalReport().path("appointment_confirmed").asBoolean()).isTrue();
        assertThat(ended.endedAt()).isAfterOrEqualTo(ended.startedAt());
        assertThat(ended.duration()).isEqualTo(Duration.between(ended.startedAt(), ended.endedAt()).toSeconds());
        assertThat(ended.toString()).doesNotContain("+1555");
    }

    @Test
    void should_page_through_ended_calls_with_one_based_start() {
        Instant before = Instant.now().minusMillis(1);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            ids.add(post("paging-" + i, patient(PATIENT_1, "Visit")).calls().get(0).callId());
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> ids.stream().allMatch(id -> clinicA.getCall(id).isFinal()));

        List<Page<Call>> pages = new ArrayList<>();
        clinicA.callPages(before, 3).forEach(pages::add);

        List<String> seen = pages.stream().flatMap(p -> p.data().stream()).map(Call::id).toList();
        assertThat(seen).containsAll(ids).doesNotHaveDuplicates();
        assertThat(pages.get(0).pagination().start()).isEqualTo(1);
        assertThat(pages.get(1).pagination().start()).isEqualTo(4);
        assertThat(pages.get(pages.size() - 1).pagination().hasMore()).isFalse();
        assertThat(pages.get(0).pagination().total()).isEqualTo(seen.size());
        assertThat(pages.get(0).pagination().endedAfter()).isNotNull();
        assertThat(clinicA.listCalls(1, 500, Instant.now().plusSeconds(3600)).data()).isEmpty();
    }

    @Test
    void should_list_campaigns_and_their_calls() {
        CreateCallsResponse response = post("campaign-listing", patient(PATIENT_1, "A"), patient(PATIENT_2, "B"));

        List<Campaign> all = new ArrayList<>();
        clinicA.campaignPages(2).forEach(p -> all.addAll(p.data()));
        CampaignCalls calls = clinicA.campaignCalls(response.batchId(), 1, 100, null);

        assertThat(all).extracting(Campaign::name).contains("campaign-listing");
        assertThat(all).filteredOn(c -> c.id().equals(response.batchId())).singleElement()
                .satisfies(c -> assertThat(c.agentId()).isEqualTo(AGENT_A));
        assertThat(calls.campaign().name()).isEqualTo("campaign-listing");
        assertThat(calls.campaign().createdAt()).isNotNull();
        assertThat(calls.calls().data()).extracting(c -> c.patient().patientId()).containsExactlyInAnyOrder(PATIENT_1, PATIENT_2);
    }

    @Test
    void should_hide_other_organizations_calls_and_campaigns() {
        CreateCallsResponse response = post("isolation", patient(PATIENT_1, "A"));
        String callId = response.calls().get(0).callId();

        assertThatThrownBy(() -> clinicB.getCall(callId)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> clinicB.campaignCalls(response.batchId(), 1, 10, null)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> clinicB.hangup(callId)).isInstanceOfSatisfying(HangupRefusedException.class,
                e -> assertThat(e.reason()).isEqualTo(HangupRefusedException.Reason.NO_ONGOING_CALL));
        assertThat(clinicB.listCampaigns(1, 500).data()).extracting(Campaign::id).doesNotContain(response.batchId());
    }

    @Test
    void should_hang_up_a_ringing_call_and_refuse_an_ended_one() {
        try (CallsApiSimulator slow = SimulatorFixturesForTests.start("{}", 30, 0.0)) {
            CallsApiClient client = SimulatorFixturesForTests.client(slow, KEY_A);
            String callId = client.createCalls(CreateCallsRequest.batch("hangup", AGENT_A, List.of(patient(PATIENT_1, "A")), null))
                    .calls().get(0).callId();

            client.hangup(callId);

            Call hungUp = client.getCall(callId);
            assertThat(hungUp.status()).isEqualTo("failed");
            assertThatThrownBy(() -> client.hangup(callId)).isInstanceOfSatisfying(HangupRefusedException.class,
                    e -> assertThat(e.reason()).isEqualTo(HangupRefusedException.Reason.NOT_HANGABLE));
            assertThatThrownBy(() -> client.hangup("99999999-9999-4999-8999-999999999999"))
                    .isInstanceOfSatisfying(HangupRefusedException.class,
                            e -> assertThat(e.reason()).isEqualTo(HangupRefusedException.Reason.NO_ONGOING_CALL));
        }
    }

    @Test
    void should_name_each_invalid_patient_and_create_nothing() {
        int campaignsBefore = (int) clinicA.listCampaigns(1, 1).pagination().total();

        assertThatThrownBy(() -> post("invalid", patient(PATIENT_1, "A"), patient("22-2222-2222", "B"), patient(PATIENT_OF_B, "C")))
                .isInstanceOfSatisfying(ValidationRejectedException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.patientErrors()).extracting(pe -> pe.index()).containsExactly(1, 2);
                    assertThat(e.patientErrors().get(0).patientId()).isEqualTo("22-2222-2222");
                    assertThat(e.patientErrors().get(0).reason()).contains("patientId");
                });
        assertThat(clinicA.listCampaigns(1, 1).pagination().total()).isEqualTo(campaignsBefore);
    }

    @Test
    void should_name_patients_without_phone_numbers() {
        assertThatThrownBy(() -> post("no-phone", patient(PATIENT_1, "A"), patient(PATIENT_NO_PHONE, "B")))
                .isInstanceOfSatisfying(MissingPhoneNumbersException.class,
                        e -> assertThat(e.patientIds()).containsExactly(PATIENT_NO_PHONE));
    }

    @Test
    void should_refuse_another_organizations_agent_and_a_past_schedule() {
        assertThatThrownBy(() -> clinicA.createCalls(CreateCallsRequest.batch("x", AGENT_B, List.of(patient(PATIENT_1, "A")), null)))
                .isInstanceOf(BadRequestException.class);
        assertThatThrownBy(() -> clinicA.createCalls(CreateCallsRequest.batch("x", AGENT_A, List.of(patient(PATIENT_1, "A")),
                "2020-01-01T00:00:00.000Z"))).isInstanceOf(BadRequestException.class);
    }

    @Test
    void should_schedule_a_call_for_later() {
        String at = ApiTime.format(Instant.now().plusSeconds(3600));
        CreateCallsResponse response = clinicA.createCalls(
                CreateCallsRequest.batch("scheduled", AGENT_A, List.of(patient(PATIENT_2, "A")), at));

        assertThat(response.calls().get(0).status()).isEqualTo("queued");
        assertThat(clinicA.getCall(response.calls().get(0).callId()).startedAt()).isNull();
    }

    @Test
    void should_report_unknown_calls_as_not_found() {
        assertThatThrownBy(() -> clinicA.getCall("99999999-9999-4999-8999-999999999999")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> clinicA.campaignCalls("99999999-9999-4999-8999-999999999999", 1, 10, null))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void should_refuse_a_wrong_key_without_ever_showing_it() {
        CallsApiClient wrong = SimulatorFixturesForTests.client(simulator, "wrong-key-9876");

        assertThatThrownBy(() -> wrong.listCalls(1, 10, null))
                .isInstanceOf(UnauthorizedException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("wrong-key-9876"));
        assertThat(new CallsApiSettings(java.net.URI.create("http://x"), KEY_A, Duration.ofSeconds(1), Duration.ofSeconds(1)).toString())
                .doesNotContain(KEY_A);
    }

    @Test
    void should_reject_page_arguments_outside_the_api_range_before_sending() {
        long before = simulator.requestCount();

        assertThatThrownBy(() -> clinicA.listCalls(0, 10, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> clinicA.listCalls(1, 501, null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(simulator.requestCount()).isEqualTo(before);
    }
}
