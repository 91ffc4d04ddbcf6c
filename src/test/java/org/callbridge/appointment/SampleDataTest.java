package org.callbridge.appointment;

import org.callbridge.csv.CsvFeedConfigTest;

import org.callbridge.patients.PatientResolver;

import org.callbridge.patients.Crosswalk;

import org.callbridge.csv.CsvFeedConfig;

import org.callbridge.csv.CsvAppointmentReader;

import org.callbridge.hl7.SiuMapperConfig;

import org.callbridge.hl7.SiuMapper;

import org.callbridge.hl7.NumberedMessage;

import org.callbridge.config.Configuration;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The sample data tells one consistent story: every reference resolves except the ones meant to fail. */
class SampleDataTest {
    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
    private static final List<AppointmentEvent> EVENTS = new ArrayList<>();
    private static final Map<String, String> HL7_REJECTIONS = new LinkedHashMap<>();
    private static JsonNode fixtures;

    @BeforeAll
    static void readEverySample() throws IOException {
        SiuMapper mapper = new SiuMapper(SiuMapperConfig.defaults(CHICAGO));
        for (String folder : List.of("hl7", "hl7-mllp")) {
            try (Stream<Path> files = Files.list(SampleData.path(folder))) {
                for (Path file : files.sorted().toList()) {
                    String name = folder + "/" + file.getFileName();
                    for (NumberedMessage message : SampleData.hl7Messages(name)) {
                        try {
                            EVENTS.add(mapper.map(message.text(), "hl7-file", name + "#" + message.ordinal()));
                        } catch (RejectedInputException e) {
                            HL7_REJECTIONS.put(name + "#" + message.ordinal(), e.getMessage());
                        }
                    }
                }
            }
        }
        readCsv(CsvFeedConfig.defaults(CHICAGO), "csv/appointments.csv");
        readCsv(Configuration.feed("dentrix", CsvFeedConfigTest.sampleVendorProperties(), CHICAGO),
                "csv-vendor/dentrix-export.csv");
        fixtures = new ObjectMapper().readTree(SampleData.path("simulator-fixtures.json").toFile());
    }

    private static void readCsv(CsvFeedConfig config, String file) throws IOException {
        CollectedRows rows = new CollectedRows();
        try (InputStream in = Files.newInputStream(SampleData.path(file))) {
            new CsvAppointmentReader(config).read(in, StandardCharsets.UTF_8, file, rows);
        }
        EVENTS.addAll(rows.events);
    }

    private static Set<String> fixturePatientIds() {
        Set<String> ids = new HashSet<>();
        fixtures.at("/organizations/0/patients").forEach(p -> ids.add(p.get("patient_id").asText()));
        return ids;
    }

    @Test
    void should_reject_only_the_deliberately_bad_hl7_message() {
        assertThat(HL7_REJECTIONS).containsExactly(
                Map.entry("hl7/10-bad-not-scheduling-adt-a01.hl7#1", "MSH-9: not a scheduling message: ADT^A01"));
        assertThat(EVENTS).extracting(AppointmentEvent::kind).contains(EventKind.values());
    }

    @Test
    void should_resolve_every_sample_patient_but_the_one_missing_from_the_crosswalk() {
        PatientResolver resolver = new PatientResolver(Crosswalk.load(SampleData.path("crosswalk.csv"), "callbridge.patients.crosswalk"), "CALLSAPI", "LSG");
        Set<String> unresolved = new HashSet<>();
        Set<String> resolved = new HashSet<>();
        for (AppointmentEvent event : EVENTS) {
            try {
                AppointmentEvent done = resolver.resolve(event);
                if (done.patientId() != null) {
                    resolved.add(done.patientId());
                }
            } catch (RejectedInputException e) {
                unresolved.add(resolver.chooseMrn(event.identifiers()));
            }
        }

        assertThat(unresolved).containsExactly("100008");
        assertThat(fixturePatientIds()).containsAll(resolved);
    }

    @Test
    void should_have_a_simulator_patient_for_every_uuid_in_the_crosswalk_and_the_csv_files() throws IOException {
        Set<String> uuids = new HashSet<>();
        Files.readAllLines(SampleData.path("crosswalk.csv")).stream().skip(1).forEach(line -> uuids.add(line.split(",")[1]));
        EVENTS.stream().filter(e -> e.patientId() != null).forEach(e -> uuids.add(e.patientId()));

        assertThat(fixturePatientIds()).containsAll(uuids);
        assertThat(Crosswalk.load(SampleData.path("crosswalk.csv"), "callbridge.patients.crosswalk").size()).isEqualTo(13);
    }

    @Test
    void should_describe_one_demo_organization_with_fast_timing_and_one_patient_without_phone() {
        JsonNode organization = fixtures.at("/organizations/0");

        assertThat(fixtures.get("organizations")).hasSize(1);
        assertThat(organization.get("name").asText()).isEqualTo("Demo Clinic");
        assertThat(organization.get("apiKeys").get(0).asText()).isEqualTo("demo-key");
        assertThat(organization.at("/agents/0/id").asText()).isEqualTo("9f3e7a10-5c2d-4b8e-8a41-0d1e2f3a4b5c");
        assertThat(organization.at("/agents/0/finalReport/appointment_confirmed").asBoolean()).isTrue();
        assertThat(fixtures.at("/outcomes/seed").asInt()).isEqualTo(42);
        assertThat(fixtures.at("/outcomes/failureRate").asDouble()).isEqualTo(0.1);
        assertThat(fixtures.at("/timing/inProgressSeconds").asDouble()).isLessThan(1);
        List<String> withoutPhone = new ArrayList<>();
        organization.get("patients").forEach(p -> {
            assertThat(Uuids.isUuid(p.get("patient_id").asText())).isTrue();
            if (p.get("phone_number").isNull()) {
                withoutPhone.add(p.get("patient_id").asText());
            } else {
                assertThat(p.get("phone_number").asText()).matches("\\+1555555\\d{4}");
            }
        });
        assertThat(withoutPhone).containsExactly("5b0c1a7e-0000-4000-8000-000000000009");
    }

    @Test
    void should_schedule_every_sample_appointment_in_december_2026_or_january_2027() {
        ZonedDateTime from = ZonedDateTime.of(2026, 12, 1, 0, 0, 0, 0, CHICAGO);
        ZonedDateTime to = ZonedDateTime.of(2027, 2, 1, 0, 0, 0, 0, CHICAGO);

        assertThat(EVENTS).filteredOn(e -> e.start() != null)
                .allSatisfy(e -> assertThat(e.start()).isAfter(from).isBefore(to));
    }

    @Test
    void should_not_leak_a_csv_cell_into_a_rejection_of_the_sample_files() {
        CollectedRows rows = new CollectedRows();
        new CsvAppointmentReader(CsvFeedConfig.defaults(CHICAGO))
                .read(new StringReader(new String(SampleData.bytes("csv/appointments.csv"), StandardCharsets.UTF_8)), "a.csv", rows);

        assertThat(rows.rejections).singleElement().satisfies(r -> assertThat(r.reason()).doesNotContain("10:30", "100002"));
    }
}
