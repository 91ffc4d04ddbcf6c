package org.callbridge.planning;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.callbridge.appointment.Uuids;
import org.callbridge.csv.CsvAppointmentReader;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The do-not-call file ({@code callbridge.do-not-call}): a CSV (UTF-8, with or without a byte order mark) whose header
 * holds a {@code patient_id} column, an {@code mrn} column or both; a patient listed by either is never called. Read
 * again within a second of a change, as the crosswalk is; a reload that fails keeps the last good list. No value of
 * the file is ever logged or put in a message. Thread-safe.
 */
public final class DoNotCallFile {
    static final String PATIENT_ID = "patient_id";
    static final String MRN = "mrn";
    private static final DoNotCallFile NONE = new DoNotCallFile(null, new Listed(Set.of(), Set.of()));

    /** Patient UUIDs in lower case, and MRNs as written, trimmed. */
    record Listed(Set<String> patientIds, Set<String> mrns) {
        Listed {
            patientIds = Set.copyOf(patientIds);
            mrns = Set.copyOf(mrns);
        }
    }

    private final WatchedFile<Listed> file;
    private final Listed fixed;

    private DoNotCallFile(WatchedFile<Listed> file, Listed fixed) {
        this.file = file;
        this.fixed = fixed;
    }

    /** Nobody is listed. */
    public static DoNotCallFile none() {
        return NONE;
    }

    /** A fixed list, no file (tests). */
    public static DoNotCallFile of(Set<String> patientIds, Set<String> mrns) {
        Set<String> ids = new HashSet<>();
        patientIds.forEach(id -> ids.add(id.trim().toLowerCase(Locale.ROOT)));
        Set<String> trimmed = new HashSet<>();
        mrns.forEach(m -> trimmed.add(m.trim()));
        return new DoNotCallFile(null, new Listed(ids, trimmed));
    }

    /**
     * Reads the file now and watches it from then on.
     *
     * @param setting the key that names the file, for messages
     * @throws IllegalArgumentException naming the key, the file and the line of the problem
     */
    public static DoNotCallFile load(Path file, String setting) {
        return load(file, setting, WatchedFile.RECHECK, System::nanoTime);
    }

    /** Reads the file now and looks at it again at most once per {@code recheck} of the given clock. */
    static DoNotCallFile load(Path file, String setting, Duration recheck, LongSupplier nanoTime) {
        return new DoNotCallFile(WatchedFile.load(file, setting, DoNotCallFile::read, recheck, nanoTime), null);
    }

    /**
     * True when the patient is listed: by Calls API patient id (compared as UUID text, without case) or by MRN (exactly,
     * trimmed). Either may be null.
     */
    public boolean listed(String patientId, String mrn) {
        Listed listed = file == null ? fixed : file.current();
        if (patientId != null && !patientId.isBlank()
                && listed.patientIds().contains(patientId.trim().toLowerCase(Locale.ROOT))) {
            return true;
        }
        return mrn != null && !mrn.isBlank() && listed.mrns().contains(mrn.trim());
    }

    /**
     * {@link #listed(String, String)}, and also true when an MRN the file lists maps to this patient id through
     * {@code patientIdOfMrn} (the crosswalk): a feed that sends only the patient id is stopped by an MRN line too.
     */
    public boolean listed(String patientId, String mrn, Function<String, Optional<String>> patientIdOfMrn) {
        if (listed(patientId, mrn)) {
            return true;
        }
        if (patientId == null || patientId.isBlank()) {
            return false;
        }
        Listed listed = file == null ? fixed : file.current();
        String id = patientId.trim();
        return listed.mrns().stream().anyMatch(m -> patientIdOfMrn.apply(m).filter(id::equalsIgnoreCase).isPresent());
    }

    /** Number of patient ids and MRNs listed. */
    public int size() {
        Listed listed = file == null ? fixed : file.current();
        return listed.patientIds().size() + listed.mrns().size();
    }

    static Listed read(Path file) throws IOException {
        Set<String> ids = new HashSet<>();
        Set<String> mrns = new HashSet<>();
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
                .setIgnoreHeaderCase(true).setIgnoreEmptyLines(true).setAllowMissingColumnNames(true).get();
        try (Reader reader = CsvAppointmentReader.withoutByteOrderMark(Files.newBufferedReader(file, StandardCharsets.UTF_8));
             CSVParser parser = CSVParser.builder().setReader(reader).setFormat(format).get()) {
            boolean hasIds = parser.getHeaderMap().containsKey(PATIENT_ID);
            boolean hasMrns = parser.getHeaderMap().containsKey(MRN);
            if (!hasIds && !hasMrns) {
                throw new IllegalArgumentException("line 1: the header needs a patient_id or an mrn column");
            }
            for (CSVRecord row : parser) {
                String id = hasIds && row.isSet(PATIENT_ID) ? row.get(PATIENT_ID).trim() : "";
                String mrn = hasMrns && row.isSet(MRN) ? row.get(MRN).trim() : "";
                if (!id.isEmpty()) {
                    if (!Uuids.isUuid(id)) {
                        throw new IllegalArgumentException("line " + parser.getCurrentLineNumber()
                                + ": patient_id is not a Calls API patient UUID");
                    }
                    ids.add(Uuids.canonical(id).toLowerCase(Locale.ROOT));
                }
                if (!mrn.isEmpty()) {
                    mrns.add(mrn);
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (IllegalStateException e) {
            // Commons CSV: a malformed quote, a header named twice
            throw new IllegalArgumentException("not a readable CSV file (" + e.getClass().getSimpleName() + ")");
        }
        return new Listed(ids, mrns);
    }
}
