package org.callbridge.results;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.callbridge.json.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one JSON file per ended call, {@code <reportsDir>/calls/<yyyy-mm-dd>/<callId>.json} (date of
 * {@code ended_at} in UTC), holding {@link CallReport#toJson()}. Each write replaces the file atomically, so writing
 * the same report again leaves one file with the same content. Thread-safe.
 */
public final class JsonReportWriter {
    private static final Logger LOG = LoggerFactory.getLogger(JsonReportWriter.class);
    // the id comes from the remote API and becomes a file name: nothing that could climb out of the folder
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");

    private final Path reportsDir;

    public JsonReportWriter(Path reportsDir) {
        this.reportsDir = reportsDir.toAbsolutePath().normalize();
    }

    /** Writes (or rewrites) the report's file and returns its path. */
    public Path write(CallReport report) {
        Path target = pathOf(report);
        try {
            byte[] content = Json.pretty().writeValueAsBytes(report.toJson());
            AtomicFiles.write(reportsDir, target, content);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the JSON report of call " + report.callId(), e);
        }
        LOG.debug("JSON report written for call {}", report.callId());
        return target;
    }

    /** Where the report goes; rejects a call id that is not a plain token. */
    public Path pathOf(CallReport report) {
        String id = requireSafeId(report.callId());
        return reportsDir.resolve("calls").resolve(report.endedDate().toString()).resolve(id + ".json");
    }

    /** The id when it is 1 to 64 letters, digits or hyphens, else IllegalArgumentException. */
    static String requireSafeId(String callId) {
        if (callId == null || !SAFE_ID.matcher(callId).matches()) {
            // a bad id may be any text, so it is not echoed
            throw new IllegalArgumentException("call id is not a token of 1 to 64 letters, digits or hyphens");
        }
        return callId;
    }
}
