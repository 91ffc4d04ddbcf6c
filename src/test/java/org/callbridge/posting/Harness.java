package org.callbridge.posting;

import org.callbridge.callsapi.CallsApi;

import org.callbridge.config.Keys;
import org.callbridge.config.Configuration;
import org.callbridge.config.Settings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.callbridge.appointment.AppointmentEvent;
import org.callbridge.store.BatchState;
import org.callbridge.store.BatchStore;
import org.callbridge.store.CallState;
import org.callbridge.store.CallStore;
import org.callbridge.store.Database;
import org.callbridge.store.EventStore;
import org.callbridge.store.PlannedCall;

/** A state database in a test directory and posting engines on it, as the application would wire them. */
public final class Harness implements AutoCloseable {
    public static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    final Path dir;
    final Clock clock;
    final Database db;
    public final EventStore events;
    public final CallStore calls;
    final BatchStore batches;

    public Harness(Path dir, Clock clock) {
        this.dir = dir;
        this.clock = clock;
        this.db = Database.open(url(dir), "sa", "");
        this.events = new EventStore(db, clock);
        this.calls = new CallStore(db, clock);
        this.batches = new BatchStore(db, clock);
    }

    static String url(Path dir) {
        return Database.h2FileUrl(dir.resolve("state").toAbsolutePath());
    }

    /** Settings for fast tests: whole week 08:00-21:00 in New York, no waiting, short retries. */
    static Map<String, String> settings(Path reportsDir) {
        Map<String, String> props = new HashMap<>();
        props.put("callbridge.agent-id", Clinic.AGENT);
        props.put("callbridge.calling-window", "08:00-21:00");
        props.put("callbridge.calling-days", "MON-SUN");
        props.put("callbridge.timezone", NEW_YORK.getId());
        props.put("callbridge.reminder.offset", "P1D");
        props.put("callbridge.reminder.min-lead", "PT1H");
        props.put("callbridge.post-ahead", "PT12H");
        // these tests place several calls to one patient; the caps have tests of their own
        props.put(Keys.CAPS_PER_DAY.key(), "0");
        props.put(Keys.CAPS_PER_WEEK.key(), "0");
        props.put(Keys.BATCH_MAX_WAIT.key(), "PT0S");
        props.put(Keys.BATCH_PARK_RETRY.key(), "PT5M");
        props.put(Keys.BATCH_SETTLE_TIME.key(), "PT0S");
        props.put(Keys.POST_RETRY_MAX_ATTEMPTS.key(), "3");
        props.put(Keys.POST_RETRY_INITIAL_BACKOFF.key(), "PT0.001S");
        props.put(Keys.POST_RETRY_MAX_BACKOFF.key(), "PT0.02S");
        props.put(Keys.REPORTS_DIR.key(), reportsDir.toString());
        return props;
    }

    PostingEngine engine(CallsApi api) {
        return engine(api, Map.of());
    }

    /** A fresh engine on this database, as after a restart. */
    PostingEngine engine(CallsApi api, Map<String, String> overrides) {
        Map<String, String> props = settings(dir.resolve("reports"));
        props.putAll(overrides);
        return PostingEngine.create(db, Configuration.policy(props), Configuration.posting(props), api, clock);
    }

    public long append(AppointmentEvent event) {
        return events.append(event).id();
    }

    public PlannedCall live(String appointmentId) {
        return calls.liveCall("hl7|" + appointmentId).orElseThrow();
    }

    public List<PlannedCall> callsOf(String appointmentId) {
        return calls.callsFor("hl7|" + appointmentId);
    }

    /** Nothing left to do now: no event waiting, no batch unfinished, no due call unposted. */
    boolean settled() {
        return events.eventsInState(EventStore.RECEIVED, 1).isEmpty()
                && batches.batchesIn(BatchState.OPEN).isEmpty()
                && batches.batchesIn(BatchState.SENDING).isEmpty()
                && batches.batchesIn(BatchState.PARKED).isEmpty()
                && calls.duePending(1).isEmpty()
                && calls.callsInState(CallState.BATCHED).isEmpty();
    }

    @Override
    public void close() {
        db.close();
    }
}
