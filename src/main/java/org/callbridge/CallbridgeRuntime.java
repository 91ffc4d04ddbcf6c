package org.callbridge;

import org.callbridge.operations.OutboxMetrics;

import org.callbridge.operations.StateStoreHealthCheck;

import org.callbridge.operations.MeteredCallsApi;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.callbridge.hl7.AppointmentIdPreference;
import org.callbridge.patients.Crosswalk;
import org.callbridge.csv.CsvFeedConfig;
import org.callbridge.hl7.Hl7Context;
import org.callbridge.patients.PatientResolver;
import org.callbridge.hl7.SiuMapper;
import org.callbridge.hl7.SiuMapperConfig;
import org.callbridge.ingest.CsvIntake;
import org.callbridge.ingest.Hl7Intake;
import org.callbridge.ingest.InboxFiles;
import org.callbridge.ingest.Inboxes;
import org.callbridge.ingest.IntakeCounters;
import org.callbridge.ingest.MllpFrames;
import org.callbridge.console.ConsoleServer;
import org.callbridge.console.OpsApi;
import org.callbridge.ingest.Replays;
import org.callbridge.operations.AlertWatch;
import org.callbridge.operations.FlowActivity;
import org.callbridge.operations.RetentionWatch;
import org.callbridge.store.Pruning;
import org.callbridge.store.AlertStore;
import org.callbridge.store.AuditLog;
import org.callbridge.store.BatchStore;
import org.callbridge.store.OpsQueries;
import org.callbridge.ingest.RejectedFolder;
import org.callbridge.ingest.UnansweredFrames;
import org.callbridge.operations.FlowsHealthCheck;
import org.callbridge.operations.InstanceId;
import org.callbridge.operations.MetricNames;
import org.callbridge.operations.StopDeadline;
import org.callbridge.operations.StuckTransactions;
import org.callbridge.tls.Tls;
import org.callbridge.callsapi.CallsApiClient;
import org.callbridge.config.Configuration;
import org.callbridge.config.Keys;
import org.callbridge.config.Settings;
import org.callbridge.planning.PatientZones;
import org.callbridge.callsapi.CallsApi;
import org.callbridge.posting.OutboxLease;
import org.callbridge.posting.PostingEngine;
import org.callbridge.results.ReportDelivery;
import org.callbridge.results.ReportSink;
import org.callbridge.results.ResultsPoller;
import org.callbridge.planning.DoNotCallFile;
import org.callbridge.planning.HolidayCalendar;
import org.callbridge.planning.Holidays;
import org.callbridge.planning.ProgramSources;
import org.callbridge.planning.ReminderRules;
import org.callbridge.planning.RulesFile;
import org.callbridge.store.DoNotCallList;
import org.callbridge.store.CallStore;
import org.callbridge.store.Leases;
import org.callbridge.store.ReadFiles;
import org.callbridge.store.OutboxSummary;
import org.callbridge.store.ResultStore;
import org.callbridge.store.Watermarks;
import org.callbridge.store.Database;
import org.callbridge.store.EventStore;

/**
 * Builds the beans from the settings and runs the routes of {@code routes/} on Camel Main.
 * The one place where configuration becomes objects.
 */
public final class CallbridgeRuntime implements AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CallbridgeRuntime.class);
    /** MLLP frames of one read handled as one exchange, at most: a group commit's worth (see GroupCommit). */
    private static final int MLLP_FRAMES_PER_EXCHANGE = 200;
    /** Camel's own shutdown timeout (10 s) plus time to close the state database. */
    private static final java.time.Duration STOP_DEADLINE = java.time.Duration.ofSeconds(30);
    private final Configuration config;
    private final Clock clock;
    private final Database database;
    private final StuckTransactions stuckTransactions;
    private final EventStore events;
    private final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final IntakeCounters counters = new IntakeCounters(meters);
    private final Main main = new Main();
    private final List<CsvFeedConfig> feeds;
    private final CallsApiClient client;
    private final PostingEngine posting;
    private final OutboxLease outboxLease;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final FlowActivity flowActivity = new FlowActivity(Clock.systemUTC());
    private final Replays replays;
    private final String instance;

    /** Builds the configuration from {@code settings} (failing with every problem), then as below. */
    public CallbridgeRuntime(Settings settings, Clock clock) {
        this(Configuration.build(settings), clock);
    }

    /** Everything wired from one typed configuration; the state database is opened last. */
    public CallbridgeRuntime(Configuration config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.feeds = csvFeeds(config);
        CallsApiClient client = new CallsApiClient(config.api().client(), config.api().trust());
        RejectedFolder rejected = new RejectedFolder(config.files().rejectedDir(), clock);
        Crosswalk crosswalk = crosswalk(config);
        PatientResolver resolver = new PatientResolver(crosswalk, config.patients().idAuthority(),
                config.patients().mrnAuthority());
        SiuMapper mapper = new SiuMapper(config.siu());
        Charset hl7Charset = config.mllp().charset();
        // webhook and HL7 only when configured; signatures and MSH-7 carry real time, not a demo's shifted clock
        List<ReportSink> sinks = ReportSinks.of(config, Hl7Context.context(), Clock.systemUTC());
        this.database = openStateDatabase(config.state());
        this.stuckTransactions = StuckTransactions.start(database::longestRunning, config.state().stuckAfter());
        this.events = new EventStore(database, clock);
        String owner = InstanceId.resolve(config.cycles().instanceId(), Path.of(""));

        int maxRecordChars = config.files().maxRecordChars();
        Hl7Intake hl7Intake = new Hl7Intake(mapper, resolver, events, rejected, hl7Charset, counters, maxRecordChars);
        CsvIntake csvIntake = new CsvIntake(feeds, resolver, events, rejected, counters, maxRecordChars);
        main.bind("hl7Intake", hl7Intake);
        main.bind("csvIntake", csvIntake);
        // processed copies are named on the system clock in the system zone, as the inboxes below move them
        this.replays = new Replays(hl7Intake, csvIntake, config.files().rejectedDir(), feeds, clock, ZoneId.systemDefault());
        this.instance = owner;
        List<InboxFiles> inboxes = new ArrayList<>();
        inboxes.add(inbox("hl7-file", config.files().hl7Inbox(), rejected));
        main.bind("hl7Inbox", inboxes.get(0));
        for (CsvFeedConfig feed : feeds) {
            InboxFiles csvInbox = inbox("csv-" + feed.feedName(), feed.inbox(), rejected);
            inboxes.add(csvInbox);
            main.bind("csvInbox-" + feed.feedName(), csvInbox);
        }
        main.bind("inboxes", new Inboxes(inboxes));
        main.bind("mllpFrameDecoder", MllpFrames.frameDecoder(config.mllp().maxMessageBytes()));
        main.bind("mllpBytesDecoder", MllpFrames.bytesDecoder());
        UnansweredFrames unanswered = new UnansweredFrames(config.mllp().maxUnansweredBytes(),
                config.mllp().maxUnansweredBytesTotal());
        Gauge.builder(MetricNames.MLLP_UNANSWERED_BYTES, unanswered::outstanding).strongReference(true)
                .description("bytes of MLLP frames read and not yet answered, all connections").register(meters);
        main.bind("mllpFramesOfOneRead", MllpFrames.framesOfOneRead(MLLP_FRAMES_PER_EXCHANGE, unanswered));
        main.bind("mllpEncoder", MllpFrames.encoder());
        // the first handler of each MLLP connection: TLS when callbridge.hl7.mllp.tls.keystore is set, else none
        main.bind("mllpTls", Tls.serverHandler(config.mllp().tls(), config.mllp().clientAuth()));
        CallStore calls = new CallStore(database, clock);
        ResultStore results = new ResultStore(database, clock);
        ReportDelivery delivery = new ReportDelivery(sinks, results, calls, events, config.results().maxAttempts(),
                config.outcomes());
        main.bind("reportDelivery", delivery);
        // the watermark follows the API's clock (ended_at), not the planning clock, which a demo may shift
        ResultsPoller poller = new ResultsPoller(client, calls, results, new Watermarks(database, clock),
                new Leases(database, clock), new ResultsPoller.Settings(owner, config.results().pollOverlap(),
                        config.results().firstLookBack(), config.results().pollInterval().multipliedBy(4),
                        config.results().includeUnlinked(), delivery.sinkNames()), Clock.systemUTC(), config.outcomes());
        main.bind("resultsPoller", poller);
        main.bind("resultsLease", poller.lease());
        this.client = client;
        this.posting = PostingEngine.create(database, config.policy(), config.posting(),
                new MeteredCallsApi(CallsApi.of(client), meters), clock, programSources(config, database, clock, crosswalk));
        new OutboxMetrics(new OutboxSummary(database), new Watermarks(database, clock), Clock.systemUTC())
                .bindTo(meters, delivery.sinkNames());
        // whenever this instance takes the lease (at start, or from one that stopped or died), it first settles the
        // batches the previous holder left in flight
        this.outboxLease = new OutboxLease(new Leases(database, Clock.systemUTC()), owner,
                config.cycles().leaseTtl(), () -> posting.reconciler().reconcileOnStartup());
        main.bind("outboxLease", outboxLease);
        main.bind("planningCycle", posting.planning());
        main.bind("postingCycle", posting.posting());
        main.bind("withdrawalWatch", posting.withdrawals());

        main.bind("metricsRegistry", meters);
        main.bind("flowActivity", flowActivity);
        main.bind("retention", new RetentionWatch(new Pruning(database, Clock.systemUTC()), config.console().retention(),
                config.console().auditRetention(), config.files().rejectedDir()));
        OpsQueries opsQueries = new OpsQueries(database);
        main.bind("alertWatch", new AlertWatch(new AlertStore(database, Clock.systemUTC()), new Watermarks(database, clock),
                flowActivity, () -> main.getCamelContext(), new AlertWatch.Settings(config.console().pollLag(),
                config.console().minFreeDiskMb() << 20, opsQueries.h2Folder(), ResultsPoller.WATERMARK), Clock.systemUTC()));
        config.routeProperties().forEach(main::addInitialProperty);
        managementProperties(config.management());
        main.addInitialProperty("camel.main.name", "callbridge");
        main.addInitialProperty("camel.main.routes-include-pattern", routesPattern());
        main.addInitialProperty("camel.main.shutdown-timeout", "10");
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterConfigure(BaseMainSupport support) {
                addCsvRoutes(support);
                addReportRoutes(support, delivery.sinkNames());
                org.apache.camel.health.HealthCheckRegistry health =
                        org.apache.camel.health.HealthCheckRegistry.get(support.getCamelContext());
                if (health != null) {
                    health.register(new StateStoreHealthCheck(database, config.state().stuckAfter().dividedBy(4)));
                    health.register(new FlowsHealthCheck(support.getCamelContext()));
                }
                try {
                    support.getCamelContext().addStartupListener(new org.apache.camel.StartupListener() {
                        @Override
                        public void onCamelContextStarted(org.apache.camel.CamelContext context, boolean alreadyStarted) {
                        }

                        @Override
                        public void onCamelContextFullyStarted(org.apache.camel.CamelContext context, boolean alreadyStarted) {
                            mountConsole(context);
                        }
                    });
                } catch (Exception e) {
                    throw new IllegalStateException("console: " + e.getMessage(), e);
                }
            }
        });
    }

    /**
     * The console and ops API on the management server, with a password set; without one they stay off and the log
     * says so once.
     */
    private void mountConsole(org.apache.camel.CamelContext camel) {
        Configuration.Console console = config.console();
        if (!console.enabled()) {
            LOG.info("console and ops API are off: set " + Keys.CONSOLE_PASSWORD.key() + " (environment or _FILE) to turn them on");
            return;
        }
        OpsApi.Parts parts = new OpsApi.Parts(new OpsQueries(database), new OutboxSummary(database),
                new AlertStore(database, Clock.systemUTC()), new AuditLog(database, Clock.systemUTC()),
                new BatchStore(database, Clock.systemUTC()), replays, flowActivity, new Watermarks(database, clock),
                ResultsPoller.WATERMARK, camel, instance, config.defaultZone(), clock, new DoNotCallList(database, clock));
        if (ConsoleServer.mount(camel, console.user(), console.password(), parts, Clock.systemUTC())) {
            LOG.info("console on {}://{}:{}/console/ (ops API under /ops/v1/)", config.management().tls() == null ? "http" : "https",
                    config.management().host(), config.management().port());
        }
    }

    /** Health (/observe/health, live, ready) and Prometheus metrics (/observe/metrics) on their own port. */
    private void managementProperties(Configuration.Management management) {
        if (management.port() == null) {
            return;
        }
        main.addInitialProperty("camel.management.enabled", "true");
        main.addInitialProperty("camel.management.host", management.host());
        main.addInitialProperty("camel.management.port", Integer.toString(management.port()));
        main.addInitialProperty("camel.management.health-check-enabled", "true");
        main.addInitialProperty("camel.management.metrics-enabled", "true");
        main.addInitialProperty("camel.metrics.enabled", "true");
        main.addInitialProperty("camel.metrics.enable-route-policy", "true");
        main.addInitialProperty("camel.metrics.binders", "jvm-memory,jvm-gc,jvm-thread,processor,uptime");
        main.addInitialProperty("camel.health.enabled", "true");
        // readiness is the state store and started routes; a Calls API outage shows in metrics, not as DOWN
        main.addInitialProperty("camel.health.consumers-enabled", "false");
        main.addInitialProperty("camel.health.producers-enabled", "false");
        if (management.tls() != null) {
            main.addInitialProperty("camel.ssl.enabled", "true");
            main.addInitialProperty("camel.ssl.key-store", "file:" + management.tls().keystore().toAbsolutePath());
            main.addInitialProperty("camel.ssl.keystore-password", new String(management.tls().keystorePassword()));
            main.addInitialProperty("camel.management.use-global-ssl-context-parameters", "true");
        }
    }

    /** The state database the configuration names, migrated. */
    static Database openStateDatabase(Configuration.State state) {
        return Database.open(state.url(), state.user(), state.password());
    }

    /** Settles batches a crash left in flight, then starts the routes and returns once they run. */
    public void start() throws Exception {
        settleInFlight();
        main.start();
    }

    /** Settles batches a crash left in flight, then runs until the JVM is asked to stop; then closes everything. */
    public void runUntilStopped() throws Exception {
        settleInFlight();
        // on SIGTERM the JVM exits as soon as Camel has stopped, before main.run() returns to close the database;
        // a close that hangs (a commit that never returns) is cut short, so the signal always stops the process
        Runtime.getRuntime().addShutdownHook(StopDeadline.hook(this::close, STOP_DEADLINE));
        main.run();
    }

    /** Start-up reconciliation of batches left SENDING, by the instance that takes the outbox lease (see OutboxLease). */
    private void settleInFlight() {
        outboxLease.hold();
    }

    public PostingEngine posting() {
        return posting;
    }

    public EventStore events() {
        return events;
    }

    public Database database() {
        return database;
    }

    /** The metrics served at /observe/metrics. */
    public io.micrometer.core.instrument.MeterRegistry meters() {
        return meters;
    }

    public IntakeCounters counters() {
        return counters;
    }

    public Main main() {
        return main;
    }

    /** Stops the routes, then closes the state database; once, whoever calls first (a shutdown hook included). */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            main.stop();
            outboxLease.release();
        } catch (Exception e) {
            // closing the database below matters more than a clean route shutdown
        } finally {
            stuckTransactions.close();
            database.close();
        }
    }

    private InboxFiles inbox(String channel, Path dir, RejectedFolder rejected) {
        return new InboxFiles(channel, dir, rejected, config.files().doneSuffix(), config.files().recheckAfterRead(),
                Clock.systemUTC(), ZoneId.systemDefault(), counters, new ReadFiles(database));
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

    /** One reports-to-sink route per configured sink, reports-to-json for instance, each with its own metrics. */
    private static void addReportRoutes(BaseMainSupport support, List<String> sinks) {
        try {
            for (String sink : sinks) {
                TemplatedRouteBuilder.builder(support.getCamelContext(), "reports-to-sink")
                        .routeId("reports-to-" + sink)
                        .parameter("sink", sink)
                        .add();
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot create the report sink routes: " + e.getMessage(), e);
        }
    }

    public CallsApiClient client() {
        return client;
    }

    private static String routesPattern() {
        return Files.isDirectory(Path.of("routes")) ? "file:routes/*.camel.yaml" : "classpath:routes/*.camel.yaml";
    }

    /** The default CSV layout on {@code callbridge.inbox.csv}, then each vendor feed. */
    static List<CsvFeedConfig> csvFeeds(Configuration config) {
        List<CsvFeedConfig> feeds = new ArrayList<>();
        feeds.add(CsvFeedConfig.defaults(config.defaultZone()).withInbox(config.files().csvInbox()));
        feeds.addAll(config.feeds());
        return feeds;
    }

    private static Crosswalk crosswalk(Configuration config) {
        Path file = config.patients().crosswalk();
        return file == null ? Crosswalk.of(Map.of()) : Crosswalk.load(file, Keys.PATIENTS_CROSSWALK.key());
    }

    /** The rules, holidays and do-not-call files as configured (read now, then watched), and the stored list. */
    static ProgramSources programSources(Configuration config, Database database, Clock clock, Crosswalk crosswalk) {
        Configuration.ProgramFiles files = config.programFiles();
        Path rules = files.rules();
        Path holidays = files.holidays();
        Path doNotCall = files.doNotCall();
        return new ProgramSources(
                rules == null ? RulesFile.of(ReminderRules.none())
                        : RulesFile.load(rules, Keys.RULES.key(), config.policy().window().days()),
                holidays == null ? HolidayCalendar.of(Holidays.none()) : HolidayCalendar.load(holidays, Keys.HOLIDAYS.key()),
                doNotCall == null ? DoNotCallFile.none() : DoNotCallFile.load(doNotCall, Keys.DO_NOT_CALL.key()),
                new DoNotCallList(database, clock), crosswalk::patientIdFor);
    }
}
