package org.callbridge;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.callbridge.appointment.AppointmentIdPreference;
import org.callbridge.appointment.Crosswalk;
import org.callbridge.appointment.CsvFeedConfig;
import org.callbridge.appointment.PatientResolver;
import org.callbridge.appointment.SiuMapper;
import org.callbridge.appointment.SiuMapperConfig;
import org.callbridge.ingest.CsvIntake;
import org.callbridge.ingest.Hl7Intake;
import org.callbridge.ingest.IntakeCounters;
import org.callbridge.ingest.MllpFrames;
import org.callbridge.ingest.RejectedFolder;
import org.callbridge.planning.PatientZones;
import org.callbridge.store.Database;
import org.callbridge.store.EventStore;

/**
 * Builds the beans from the settings and runs the routes of {@code routes/} on Camel Main.
 * The one place where configuration becomes objects.
 */
public final class CallbridgeRuntime implements AutoCloseable {
    private final Settings settings;
    private final Clock clock;
    private final Database database;
    private final EventStore events;
    private final MeterRegistry meters = new SimpleMeterRegistry();
    private final IntakeCounters counters = new IntakeCounters(meters);
    private final Main main = new Main();
    private final List<CsvFeedConfig> feeds;

    public CallbridgeRuntime(Settings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        ZoneId zone = defaultZone(settings);
        this.feeds = csvFeeds(settings, zone);
        this.database = Database.open(settings.require("callbridge.state.url"), settings.get("callbridge.state.user"),
                settings.get("callbridge.state.password"));
        this.events = new EventStore(database, clock);
        RejectedFolder rejected = new RejectedFolder(Path.of(settings.require("callbridge.rejected.dir")), clock);
        PatientResolver resolver = new PatientResolver(crosswalk(settings), settings.get("callbridge.patients.id-authority"),
                settings.get("callbridge.patients.mrn-authority"));
        Map<String, ZoneId> locations = PatientZones.parseLocations("callbridge.location-timezones",
                settings.get("callbridge.location-timezones") == null ? "" : settings.get("callbridge.location-timezones"));
        SiuMapper mapper = new SiuMapper(new SiuMapperConfig(
                AppointmentIdPreference.parse(settings.require("callbridge.hl7.appointment-id")), locations, zone));
        Charset hl7Charset = Charset.forName(settings.require("callbridge.hl7.charset"));

        main.bind("hl7Intake", new Hl7Intake(mapper, resolver, events, rejected, hl7Charset, counters));
        main.bind("csvIntake", new CsvIntake(feeds, resolver, events, rejected, counters));
        main.bind("mllpFrameDecoder", MllpFrames.frameDecoder(settings.integer("callbridge.hl7.mllp.max-message-bytes")));
        main.bind("mllpBytesDecoder", MllpFrames.bytesDecoder());
        main.bind("mllpEncoder", MllpFrames.encoder());
        main.setInitialProperties(settings.asProperties());
        main.addInitialProperty("camel.main.name", "callbridge");
        main.addInitialProperty("camel.main.routes-include-pattern", routesPattern());
        main.addInitialProperty("camel.main.shutdown-timeout", "10");
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterConfigure(BaseMainSupport support) {
                addCsvRoutes(support);
            }
        });
    }

    /** Starts the routes and returns once they run. */
    public void start() throws Exception {
        main.start();
    }

    /** Runs until the JVM is asked to stop. */
    public void runUntilStopped() throws Exception {
        main.run();
    }

    public EventStore events() {
        return events;
    }

    public Database database() {
        return database;
    }

    public IntakeCounters counters() {
        return counters;
    }

    public Main main() {
        return main;
    }

    @Override
    public void close() {
        try {
            main.stop();
        } catch (Exception e) {
            // closing the database below matters more than a clean route shutdown
        } finally {
            database.close();
        }
    }

    private void addCsvRoutes(BaseMainSupport support) {
        try {
            for (CsvFeedConfig feed : feeds) {
                TemplatedRouteBuilder.builder(support.getCamelContext(), "csv-files-to-outbox")
                        .routeId("csv-files-to-outbox-" + feed.feedName())
                        .parameter("feed", feed.feedName())
                        .parameter("inbox", feed.inbox().toString())
                        .add();
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot create the CSV feed routes: " + e.getMessage(), e);
        }
    }

    private static String routesPattern() {
        return Files.isDirectory(Path.of("routes")) ? "file:routes/*.camel.yaml" : "classpath:routes/*.camel.yaml";
    }

    static ZoneId defaultZone(Settings settings) {
        String zone = settings.get("callbridge.timezone");
        try {
            return zone == null ? ZoneId.systemDefault() : ZoneId.of(zone);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("callbridge.timezone is not a time zone id (e.g. America/New_York): " + zone);
        }
    }

    static List<CsvFeedConfig> csvFeeds(Settings settings, ZoneId zone) {
        List<CsvFeedConfig> feeds = new ArrayList<>();
        feeds.add(CsvFeedConfig.defaults(zone).withInbox(Path.of(settings.require("callbridge.inbox.csv"))));
        feeds.addAll(CsvFeedConfig.vendorFeeds(settings.asMap(), zone));
        return feeds;
    }

    private static Crosswalk crosswalk(Settings settings) {
        String file = settings.get("callbridge.patients.crosswalk");
        return file == null ? Crosswalk.of(Map.of()) : Crosswalk.load(Path.of(file));
    }
}
