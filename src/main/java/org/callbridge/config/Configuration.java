package org.callbridge.config;

import io.netty.handler.ssl.ClientAuth;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import javax.net.ssl.SSLContext;
import org.callbridge.hl7.AppointmentIdPreference;
import org.callbridge.csv.CsvFeedConfig;
import org.callbridge.hl7.SiuMapperConfig;
import org.callbridge.callsapi.CallsApiSettings;
import org.callbridge.outcome.Outcome;
import org.callbridge.outcome.OutcomeRules;
import org.callbridge.planning.CallingDays;
import org.callbridge.planning.CallingWindow;
import org.callbridge.planning.ContactCaps;
import org.callbridge.planning.PatientZones;
import org.callbridge.planning.PolicySettings;
import org.callbridge.posting.PostingSettings;
import org.callbridge.results.Hl7ResultKind;
import org.callbridge.results.Hl7ResultSettings;
import org.callbridge.results.WebhookSettings;
import org.callbridge.tls.Tls;
import org.callbridge.tls.TlsMaterial;

/**
 * The whole configuration, typed, built once at start-up from the declarations in {@link Keys}: every component
 * receives one of these records, never a key or a raw value. Building collects every problem (one line each, naming
 * its key, never the same key twice) and fails with all of them ({@link InvalidConfiguration}); {@code check} and
 * {@code run} both start here.
 *
 * <p>{@code outcomes} are the rules that class each ended call's answer ({@code callbridge.outcome.*}), for every
 * report sink and for planning alike.
 */
public record Configuration(Api api, State state, Mllp mllp, SiuMapperConfig siu, Files files, List<CsvFeedConfig> feeds,
                            Patients patients, ZoneId defaultZone, PolicySettings policy, PostingSettings posting,
                            Cycles cycles, Results results, OutcomeRules outcomes, Webhook webhook, Writeback writeback, Management management,
                            Console console, ProgramFiles programFiles) {

    /** The value that turns off a default rule or SCH-25 code. */
    private static final String NONE = "none";

    /** The Calls API client's settings, and the CA to trust for its https URL (null: the JDK's). */
    public record Api(CallsApiSettings client, SSLContext trust) {
    }

    /** The state database. */
    public record State(String url, String user, String password, Duration stuckAfter) {
        @Override
        public String toString() {
            return "State[url=" + org.callbridge.store.JdbcUrls.redact(url) + ", user=" + user + "]";
        }
    }

    /** The MLLP listener; {@code tls} null means plain TCP. */
    public record Mllp(String host, int port, int maxMessageBytes, long maxUnansweredBytes, long maxUnansweredBytesTotal,
                       Charset charset, TlsMaterial tls, ClientAuth clientAuth) {
    }

    /** The drop folders and what is done with their files. {@code doneSuffix} null: files are taken without one. */
    public record Files(Path hl7Inbox, Path csvInbox, int pollDelayMillis, int readLockMinAgeMillis, String doneSuffix,
                        Duration recheckAfterRead, int maxRecordChars, Path rejectedDir) {
    }

    /** Patient identity: the crosswalk file (null: none) and the PID-3 authorities. */
    public record Patients(Path crosswalk, String mrnAuthority, String idAuthority) {
    }

    /**
     * The files of the reminder program, each null when unset: the holidays ({@code planning.HolidayCalendar}), the
     * rules ({@code planning.RulesFile}) and the do-not-call list ({@code planning.DoNotCallFile}). {@code check} reads
     * them; the planner loads and watches them.
     */
    public record ProgramFiles(Path holidays, Path rules, Path doNotCall) {
    }

    /** The timers of the outbox and who holds its lease ({@code instanceId} null: derived from the host and folder). */
    public record Cycles(Duration postInterval, Duration leaseTtl, Duration withdrawalInterval, String instanceId) {
    }

    /** Polling of ended calls and report delivery. */
    public record Results(Path reportsDir, Duration pollInterval, Duration pollOverlap, Duration firstLookBack,
                          boolean includeUnlinked, int maxAttempts) {
    }

    /** The webhook sink and the CA for its https URL (null: the JDK's). */
    public record Webhook(WebhookSettings settings, SSLContext trust) {
    }

    /**
     * HL7 back to the EHR: an MLLP target ({@code host}, {@code port}, {@code tls} null for plain TCP) or a folder
     * ({@code dir}).
     */
    public record Writeback(Hl7ResultSettings result, String host, int port, Path dir, Duration connectTimeout,
                            Duration ackTimeout, SSLContext tls) {
    }

    /** The health, metrics and console server; {@code port} null turns it off; {@code tls} null: plain HTTP. */
    public record Management(String host, Integer port, TlsMaterial tls) {
    }

    /**
     * The operator console and ops API ({@code password} null: both off), its alert conditions and the pruning of
     * finished work.
     */
    public record Console(String user, String password, Duration alertInterval, Duration pollLag, long minFreeDiskMb,
                          java.time.temporal.TemporalAmount retention, java.time.temporal.TemporalAmount auditRetention,
                          Duration retentionInterval) {
        public boolean enabled() {
            return password != null;
        }

        @Override
        public String toString() {
            return "Console[user=" + user + ", password=" + (password == null ? "unset" : "***") + "]";
        }
    }

    /**
     * The values the routes' placeholders name: the polling delays of the drop folders, the timers in milliseconds, and
     * the done file a drop folder waits for (absent when none is).
     */
    public Map<String, String> routeProperties() {
        Map<String, String> properties = new java.util.LinkedHashMap<>();
        properties.put(Keys.HL7_MLLP_HOST.key(), mllp.host());
        properties.put(Keys.HL7_MLLP_PORT.key(), Integer.toString(mllp.port()));
        properties.put(Keys.INBOX_HL7.key(), files.hl7Inbox().toString());
        properties.put(Keys.INBOX_POLL_DELAY_MILLIS.key(), Integer.toString(files.pollDelayMillis()));
        properties.put(Keys.INBOX_READ_LOCK_MIN_AGE_MILLIS.key(), Integer.toString(files.readLockMinAgeMillis()));
        properties.put(Keys.POST_INTERVAL.key() + "-millis", Long.toString(cycles.postInterval().toMillis()));
        properties.put(Keys.POLL_INTERVAL.key() + "-millis", Long.toString(results.pollInterval().toMillis()));
        properties.put(Keys.WITHDRAWAL_CHECK_INTERVAL.key() + "-millis", Long.toString(cycles.withdrawalInterval().toMillis()));
        properties.put(Keys.ALERTS_CHECK_INTERVAL.key() + "-millis", Long.toString(console.alertInterval().toMillis()));
        properties.put(Keys.RETENTION_INTERVAL.key() + "-millis", Long.toString(console.retentionInterval().toMillis()));
        if (files.doneSuffix() != null) {
            properties.put(Keys.INBOX_DONE_SUFFIX.key().replace("-suffix", "-file-name"), "${file:name}" + files.doneSuffix());
        }
        return properties;
    }

    /** Builds the configuration, or fails with every problem found. */
    public static Configuration build(Settings settings) {
        ConfigReader in = new ConfigReader(settings);
        Configuration built = read(in);
        List<String> problems = in.problems();
        if (!problems.isEmpty()) {
            throw new InvalidConfiguration(problems);
        }
        return built;
    }

    /**
     * What can be read of these settings, however many problems they have: a part with a problem is null, or holds
     * nulls (for checks that look at what a configuration names even while other keys are wrong).
     */
    public static Configuration partial(Settings settings) {
        return read(new ConfigReader(settings));
    }

    /** Every problem of these settings; empty when {@link #build} would succeed. */
    public static List<String> problems(Settings settings) {
        ConfigReader in = new ConfigReader(settings);
        read(in);
        return in.problems();
    }

    /** The state database alone (commands that need no more, such as {@code retry-parked}). */
    public static State state(Settings settings) {
        return only(settings.asMap(), in -> new State(in.require(Keys.STATE_URL), in.get(Keys.STATE_USER),
                orEmpty(in.get(Keys.STATE_PASSWORD)), in.get(Keys.STATE_STUCK_AFTER)));
    }

    /** The planning policy alone, from these values and the defaults (tests and tools that need no more). */
    public static PolicySettings policy(Map<?, ?> values) {
        return only(values, in -> policy(in, zone(in), locations(in)));
    }

    /** The posting settings alone. */
    public static PostingSettings posting(Map<?, ?> values) {
        return only(values, Configuration::posting);
    }

    /** The vendor CSV feeds named in {@code callbridge.csv.feeds}, alone. */
    public static List<CsvFeedConfig> feeds(Map<?, ?> values, ZoneId defaultZone) {
        return only(values, in -> CsvFeedSettings.readAll(in, defaultZone));
    }

    /** One CSV feed's layout alone, its inbox not required. */
    public static CsvFeedConfig feed(String name, Map<?, ?> values, ZoneId defaultZone) {
        return only(values, in -> CsvFeedSettings.read(in, name, defaultZone, false));
    }

    /** The webhook alone (null when no URL is set). */
    public static Webhook webhook(Map<?, ?> values) {
        return only(values, Configuration::webhook);
    }

    /** The HL7 write-back alone (null when neither host nor folder is set). */
    public static Writeback writeback(Map<?, ?> values) {
        return only(values, Configuration::writeback);
    }

    /** The outcome rules alone ({@code callbridge.outcome.*}, defaults included). */
    public static OutcomeRules outcomes(Map<?, ?> values) {
        return only(values, Configuration::outcomes);
    }

    /** The MLLP listener alone. */
    public static Mllp mllp(Map<?, ?> values) {
        return only(values, Configuration::mllp);
    }

    private static <T> T only(Map<?, ?> values, java.util.function.Function<ConfigReader, T> part) {
        Map<String, String> text = new java.util.TreeMap<>();
        values.forEach((k, v) -> text.put(String.valueOf(k), v == null ? null : String.valueOf(v)));
        ConfigReader in = new ConfigReader(Settings.of(text));
        T result = part.apply(in);
        if (!in.problems().isEmpty()) {
            throw new InvalidConfiguration(in.problems());
        }
        return result;
    }

    private static Configuration read(ConfigReader in) {
        ZoneId zone = zone(in);
        // after a problem with callbridge.timezone the rest is still read, in this machine's zone
        ZoneId readIn = zone == null ? ZoneId.systemDefault() : zone;
        Api api = new Api(in.build(Keys.API_URL.key(), () -> new CallsApiSettings(in.require(Keys.API_URL), in.require(Keys.API_KEY),
                in.get(Keys.API_CONNECT_TIMEOUT), in.get(Keys.API_REQUEST_TIMEOUT))),
                trust(in, Keys.API_TLS_TRUSTSTORE, Keys.API_TLS_TRUSTSTORE_PASSWORD));
        State state = new State(in.require(Keys.STATE_URL), in.get(Keys.STATE_USER), orEmpty(in.get(Keys.STATE_PASSWORD)),
                in.get(Keys.STATE_STUCK_AFTER));
        Map<String, ZoneId> locations = locations(in);
        String idPreference = in.get(Keys.HL7_APPOINTMENT_ID);
        SiuMapperConfig siu = idPreference == null ? null : new SiuMapperConfig(AppointmentIdPreference.parse(idPreference),
                locations, readIn);
        Files files = new Files(in.get(Keys.INBOX_HL7), in.get(Keys.INBOX_CSV), orZero(in.get(Keys.INBOX_POLL_DELAY_MILLIS)),
                orZero(in.get(Keys.INBOX_READ_LOCK_MIN_AGE_MILLIS)), in.get(Keys.INBOX_DONE_SUFFIX),
                in.get(Keys.INBOX_RECHECK_AFTER_READ), orZero(in.get(Keys.INBOX_MAX_RECORD_CHARS)), in.get(Keys.REJECTED_DIR));
        List<CsvFeedConfig> feeds = CsvFeedSettings.readAll(in, readIn);
        Patients patients = new Patients(in.get(Keys.PATIENTS_CROSSWALK), in.get(Keys.PATIENTS_MRN_AUTHORITY),
                in.get(Keys.PATIENTS_ID_AUTHORITY));
        Cycles cycles = new Cycles(in.get(Keys.POST_INTERVAL), in.get(Keys.POST_LEASE_TTL), in.get(Keys.WITHDRAWAL_CHECK_INTERVAL),
                in.get(Keys.INSTANCE_ID));
        Results results = new Results(in.get(Keys.REPORTS_DIR), in.get(Keys.POLL_INTERVAL), in.get(Keys.POLL_OVERLAP),
                in.get(Keys.POLL_FIRST_LOOK_BACK), Boolean.TRUE.equals(in.get(Keys.REPORTS_INCLUDE_UNLINKED)),
                orZero(in.get(Keys.REPORTS_MAX_ATTEMPTS)));
        TlsMaterial managementTls = in.isSet(Keys.MANAGEMENT_TLS_KEYSTORE)
                ? material(in, Keys.MANAGEMENT_TLS_KEYSTORE, Keys.MANAGEMENT_TLS_KEYSTORE_PASSWORD, null, null) : null;
        Management management = new Management(in.get(Keys.MANAGEMENT_HOST), in.get(Keys.MANAGEMENT_PORT), managementTls);
        Console console = new Console(in.get(Keys.CONSOLE_USER), in.get(Keys.CONSOLE_PASSWORD), in.get(Keys.ALERTS_CHECK_INTERVAL),
                in.get(Keys.ALERTS_POLL_LAG), orZeroLong(in.get(Keys.ALERTS_MIN_FREE_DISK_MB)), in.get(Keys.RETENTION),
                in.get(Keys.RETENTION_AUDIT), in.get(Keys.RETENTION_INTERVAL));
        return new Configuration(api, state, mllp(in), siu, files, feeds, patients, readIn,
                policy(in, zone, locations), posting(in), cycles, results, outcomes(in), webhook(in), writeback(in), management,
                console, new ProgramFiles(in.get(Keys.HOLIDAYS), in.get(Keys.RULES), in.get(Keys.DO_NOT_CALL)));
    }

    /** The default zone: {@code callbridge.timezone}, or this machine's; null after a problem. */
    private static ZoneId zone(ConfigReader in) {
        ZoneId zone = in.get(Keys.TIMEZONE);
        return zone != null || in.hasProblem(Keys.TIMEZONE.key()) ? zone : ZoneId.systemDefault();
    }

    private static Map<String, ZoneId> locations(ConfigReader in) {
        Map<String, ZoneId> locations = in.build(Keys.LOCATION_TIMEZONES.key(),
                () -> PatientZones.parseLocations(Keys.LOCATION_TIMEZONES.key(), in.get(Keys.LOCATION_TIMEZONES)));
        return locations == null ? Map.of() : locations;
    }

    /** {@code zone} and {@code locations} as already read for the HL7 mapper: read once, used by both. */
    private static PolicySettings policy(ConfigReader in, ZoneId zone, Map<String, ZoneId> locations) {
        CallingWindow window = in.build(Keys.CALLING_WINDOW.key(), () -> {
            var days = in.build(Keys.CALLING_DAYS.key(), () -> CallingDays.parse(Keys.CALLING_DAYS.key(), in.get(Keys.CALLING_DAYS)));
            return days == null ? null : CallingWindow.parse(Keys.CALLING_WINDOW.key(), in.get(Keys.CALLING_WINDOW), days);
        });
        Duration offset = in.get(Keys.REMINDER_OFFSET);
        Duration minLead = in.get(Keys.REMINDER_MIN_LEAD);
        if (offset != null && minLead != null && offset.compareTo(minLead) < 0) {
            in.problem(Keys.REMINDER_OFFSET.key(), Keys.REMINDER_OFFSET.key() + ": " + offset + " is shorter than "
                    + Keys.REMINDER_MIN_LEAD.key() + " " + minLead + ", so every reminder would be too late");
            return null;
        }
        List<Duration> offsets = in.get(Keys.REMINDER_OFFSETS);
        if (offsets != null && minLead != null) {
            for (Duration d : offsets) {
                if (d.compareTo(minLead) < 0) {
                    in.problem(Keys.REMINDER_OFFSETS.key(), Keys.REMINDER_OFFSETS.key() + ": " + d + " is shorter than "
                            + Keys.REMINDER_MIN_LEAD.key() + " " + minLead + ", so that reminder would always be too late");
                    return null;
                }
            }
        }
        List<Duration> retries = in.get(Keys.RETRY_UNREACHED);
        Integer perDay = in.get(Keys.CAPS_PER_DAY);
        Integer perWeek = in.get(Keys.CAPS_PER_WEEK);
        UUID agent = in.get(Keys.AGENT_ID);
        UUID noShow = in.get(Keys.NOSHOW_AGENT_ID);
        Duration postAhead = in.get(Keys.POST_AHEAD);
        if (window == null || zone == null || offset == null || minLead == null || postAhead == null || perDay == null
                || perWeek == null) {
            return null;
        }
        return in.build(Keys.REMINDER_OFFSET.key(), () -> new PolicySettings(offset, minLead, window,
                new PatientZones(zone, locations), postAhead, agent == null ? null : agent.toString(),
                noShow == null ? null : noShow.toString(), offsets, retries, new ContactCaps(perDay, perWeek)));
    }

    private static PostingSettings posting(ConfigReader in) {
        Integer maxSize = in.get(Keys.BATCH_MAX_SIZE);
        Duration initial = in.get(Keys.POST_RETRY_INITIAL_BACKOFF);
        Duration max = in.get(Keys.POST_RETRY_MAX_BACKOFF);
        if (initial != null && max != null && max.compareTo(initial) < 0) {
            in.problem(Keys.POST_RETRY_MAX_BACKOFF.key(), Keys.POST_RETRY_MAX_BACKOFF.key() + ": " + max + " is shorter than "
                    + Keys.POST_RETRY_INITIAL_BACKOFF.key() + " " + initial);
        }
        Duration maxWait = in.get(Keys.BATCH_MAX_WAIT);
        Duration parkRetry = in.get(Keys.BATCH_PARK_RETRY);
        Duration scheduleLead = in.get(Keys.BATCH_SCHEDULE_LEAD);
        Duration settle = in.get(Keys.BATCH_SETTLE_TIME);
        Boolean dryRun = in.get(Keys.DRY_RUN);
        Path reports = in.get(Keys.REPORTS_DIR);
        Integer attempts = in.get(Keys.POST_RETRY_MAX_ATTEMPTS);
        Integer maxEvents = in.get(Keys.PLANNING_MAX_EVENTS);
        if (maxSize == null || initial == null || max == null || max.compareTo(initial) < 0 || maxWait == null || parkRetry == null
                || scheduleLead == null || settle == null || dryRun == null || reports == null || attempts == null || maxEvents == null) {
            return null;
        }
        return in.build(Keys.BATCH_MAX_SIZE.key(), () -> new PostingSettings(maxSize, maxWait, parkRetry, scheduleLead, settle,
                dryRun, reports, attempts, initial, max, maxEvents));
    }

    private static Mllp mllp(ConfigReader in) {
        String clientAuthText = in.get(Keys.HL7_MLLP_TLS_CLIENT_AUTH);
        ClientAuth clientAuth = clientAuthText == null ? ClientAuth.NONE
                : in.build(Keys.HL7_MLLP_TLS_CLIENT_AUTH.key(), () -> Tls.clientAuth(Keys.HL7_MLLP_TLS_CLIENT_AUTH.key(), clientAuthText));
        TlsMaterial tls = null;
        if (in.isSet(Keys.HL7_MLLP_TLS_KEYSTORE)) {
            tls = material(in, Keys.HL7_MLLP_TLS_KEYSTORE, Keys.HL7_MLLP_TLS_KEYSTORE_PASSWORD,
                    Keys.HL7_MLLP_TLS_TRUSTSTORE, Keys.HL7_MLLP_TLS_TRUSTSTORE_PASSWORD);
            TlsMaterial listener = tls;
            if (listener != null && clientAuth != null) {
                in.build(Keys.HL7_MLLP_TLS_KEYSTORE.key(), () -> Tls.serverHandler(listener, clientAuth));
            }
        } else if (in.isSet(Keys.HL7_MLLP_TLS_TRUSTSTORE) || clientAuth != null && clientAuth != ClientAuth.NONE) {
            in.problem(Keys.HL7_MLLP_TLS_KEYSTORE.key(), Keys.HL7_MLLP_TLS_KEYSTORE.key() + ": not set: a TLS listener needs its"
                    + " certificate and key (the truststore and client-auth apply only with it)");
        }
        return new Mllp(in.get(Keys.HL7_MLLP_HOST), orZero(in.get(Keys.HL7_MLLP_PORT)), orZero(in.get(Keys.HL7_MLLP_MAX_MESSAGE_BYTES)),
                orZeroLong(in.get(Keys.HL7_MLLP_MAX_UNANSWERED_BYTES)), orZeroLong(in.get(Keys.HL7_MLLP_MAX_UNANSWERED_BYTES_TOTAL)),
                in.get(Keys.HL7_CHARSET), tls, clientAuth == null ? ClientAuth.NONE : clientAuth);
    }

    /** Each rule is read on its own, so every wrong one is a problem of its own key; null after any; {@code none}: no rule. */
    private static OutcomeRules outcomes(ConfigReader in) {
        Map<Setting<String>, OutcomeRules.Rule> rules = new LinkedHashMap<>();
        boolean wrong = false;
        for (Setting<String> setting : List.of(Keys.OUTCOME_CONFIRMED_WHEN, Keys.OUTCOME_DECLINED_WHEN,
                Keys.OUTCOME_RESCHEDULE_WHEN, Keys.OUTCOME_OPT_OUT_WHEN)) {
            String text = orNone(in.get(setting));
            OutcomeRules.Rule rule = text == null ? null
                    : in.build(setting.key(), () -> OutcomeRules.Rule.parse(setting.key(), text));
            wrong |= in.hasProblem(setting.key());
            rules.put(setting, rule);
        }
        return wrong ? null : new OutcomeRules(rules.get(Keys.OUTCOME_CONFIRMED_WHEN), rules.get(Keys.OUTCOME_DECLINED_WHEN),
                rules.get(Keys.OUTCOME_RESCHEDULE_WHEN), rules.get(Keys.OUTCOME_OPT_OUT_WHEN));
    }

    /** SCH-25 per outcome class ({@code callbridge.hl7.writeback.status.*}); a class without a code is left out. */
    private static Map<Outcome, String> scheduleStatus(ConfigReader in) {
        Map<Outcome, Setting<String>> keys = Map.of(Outcome.CONFIRMED, Keys.HL7_WRITEBACK_STATUS_CONFIRMED,
                Outcome.DECLINED, Keys.HL7_WRITEBACK_STATUS_DECLINED,
                Outcome.RESCHEDULE_REQUESTED, Keys.HL7_WRITEBACK_STATUS_RESCHEDULE_REQUESTED,
                Outcome.OPTED_OUT, Keys.HL7_WRITEBACK_STATUS_OPTED_OUT,
                Outcome.REACHED, Keys.HL7_WRITEBACK_STATUS_REACHED,
                Outcome.UNREACHED, Keys.HL7_WRITEBACK_STATUS_UNREACHED);
        Map<Outcome, String> codes = new EnumMap<>(Outcome.class);
        keys.forEach((outcome, setting) -> {
            String code = orNone(in.get(setting));
            if (code != null) {
                codes.put(outcome, code);
            }
        });
        return codes;
    }

    private static Webhook webhook(ConfigReader in) {
        if (!in.isSet(Keys.WEBHOOK_URL)) {
            return null;
        }
        URI url = in.get(Keys.WEBHOOK_URL);
        String secret = in.require(Keys.WEBHOOK_SECRET);
        Duration connect = in.get(Keys.WEBHOOK_CONNECT_TIMEOUT);
        Duration request = in.get(Keys.WEBHOOK_REQUEST_TIMEOUT);
        Integer attempts = in.get(Keys.WEBHOOK_RETRY_MAX_ATTEMPTS);
        Duration initial = in.get(Keys.WEBHOOK_RETRY_INITIAL_BACKOFF);
        Duration max = in.get(Keys.WEBHOOK_RETRY_MAX_BACKOFF);
        SSLContext trust = trust(in, Keys.WEBHOOK_TLS_TRUSTSTORE, Keys.WEBHOOK_TLS_TRUSTSTORE_PASSWORD);
        if (url == null || secret == null || connect == null || request == null || attempts == null || initial == null || max == null) {
            return null;
        }
        WebhookSettings settings = in.build(Keys.WEBHOOK_URL.key(), () -> new WebhookSettings(url, secret, connect, request, attempts,
                initial, max));
        return settings == null ? null : new Webhook(settings, trust);
    }

    private static Writeback writeback(ConfigReader in) {
        boolean host = in.isSet(Keys.HL7_WRITEBACK_HOST);
        boolean dir = in.isSet(Keys.HL7_WRITEBACK_DIR);
        if (host && dir) {
            in.problem(Keys.HL7_WRITEBACK_HOST.key(), Keys.HL7_WRITEBACK_HOST.key() + ": set it (MLLP) or "
                    + Keys.HL7_WRITEBACK_DIR.key() + " (files), not both");
            return null;
        }
        if (!host && !dir) {
            return null;
        }
        String kindText = in.get(Keys.HL7_WRITEBACK_KIND);
        Hl7ResultKind kind = kindText == null ? null : Hl7ResultKind.valueOf(kindText.toUpperCase(Locale.ROOT));
        Hl7ResultSettings result = kind == null ? null : new Hl7ResultSettings(kind, in.get(Keys.HL7_WRITEBACK_SENDING_APPLICATION),
                in.get(Keys.HL7_WRITEBACK_SENDING_FACILITY), in.get(Keys.HL7_WRITEBACK_RECEIVING_APPLICATION),
                in.get(Keys.HL7_WRITEBACK_RECEIVING_FACILITY), in.get(Keys.PATIENTS_ID_AUTHORITY), scheduleStatus(in));
        Integer port = host ? in.require(Keys.HL7_WRITEBACK_PORT) : null;
        SSLContext tls = null;
        if (host && Boolean.TRUE.equals(in.get(Keys.HL7_WRITEBACK_TLS_ENABLED))) {
            TlsMaterial material = material(in, Keys.HL7_WRITEBACK_TLS_KEYSTORE,
                    Keys.HL7_WRITEBACK_TLS_KEYSTORE_PASSWORD, Keys.HL7_WRITEBACK_TLS_TRUSTSTORE, Keys.HL7_WRITEBACK_TLS_TRUSTSTORE_PASSWORD);
            tls = material == null ? null : in.build(Keys.HL7_WRITEBACK_TLS_ENABLED.key(), material::context);
        }
        Duration connect = in.get(Keys.HL7_WRITEBACK_CONNECT_TIMEOUT);
        Duration ack = in.get(Keys.HL7_WRITEBACK_ACK_TIMEOUT);
        if (result == null || host && port == null) {
            return null;
        }
        return new Writeback(result, host ? in.get(Keys.HL7_WRITEBACK_HOST) : null, port == null ? 0 : port,
                dir ? in.get(Keys.HL7_WRITEBACK_DIR) : null, connect, ack, tls);
    }

    /** The CA of an https client under {@code store}, or null when none is set (or after a problem). */
    private static SSLContext trust(ConfigReader in, Setting<Path> store, Setting<String> password) {
        if (!in.isSet(store)) {
            return null;
        }
        String prefix = store.key().substring(0, store.key().lastIndexOf('.'));
        TlsMaterial material = new TlsMaterial(prefix, null, new char[0], in.get(store), chars(in.get(password)));
        return in.build(store.key(), material::context);
    }

    private static TlsMaterial material(ConfigReader in, Setting<Path> keystore, Setting<String> keystorePassword,
                                        Setting<Path> truststore, Setting<String> truststorePassword) {
        String prefix = keystore.key().substring(0, keystore.key().lastIndexOf('.'));
        TlsMaterial material = new TlsMaterial(prefix, in.get(keystore), chars(in.get(keystorePassword)),
                truststore == null ? null : in.get(truststore), chars(truststorePassword == null ? null : in.get(truststorePassword)));
        // reads the files with their passwords now: a wrong one is a problem at start-up, not at the first connection
        return in.build(keystore.key(), () -> {
            material.context();
            return material;
        });
    }

    private static char[] chars(String password) {
        return password == null ? new char[0] : password.toCharArray();
    }

    /** The value, or null when it is {@code none} (which turns a default off). */
    private static String orNone(String value) {
        return value == null || value.isBlank() || value.trim().equalsIgnoreCase(NONE) ? null : value;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    private static int orZero(Integer n) {
        return n == null ? 0 : n;
    }

    private static long orZeroLong(Long n) {
        return n == null ? 0 : n;
    }
}
