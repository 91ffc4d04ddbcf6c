package org.callbridge.ingest;

import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.callbridge.CallbridgeRuntime;
import org.callbridge.config.Settings;
import org.callbridge.testing.FreePorts;

/** Settings for a runtime in a temporary work directory, with the sample crosswalk and vendor feed. */
public final class IngestTestRuntime {
    private IngestTestRuntime() {
    }

    public static Settings settings(Path work, int mllpPort) {
        Map<String, String> values = new HashMap<>();
        values.put("callbridge.state.url", "jdbc:h2:file:" + work.resolve("state/callbridge").toAbsolutePath()
                + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0");
        values.put("callbridge.hl7.mllp.port", Integer.toString(mllpPort));
        values.put("callbridge.api.url", "http://127.0.0.1:9");
        values.put("callbridge.api.key", "ingest-test-key");
        values.put("callbridge.poll.interval", "PT1H");
        values.put("callbridge.management.port", Integer.toString(FreePorts.next()));
        values.put("callbridge.hl7.mllp.max-message-bytes", "65536");
        values.put("callbridge.inbox.hl7", work.resolve("inbox/hl7").toString());
        values.put("callbridge.inbox.csv", work.resolve("inbox/csv").toString());
        values.put("callbridge.inbox.poll-delay-millis", "100");
        values.put("callbridge.rejected.dir", work.resolve("rejected").toString());
        values.put("callbridge.reports.dir", work.resolve("reports").toString());
        values.put("callbridge.patients.crosswalk", "sample-data/crosswalk.csv");
        values.put("callbridge.patients.mrn-authority", "LSG");
        values.put("callbridge.timezone", "America/New_York");
        values.put("callbridge.csv.feeds", "dentrix");
        values.put("callbridge.csv.dentrix.inbox", work.resolve("inbox/dentrix").toString());
        values.put("callbridge.csv.dentrix.delimiter", ";");
        values.put("callbridge.csv.dentrix.column.appointment-id", "Appt ID");
        values.put("callbridge.csv.dentrix.column.mrn", "Chart #");
        values.put("callbridge.csv.dentrix.column.start-date", "Appt Date");
        values.put("callbridge.csv.dentrix.column.start-time", "Appt Time");
        values.put("callbridge.csv.dentrix.column.appointment-type", "Visit Type");
        values.put("callbridge.csv.dentrix.column.provider", "Provider");
        values.put("callbridge.csv.dentrix.column.location", "Department");
        values.put("callbridge.csv.dentrix.column.status", "Status");
        values.put("callbridge.csv.dentrix.date-format", "MM/dd/yyyy");
        values.put("callbridge.csv.dentrix.time-format", "h:mm a");
        values.put("callbridge.csv.dentrix.cancelled-values", "Cancelled,Canceled,X");
        values.put("callbridge.csv.dentrix.timezone", "America/Chicago");
        return Settings.load(null, Map.of()).with(values);
    }

    static CallbridgeRuntime start(Path work, int mllpPort) throws Exception {
        CallbridgeRuntime runtime = new CallbridgeRuntime(settings(work, mllpPort), Clock.systemUTC());
        runtime.start();
        return runtime;
    }
}
