package org.callbridge.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Synthetic ingest input for the benches: distinct SIU^S12 messages, HL7 files and a default-layout
 * CSV. Patients are the fictional ones of {@code sample-data/crosswalk.csv} (authority LSG), every
 * appointment falls in December 2026, and every appointment id is distinct, so each message or row
 * becomes a new event.
 */
final class IngestData {
    static final Path CROSSWALK = Path.of("sample-data", "crosswalk.csv");
    static final String CSV_HEADER = "appointment_id,mrn,patient_id,start,timezone,appointment_type,provider,location,status";

    private static final String[][] VISITS = {
            {"PCP^Annual wellness visit", "FAMMED^^^LSG^^^^^Lakeside Family Medicine", "D3100^Cole^Hannah^^^Dr."},
            {"CARDFU^Cardiology follow-up", "CARD^^^LSG^^^^^Lakeside Cardiology", "D2001^Hart^Evelyn^^^Dr.^MD"},
            {"DERM^Dermatology consult", "DERM^^^LSG^^^^^Lakeside Dermatology", "D5120^Haddad^Amir^^^Dr."},
            {"LAB^Fasting lab draw", "LAB^^^LSG^^^^^Lakeside Lab", "N4410^Ruiz^Carmen^^^^NP"},
    };
    private static final String[][] CSV_VISITS = {
            {"Annual physical", "Dr. Hannah Cole", "\"Lakeside Family Medicine, Suite 200\""},
            {"Follow-up visit", "Dr. Evelyn Hart", "Lakeside Cardiology"},
            {"Lab work", "\"Ruiz, Carmen (NP)\"", "Lakeside Lab"},
            {"Dermatology consult", "Dr. Amir Haddad", "Lakeside Dermatology"},
    };

    private final List<String> mrns = new ArrayList<>();
    private final List<String> patientIds = new ArrayList<>();

    private IngestData(Path crosswalk) {
        try {
            for (String line : Files.readAllLines(crosswalk, StandardCharsets.UTF_8)) {
                String[] cells = line.split(",");
                // the LSG MRNs (1000xx); the crosswalk's other ids are vendor chart numbers
                if (cells.length == 2 && cells[0].matches("1000\\d\\d")) {
                    mrns.add(cells[0]);
                    patientIds.add(cells[1]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (mrns.isEmpty()) {
            throw new IllegalStateException("no LSG MRN in " + crosswalk);
        }
    }

    static IngestData fromSampleCrosswalk() {
        return new IngestData(CROSSWALK);
    }

    /**
     * SIU^S12 number {@code i} of a series: MSH-10 {@code <prefix>-<i>}, SCH-1 {@code <prefix>-APPT-<i>},
     * an LSG MRN of the crosswalk, a start in December 2026 (TQ1-7). Segments end with CR.
     */
    String siu(String prefix, int i) {
        String[] visit = VISITS[i % VISITS.length];
        int day = 1 + i % 31;
        int hour = 8 + (i / 31) % 10;
        int minute = 15 * ((i / 310) % 4);
        String start = String.format("202612%02d%02d%02d00", day, hour, minute);
        return "MSH|^~\\&|LSGSCHED|LSG|CALLBRIDGE|LSG|20261125080000||SIU^S12^SIU_S12|" + prefix + "-" + i + "|P|2.5\r"
                + "SCH|" + prefix + "-APPT-" + i + "^LSGSCHED||||||" + visit[0] + "||30|MIN|||||||||||||||Booked\r"
                + "TQ1|1||||||" + start + "\r"
                + "PID|1||" + mrns.get(i % mrns.size()) + "^^^LSG^MR||Testperson^Ada||19580314|F|||||^PRN^PH^^1^555^5550101\r"
                + "RGS|1|A\r"
                + "AIL|1||" + visit[1] + "\r"
                + "AIP|1||" + visit[2] + "\r";
    }

    /** Messages {@code from} to {@code from + count - 1} of a series. */
    List<String> sius(String prefix, int from, int count) {
        List<String> out = new ArrayList<>(count);
        for (int i = from; i < from + count; i++) {
            out.add(siu(prefix, i));
        }
        return out;
    }

    /**
     * HL7 file number {@code file} of a series, {@code perFile} messages: even files are an FHS/BHS
     * batch with CR separators, odd files plain concatenated messages with CRLF separators.
     */
    byte[] hl7File(String prefix, int file, int perFile) {
        StringBuilder out = new StringBuilder(perFile * 520);
        boolean batch = file % 2 == 0;
        String eol = batch ? "\r" : "\r\n";
        if (batch) {
            out.append("FHS|^~\\&|LSGSCHED|LSG|CALLBRIDGE|LSG|20261125100500||||").append(prefix).append("-FILE-").append(file).append(eol);
            out.append("BHS|^~\\&|LSGSCHED|LSG|CALLBRIDGE|LSG|20261125100500||||").append(prefix).append("-BATCH-").append(file).append(eol);
        }
        for (int i = file * perFile; i < (file + 1) * perFile; i++) {
            out.append(batch ? siu(prefix, i) : siu(prefix, i).replace("\r", "\r\n"));
        }
        if (batch) {
            out.append("BTS|").append(perFile).append(eol).append("FTS|1").append(eol);
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Writes a default-layout CSV of {@code rows} rows to {@code file}, streamed. Rows alternate
     * between an LSG MRN and a Calls API {@code patient_id}; every third names its zone; some cells
     * are quoted (a comma inside); one row in 50 is a cancellation.
     */
    void writeCsv(Path file, int rows) {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(CSV_HEADER);
            out.write('\n');
            StringBuilder row = new StringBuilder(160);
            for (int i = 0; i < rows; i++) {
                String[] visit = CSV_VISITS[i % CSV_VISITS.length];
                int patient = (i / 2) % mrns.size();
                row.setLength(0);
                row.append("C-").append(i).append(',');
                row.append(i % 2 == 0 ? mrns.get(patient) : "").append(',');
                row.append(i % 2 == 0 ? "" : patientIds.get(patient)).append(',');
                row.append(String.format("2026-12-%02dT%02d:%02d:00", 1 + i % 31, 8 + (i / 31) % 10, 15 * ((i / 310) % 4))).append(',');
                row.append(i % 3 == 0 ? "America/Chicago" : "").append(',');
                row.append(visit[0]).append(',').append(visit[1]).append(',').append(visit[2]).append(',');
                row.append(i % 50 == 0 ? "cancelled" : "booked").append('\n');
                out.append(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
