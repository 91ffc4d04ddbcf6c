package org.callbridge.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.callbridge.CallbridgeRuntime;
import org.callbridge.store.Rejection;
import org.callbridge.testing.FreePorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A feed that sends one appointment id for different patients' cases (an ORSOS feed puts 'ADS' in SCH-1 of every
 * case and the case number in SCH-2): one patient's booking never becomes a reschedule of another's. The second
 * patient's event is refused with a reason that names the setting to check, counted, kept and listed as an alert;
 * with the right setting, both cases are stored apart.
 */
class AppointmentConflictTest {
    @TempDir
    Path work;

    private static String orsos(String caseNumber, String mrn, String controlId) {
        return "MSH|^~\\&|ORSOS|OR|CALLBRIDGE|CLINIC|20261125080000||SIU^S12|" + controlId + "|P|2.3\r"
                + "SCH|ADS|" + caseNumber + "|||||^Surgery||||^^^202612101000\r"
                + "PID|1||" + mrn + "^^^LSG^MR||Testperson^Ada\r";
    }

    private static String ack(int port, String message) throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.getOutputStream().write(Mllp.frame(message, true));
            return Mllp.readAcks(s, 1).get(0);
        }
    }

    @Test
    void should_refuse_a_second_patient_under_a_constant_placer_id_and_store_both_cases_apart_with_filler() throws Exception {
        int port = FreePorts.next();
        try (CallbridgeRuntime runtime = IngestTestRuntime.start(work.resolve("placer"), port)) {
            String first = ack(port, orsos("CASE-1", "100001", "OR-1"));
            String second = ack(port, orsos("CASE-2", "100002", "OR-2"));

            assertThat(Mllp.field(first, "MSA", 1)).isEqualTo("AA");
            assertThat(Mllp.field(second, "MSA", 1)).isEqualTo("AE");
            assertThat(Mllp.field(second, "MSA", 3)).contains("another patient").contains("callbridge.hl7.appointment-id");
            assertThat(second).contains("'ADS' is already stored for another patient");
            assertThat(runtime.events().latestFor("hl7|ADS").orElseThrow().event().mrn()).isEqualTo("100001");
            assertThat(runtime.counters().count("callbridge.appointment.conflicts", "source", "mllp")).isEqualTo(1.0);
            assertThat(runtime.posting().alerts().current().conflicts()).singleElement().satisfies(r -> {
                assertThat(r.category()).isEqualTo(Rejection.APPOINTMENT_CONFLICT);
                assertThat(r.sourceRef()).contains("MSH-10=OR-2");
                assertThat(Path.of(r.keptFile())).exists();
            });
        }

        var filler = IngestTestRuntime.settings(work.resolve("filler"), port).with(Map.of("callbridge.hl7.appointment-id", "filler"));
        try (CallbridgeRuntime runtime = new CallbridgeRuntime(filler, Clock.systemUTC())) {
            runtime.start();
            assertThat(Mllp.field(ack(port, orsos("CASE-1", "100001", "OR-1")), "MSA", 1)).isEqualTo("AA");
            assertThat(Mllp.field(ack(port, orsos("CASE-2", "100002", "OR-2")), "MSA", 1)).isEqualTo("AA");

            assertThat(runtime.events().latestFor("hl7|CASE-1")).isPresent();
            assertThat(runtime.events().latestFor("hl7|CASE-2")).isPresent();
            assertThat(runtime.posting().alerts().current().conflicts()).isEmpty();
        }
    }

    @Test
    void should_refuse_the_second_patient_of_one_id_in_an_hl7_file_and_in_a_csv_drop() throws Exception {
        try (CallbridgeRuntime runtime = IngestTestRuntime.start(work, FreePorts.next())) {
            Path hl7 = Files.createDirectories(work.resolve("inbox/hl7"));
            Path csv = Files.createDirectories(work.resolve("inbox/csv"));
            Files.writeString(work.resolve("orsos.hl7"), orsos("CASE-1", "100001", "F-1") + orsos("CASE-2", "100002", "F-2"));
            Files.move(work.resolve("orsos.hl7"), hl7.resolve("orsos.hl7"));
            Files.writeString(work.resolve("same-id.csv"), "appointment_id,mrn,patient_id,start,timezone,appointment_type,"
                    + "provider,location,status\nSAME,100001,,2026-12-10T10:00,America/New_York,Check-up,Dr. Cole,Main,booked\n"
                    + "SAME,100002,,2026-12-10T11:00,America/New_York,Check-up,Dr. Cole,Main,booked\n");
            Files.move(work.resolve("same-id.csv"), csv.resolve("same-id.csv"));

            await().atMost(Duration.ofSeconds(20)).until(() -> runtime.posting().alerts().current().conflicts().size() == 2);

            assertThat(runtime.posting().alerts().current().conflicts()).extracting(Rejection::reason)
                    .anySatisfy(reason -> assertThat(reason).contains("callbridge.hl7.appointment-id"))
                    .anySatisfy(reason -> assertThat(reason).contains("the appointment_id column"));
            assertThat(runtime.events().latestFor("hl7|ADS").orElseThrow().event().mrn()).isEqualTo("100001");
            assertThat(runtime.events().latestFor("csv:default|SAME").orElseThrow().event().mrn()).isEqualTo("100001");
            assertThat(runtime.counters().count("callbridge.appointment.conflicts", "source", "hl7-file")).isEqualTo(1.0);
            assertThat(runtime.counters().count("callbridge.appointment.conflicts", "source", "csv:default")).isEqualTo(1.0);
        }
    }
}
