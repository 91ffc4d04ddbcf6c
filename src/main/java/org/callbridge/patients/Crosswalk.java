package org.callbridge.patients;

import org.callbridge.appointment.Uuids;

import org.callbridge.csv.CsvAppointmentReader;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The crosswalk CSV ({@code source_id,patient_id}): source patient ids (MRNs, chart numbers) to
 * Calls API patient UUIDs. The file is reloaded when its modification time or size changes,
 * checked at a lookup at most once per {@link #RECHECK} (a check is a file-system call, and a busy
 * feed looks up several patients a millisecond); a reload that fails keeps the last good table.
 * Thread-safe.
 */
public final class Crosswalk {
    private static final Logger LOG = LoggerFactory.getLogger(Crosswalk.class);
    /** How long a lookup trusts the last check of the file. */
    static final Duration RECHECK = Duration.ofSeconds(1);

    private record Table(FileTime modified, long size, Map<String, String> patientIds) {
    }

    private final Path file;
    private final long recheckNanos;
    private final LongSupplier nanoTime;
    private volatile Table table;
    private volatile long checkedAt;

    private Crosswalk(Path file, Table table, Duration recheck, LongSupplier nanoTime) {
        this.file = file;
        this.table = table;
        this.recheckNanos = recheck.toNanos();
        this.nanoTime = nanoTime;
        this.checkedAt = nanoTime.getAsLong();
    }

    /**
     * Loads the file now and watches it from then on.
     *
     * @param setting the key that names the file, for the message
     * @throws IllegalArgumentException when the file is missing, unreadable or has no source_id/patient_id header
     */
    public static Crosswalk load(Path file, String setting) {
        return load(file, setting, RECHECK, System::nanoTime);
    }

    /** Loads the file now and checks it again at most once per {@code recheck} of the given clock. */
    static Crosswalk load(Path file, String setting, Duration recheck, LongSupplier nanoTime) {
        try {
            return new Crosswalk(file, read(file), recheck, nanoTime);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(setting + ": cannot read " + file + " (" + e.getMessage() + ")");
        }
    }

    /** A fixed table, for tests and for deployments without a crosswalk. */
    public static Crosswalk of(Map<String, String> patientIds) {
        return new Crosswalk(null, new Table(null, 0, Map.copyOf(patientIds)), RECHECK, System::nanoTime);
    }

    /** The Calls API patient UUID of a source id, after reloading the file if it changed. */
    public Optional<String> patientIdFor(String sourceId) {
        if (sourceId == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(current().patientIds().get(sourceId.trim()));
    }

    /** Number of source ids in the current table. */
    public int size() {
        return current().patientIds().size();
    }

    private Table current() {
        Table loaded = table;
        if (file == null) {
            return loaded;
        }
        long now = nanoTime.getAsLong();
        if (now - checkedAt < recheckNanos) {
            return loaded;
        }
        checkedAt = now;
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            if (attributes.lastModifiedTime().equals(loaded.modified()) && attributes.size() == loaded.size()) {
                return loaded;
            }
            synchronized (this) {
                if (table == loaded) {
                    table = read(file);
                }
                return table;
            }
        } catch (IOException | RuntimeException e) {
            // e.g. the file is being replaced: keep answering from the last good table
            LOG.warn("crosswalk {} not reloaded, keeping {} entries: {}", file, loaded.patientIds().size(), e.getClass().getSimpleName());
            return loaded;
        }
    }

    private static Table read(Path file) throws IOException {
        BasicFileAttributes before = Files.readAttributes(file, BasicFileAttributes.class);
        Map<String, String> ids = new HashMap<>();
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
                .setIgnoreHeaderCase(true).setIgnoreEmptyLines(true).get();
        try (Reader reader = CsvAppointmentReader.withoutByteOrderMark(Files.newBufferedReader(file, StandardCharsets.UTF_8));
             CSVParser parser = CSVParser.builder().setReader(reader).setFormat(format).get()) {
            if (!parser.getHeaderMap().containsKey("source_id") || !parser.getHeaderMap().containsKey("patient_id")) {
                throw new IllegalArgumentException("header must be source_id,patient_id");
            }
            for (CSVRecord row : parser) {
                String sourceId = row.isSet("source_id") ? row.get("source_id") : "";
                String patientId = row.isSet("patient_id") ? row.get("patient_id") : "";
                if (sourceId.isEmpty() || !Uuids.isUuid(patientId)) {
                    LOG.warn("crosswalk {} line {} skipped: needs a source_id and a UUID patient_id", file, parser.getCurrentLineNumber());
                    continue;
                }
                ids.put(sourceId, Uuids.canonical(patientId));
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return new Table(before.lastModifiedTime(), before.size(), Map.copyOf(ids));
    }
}
