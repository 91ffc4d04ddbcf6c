package org.callbridge.patients;

import org.callbridge.appointment.SampleData;

import org.callbridge.appointment.AppointmentEvent;

import org.callbridge.appointment.RejectedInputException;

import org.callbridge.appointment.PatientIdentifier;

import org.callbridge.appointment.EventKind;


import org.callbridge.hl7.SiuMapperConfig;

import org.callbridge.hl7.SiuMapper;

import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Resolution order: UUID in the source, then the crosswalk by MRN; MRN by authority, type MR, or position. */
class PatientResolverTest {
    private static final String MARIA = "5b0c1a7e-0000-4000-8000-000000000001";
    private static final String GRACE = "5b0c1a7e-0000-4000-8000-000000000007";
    private static final ZonedDateTime START = ZonedDateTime.of(2026, 12, 2, 10, 30, 0, 0, ZoneId.of("America/Chicago"));
    private final Crosswalk crosswalk = Crosswalk.of(Map.of("100001", MARIA, "100007", "5b0c1a7e-0000-4000-8000-0000000000ff"));
    private final PatientResolver resolver = new PatientResolver(crosswalk, "CALLSAPI", "LSG");

    private static AppointmentEvent event(EventKind kind, String patientId, String mrn, PatientIdentifier... ids) {
        return new AppointmentEvent("mllp", "ref", "hl7", "A1", kind, List.of(ids), patientId, mrn, START, null,
                null, null, null, null, "1", null);
    }

    private static PatientIdentifier id(String value, String authority, String type) {
        return new PatientIdentifier(value, authority, type);
    }

    @Test
    void should_keep_a_patient_id_the_source_already_gave() {
        AppointmentEvent resolved = resolver.resolve(event(EventKind.NEW, GRACE, "100001"));

        assertThat(resolved.patientId()).isEqualTo(GRACE);
        assertThat(resolved.mrn()).isEqualTo("100001");
    }

    @Test
    void should_take_the_uuid_of_the_patient_id_authority_before_the_crosswalk() {
        AppointmentEvent resolved = resolver.resolve(event(EventKind.NEW, null, null,
                id("5B0C1A7E-0000-4000-8000-000000000007", "CALLSAPI", "PT"), id("100007", "LSG", "MR")));

        assertThat(resolved.patientId()).isEqualTo(GRACE);
        assertThat(resolved.mrn()).isEqualTo("100007");
    }

    @Test
    void should_look_the_mrn_of_the_configured_authority_up_in_the_crosswalk_wherever_it_is() {
        AppointmentEvent resolved = resolver.resolve(event(EventKind.NEW, null, null,
                id("100007", "EPI", "MR"), id("Z1", "LABNET", "PI"), id("100001", "LSG", "MR")));

        assertThat(resolved.patientId()).isEqualTo(MARIA);
        assertThat(resolved.mrn()).isEqualTo("100001");
    }

    @Test
    void should_take_the_first_mr_identifier_without_an_mrn_authority_else_the_first() {
        PatientResolver noAuthority = new PatientResolver(crosswalk, null, " ");

        assertThat(noAuthority.chooseMrn(List.of(id("E1", "EPI", "PI"), id("100001", "X", "MR"), id("100007", "Y", "MR"))))
                .isEqualTo("100001");
        assertThat(noAuthority.chooseMrn(List.of(id("E1", "EPI", "PI"), id("100001", "X", "PI")))).isEqualTo("E1");
        assertThat(noAuthority.resolve(event(EventKind.NEW, null, null, id("E1", "EPI", "PI"), id("100001", "X", "mr"))).patientId())
                .isEqualTo(MARIA);
    }

    @Test
    void should_use_the_csv_mrn_column_for_the_crosswalk() {
        AppointmentEvent resolved = resolver.resolve(event(EventKind.NEW, null, "100001", id("100001", null, "MR")));

        assertThat(resolved.patientId()).isEqualTo(MARIA);
    }

    @Test
    void should_reject_an_mrn_the_crosswalk_does_not_know_without_naming_it() {
        RejectedInputException e = catchThrowableOfType(RejectedInputException.class,
                () -> resolver.resolve(event(EventKind.NEW, null, null, id("100008", "LSG", "MR"))));

        assertThat(e.field()).isEqualTo("patient");
        assertThat(e).hasMessage("patient: no Calls API patient for the MRN in the crosswalk");
        assertThat(e.getMessage()).doesNotContain("100008");
    }

    @Test
    void should_reject_when_no_identifier_comes_from_the_mrn_authority() {
        RejectedInputException e = catchThrowableOfType(RejectedInputException.class,
                () -> resolver.resolve(event(EventKind.NEW, null, null, id("100001", "EPI", "MR"))));

        assertThat(e).hasMessage("patient: no PID-3 identifier with assigning authority LSG");
    }

    @Test
    void should_reject_a_patient_id_authority_value_that_is_not_a_uuid() {
        RejectedInputException e = catchThrowableOfType(RejectedInputException.class,
                () -> resolver.resolve(event(EventKind.NEW, null, null, id("12345", "CALLSAPI", "PT"), id("100001", "LSG", "MR"))));

        assertThat(e.field()).isEqualTo("PID-3");
        assertThat(e.getMessage()).doesNotContain("12345");
    }

    @Test
    void should_let_a_withdrawal_through_without_a_known_patient() {
        AppointmentEvent cancel = resolver.resolve(event(EventKind.CANCEL, null, null, id("100008", "LSG", "MR")));
        AppointmentEvent delete = resolver.resolve(event(EventKind.DELETE, null, null, id("junk", "CALLSAPI", "PT")));
        AppointmentEvent noShow = resolver.resolve(event(EventKind.NO_SHOW, null, null));

        assertThat(cancel.patientId()).isNull();
        assertThat(cancel.mrn()).isEqualTo("100008");
        assertThat(delete.patientId()).isNull();
        assertThat(noShow.patientId()).isNull();
    }

    @Test
    void should_resolve_the_sample_hl7_files_with_the_sample_crosswalk() {
        PatientResolver samples = new PatientResolver(Crosswalk.load(SampleData.path("crosswalk.csv"), "callbridge.patients.crosswalk"), "CALLSAPI", "LSG");
        SiuMapper mapper = new SiuMapper(SiuMapperConfig.defaults(ZoneId.of("America/Chicago")));

        AppointmentEvent jose = samples.resolve(mapper.map(SampleData.hl7Message("hl7/01-epic-new-v251-crlf-utf8.hl7"), "hl7-file", null));
        AppointmentEvent olivia = samples.resolve(mapper.map(SampleData.hl7Message("hl7/06-modify-arrived-v24.hl7"), "hl7-file", null));
        AppointmentEvent grace = samples.resolve(mapper.map(SampleData.hl7Messages("hl7/03-batch-fhs-bhs.hl7").get(3).text(), "hl7-file", null));
        AppointmentEvent henry = mapper.map(SampleData.hl7Message("hl7/09-unknown-patient-v25.hl7"), "hl7-file", null);

        assertThat(jose.patientId()).isEqualTo("5b0c1a7e-0000-4000-8000-000000000002");
        assertThat(jose.mrn()).isEqualTo("100002");
        assertThat(olivia.patientId()).isEqualTo("5b0c1a7e-0000-4000-8000-000000000009");
        assertThat(grace.patientId()).isEqualTo(GRACE);
        assertThat(catchThrowableOfType(RejectedInputException.class, () -> samples.resolve(henry)).field()).isEqualTo("patient");
    }
}
