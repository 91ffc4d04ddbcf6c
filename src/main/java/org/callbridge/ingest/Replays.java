package org.callbridge.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.callbridge.appointment.SourceRefs;
import org.callbridge.csv.CsvFeedConfig;
import org.callbridge.csv.CsvReadSummary;
import org.callbridge.store.OpsQueries.RejectedInput;

/**
 * Puts a rejected input through intake again, once its cause is fixed (a crosswalk entry added, a setting changed):
 * an HL7 input is the message kept in the rejected folder, read as an HL7 file is; a rejected CSV row is its whole
 * original file, found under its feed's {@code processed/}, read as a dropped file is: the copy moved there first once
 * the row was rejected (a feed exported under the same name every day has one copy a day), and a row rejected again by
 * a replay names that copy itself. Dedup keeps every event that
 * was already stored from being stored twice, so a replay can be repeated safely. Files are only read inside the
 * rejected folder and the feeds' processed folders, never through a symbolic link.
 */
public final class Replays {
    /** Larger kept inputs are not read back into memory for a replay or a look. */
    static final long MAX_BYTES = 16L << 20;
    private static final DateTimeFormatter PROCESSED_STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS");

    private final Hl7Intake hl7;
    private final CsvIntake csv;
    private final Path rejectedRoot;
    private final Map<String, CsvFeedConfig> feeds;
    private final Clock planningClock;
    private final ZoneId processedZone;

    /**
     * @param planningClock the clock that stamps rejections
     * @param processedZone the zone of the processed copies' names, which {@link InboxFiles} gives on the system clock
     */
    public Replays(Hl7Intake hl7, CsvIntake csv, Path rejectedRoot, List<CsvFeedConfig> feeds, Clock planningClock,
            ZoneId processedZone) {
        this.hl7 = hl7;
        this.csv = csv;
        this.rejectedRoot = rejectedRoot.toAbsolutePath().normalize();
        this.feeds = feeds.stream().collect(java.util.stream.Collectors.toMap(CsvFeedConfig::feedName, f -> f));
        this.planningClock = planningClock;
        this.processedZone = processedZone;
    }

    /** Why this input cannot be replayed, or empty when it can. */
    public Optional<String> notReplayable(RejectedInput input) {
        try {
            input(input);
            return Optional.empty();
        } catch (NotReplayable e) {
            return Optional.of(e.getMessage());
        }
    }

    /** The input as received (patient data: only for a signed-in person who asked for it). */
    public byte[] raw(RejectedInput input) {
        Source source = input(input);
        if (source.csvFeed() == null) {
            return read(source.file());
        }
        long line = SourceRefs.csvLine(input.sourceRef());
        try (PushbackReader reader = new PushbackReader(new BufferedReader(new InputStreamReader(
                Files.newInputStream(source.file(), LinkOption.NOFOLLOW_LINKS), StandardCharsets.UTF_8)))) {
            StringBuilder out = new StringBuilder();
            line(reader, out);
            out.append('\n');
            boolean more = true;
            for (long n = 2; n < line && more; n++) {
                more = line(reader, null);
            }
            if (line > 1 && more && line(reader, out)) {
                out.append('\n');
            }
            return out.toString().getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + source.file().getFileName(), e);
        }
    }

    /**
     * Reads a line (ended by LF, CR or CRLF) into {@code out}, or past it when {@code out} is null; false at the end
     * of the input. What is kept stays within {@link #MAX_BYTES} characters: a file without line breaks is not read
     * into memory to be shown.
     */
    private static boolean line(PushbackReader in, StringBuilder out) throws IOException {
        int c = in.read();
        if (c < 0) {
            return false;
        }
        while (c >= 0 && c != '\n' && c != '\r') {
            if (out != null) {
                if (out.length() >= MAX_BYTES) {
                    throw new NotReplayable("the line is longer than " + (MAX_BYTES >> 20) + " Mi characters; it is not shown");
                }
                out.append((char) c);
            }
            c = in.read();
        }
        if (c == '\r') {
            int next = in.read();
            if (next >= 0 && next != '\n') {
                in.unread(next);
            }
        }
        return true;
    }

    /** Replays the input; returns what intake made of it, in words. */
    public String replay(RejectedInput input) {
        Source source = input(input);
        if (source.csvFeed() == null) {
            Hl7Intake.FileSummary summary = hl7.acceptFile(read(source.file()), "replay-" + input.id() + ".hl7");
            return "HL7: " + summary.messages() + " message(s), " + summary.stored() + " stored, " + summary.duplicates()
                    + " already stored, " + summary.rejected() + " rejected";
        }
        try (InputStream in = Files.newInputStream(source.file(), LinkOption.NOFOLLOW_LINKS)) {
            // under the copy's own name, so that a row rejected again is shown from this very copy
            CsvReadSummary summary = csv.acceptFile(in, source.file().getFileName().toString(), source.csvFeed());
            return "CSV: " + summary.rows() + " row(s), " + summary.accepted() + " stored or already stored, "
                    + summary.rejected() + " rejected";
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + source.file().getFileName(), e);
        }
    }

    private record Source(Path file, String csvFeed) {
    }

    private Source input(RejectedInput input) {
        String source = input.source();
        if (source.equals("mllp") || source.equals("hl7-file")) {
            if (input.keptFile() == null) {
                throw new NotReplayable("nothing of this input was kept");
            }
            return new Source(inside(rejectedRoot, Path.of(input.keptFile())), null);
        }
        if (source.startsWith("csv:")) {
            String feed = source.substring("csv:".length());
            CsvFeedConfig config = feeds.get(feed);
            if (config == null) {
                throw new NotReplayable("the CSV feed " + feed + " is not configured any more");
            }
            if (SourceRefs.csvLine(input.sourceRef()) == 0) {
                // the whole file was rejected unread: it is the kept file
                if (input.keptFile() == null) {
                    throw new NotReplayable("nothing of this input was kept");
                }
                return new Source(inside(rejectedRoot, Path.of(input.keptFile())), feed);
            }
            return new Source(processed(config.inbox(), fileName(input.sourceRef()), input.receivedAt()), feed);
        }
        throw new NotReplayable("inputs of " + source + " are not replayed");
    }

    /**
     * The processed copy a CSV row was rejected from: of the copies of {@code fileName}
     * ({@code processed/<day>/<base>-<HHmmssSSS><ext>}), the first one moved there once the row was rejected; or the
     * copy named {@code fileName} itself, when a replay of that copy rejected the row again.
     */
    private Path processed(Path inbox, String fileName, Instant rejectedAt) {
        Path processed = inbox.toAbsolutePath().normalize().resolve("processed");
        int dot = fileName.lastIndexOf('.');
        String base = dot <= 0 ? fileName : fileName.substring(0, dot);
        String ext = dot <= 0 ? "" : fileName.substring(dot);
        Pattern name = Pattern.compile(Pattern.quote(base) + "-(\\d{9})" + Pattern.quote(ext));
        if (!Files.isDirectory(processed, LinkOption.NOFOLLOW_LINKS)) {
            throw new NotReplayable("the original file is no longer kept under processed/");
        }
        // rejections are stamped on the planning clock, processed copies named on the system clock
        Instant rejected = (rejectedAt == null ? Instant.EPOCH : rejectedAt)
                .plus(Duration.between(planningClock.instant(), Instant.now())).truncatedTo(ChronoUnit.MILLIS);
        try (Stream<Path> files = Files.walk(processed, 2)) {
            List<Path> copies = files.filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)).toList();
            Optional<Path> first = copies.stream()
                    .filter(f -> movedAt(f, name).filter(at -> !at.isBefore(rejected)).isPresent())
                    .min(Comparator.comparing(f -> movedAt(f, name).orElseThrow()));
            return first.or(() -> copies.stream().filter(f -> !f.getParent().equals(processed))
                            .filter(f -> f.getFileName().toString().equals(fileName)).findFirst())
                    .orElseThrow(() -> new NotReplayable("the original file is no longer kept under processed/"));
        } catch (IOException e) {
            throw new NotReplayable("processed/ cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** When a processed copy of the name {@code name} matches was moved there, from its day folder and its name. */
    private Optional<Instant> movedAt(Path copy, Pattern name) {
        Matcher m = name.matcher(copy.getFileName().toString());
        if (!m.matches() || copy.getParent() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDateTime.parse(copy.getParent().getFileName() + m.group(1), PROCESSED_STAMP)
                    .atZone(processedZone).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static String fileName(String csvRowRef) {
        int colon = csvRowRef.lastIndexOf(':');
        return colon < 0 ? csvRowRef : csvRowRef.substring(0, colon);
    }

    private static Path inside(Path root, Path file) {
        Path normal = file.toAbsolutePath().normalize();
        if (!normal.startsWith(root) || normal.equals(root)) {
            throw new NotReplayable("the kept input is outside the rejected folder");
        }
        // the root may be a link (an administrator chose it); nothing below it may be, neither a folder nor the file
        Path at = root;
        for (Path part : root.relativize(normal)) {
            at = at.resolve(part);
            if (Files.isSymbolicLink(at)) {
                throw new NotReplayable("a symbolic link is never read");
            }
        }
        if (!Files.isRegularFile(normal, LinkOption.NOFOLLOW_LINKS)) {
            throw new NotReplayable("the kept input is no longer there");
        }
        return normal;
    }

    private static byte[] read(Path file) {
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            byte[] content = in.readNBytes((int) MAX_BYTES + 1);
            if (content.length > MAX_BYTES) {
                throw new NotReplayable("the kept input is larger than " + (MAX_BYTES >> 20) + " MiB");
            }
            return content;
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + file.getFileName(), e);
        }
    }

    /** The input cannot be replayed; the message says why. */
    public static final class NotReplayable extends RuntimeException {
        NotReplayable(String reason) {
            super(reason);
        }
    }
}
