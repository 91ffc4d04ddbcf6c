package org.callbridge.config;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Every setting callbridge reads, declared once, by stage. Nothing else in the application names a key: components
 * receive the typed records {@link Configuration} builds from these. The README's key tables are generated from this
 * list ({@code ReadmeKeysTest}); a default here is the only default.
 */
public final class Keys {
    /** The stages settings belong to, in the order the README lists them. */
    public enum Section {
        API("Calls API"),
        STATE("State database"),
        MLLP("HL7 over MLLP"),
        FILES("Dropped files"),
        CSV_FEED("Vendor CSV feeds (per feed)"),
        PATIENTS("Patient identity"),
        PLANNING("Planning"),
        POSTING("Posting"),
        RESULTS("Results and reports"),
        WEBHOOK("Webhook"),
        WRITEBACK("HL7 back to the EHR"),
        OPERATIONS("Operations"),
        CONSOLE("Console, alerts and retention");

        private final String title;

        Section(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }
    }

    /** What every key starts with. */
    public static final String PREFIX = "callbridge.";
    private static final List<Setting<?>> ALL = new ArrayList<>();

    // api
    public static final Setting<java.net.URI> API_URL = setting(Section.API, "callbridge.api.url", Types.httpUrl(), "http://127.0.0.1:8089",
            "base URL of the Calls API, without `/api/v1`");
    public static final Setting<String> API_KEY = secret(Section.API, "callbridge.api.key", Types.text(), null,
            "API key, sent as `X-API-Key`");
    public static final Setting<Path> API_TLS_TRUSTSTORE = setting(Section.API, "callbridge.api.tls.truststore", Types.path(), null,
            "for an `https` URL whose certificate no CA of the JDK signed: the CA to trust");
    public static final Setting<String> API_TLS_TRUSTSTORE_PASSWORD = secret(Section.API, "callbridge.api.tls.truststore-password", Types.text(), null,
            "its password (a secret)");
    public static final Setting<Duration> API_CONNECT_TIMEOUT = setting(Section.API, "callbridge.api.connect-timeout", Types.timeout(), "PT5S",
            "how long to wait for a connection");
    public static final Setting<Duration> API_REQUEST_TIMEOUT = setting(Section.API, "callbridge.api.request-timeout", Types.timeout(), "PT30S",
            "how long to wait for an answer; after that a POST counts as ambiguous");
    public static final Setting<UUID> AGENT_ID = setting(Section.API, "callbridge.agent-id", Types.uuid(), null,
            "UUID of the AI agent that places reminder calls");

    // state
    public static final Setting<String> STATE_URL = setting(Section.STATE, "callbridge.state.url", Types.text(), "jdbc:h2:file:./work/state/callbridge;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0",
            "the outbox database: H2 file, or `jdbc:postgresql://host:5432/db`");
    public static final Setting<String> STATE_USER = setting(Section.STATE, "callbridge.state.user", Types.text(), "sa",
            "database user");
    public static final Setting<String> STATE_PASSWORD = secret(Section.STATE, "callbridge.state.password", Types.text(), null,
            "database password (a secret)");
    public static final Setting<Duration> STATE_STUCK_AFTER = setting(Section.STATE, "callbridge.state.stuck-after", Types.positiveDuration(), "PT1M",
            "a transaction still running after this ends the process (exit code 5) for its supervisor to restart it");

    // mllp
    public static final Setting<String> HL7_MLLP_HOST = setting(Section.MLLP, "callbridge.hl7.mllp.host", Types.text(), "127.0.0.1",
            "bind address of the MLLP listener; `0.0.0.0` listens on every interface");
    public static final Setting<Integer> HL7_MLLP_PORT = setting(Section.MLLP, "callbridge.hl7.mllp.port", Types.port(), "2575",
            "MLLP port");
    public static final Setting<Integer> HL7_MLLP_MAX_MESSAGE_BYTES = setting(Section.MLLP, "callbridge.hl7.mllp.max-message-bytes", Types.integer(1, Integer.MAX_VALUE), "1048576",
            "largest frame accepted; a larger one closes the connection");
    public static final Setting<Long> HL7_MLLP_MAX_UNANSWERED_BYTES = setting(Section.MLLP, "callbridge.hl7.mllp.max-unanswered-bytes", Types.longValue(1, Long.MAX_VALUE), "2097152",
            "bytes of frames one connection may have read and not yet answered (each frame counts at least 4 KiB); over it, the connection is not read until its ACKs are out");
    public static final Setting<Long> HL7_MLLP_MAX_UNANSWERED_BYTES_TOTAL = setting(Section.MLLP, "callbridge.hl7.mllp.max-unanswered-bytes-total", Types.longValue(1, Long.MAX_VALUE), "16777216",
            "the same for all connections together; over it, connections holding more than 64 KiB stop being read");
    public static final Setting<Path> HL7_MLLP_TLS_KEYSTORE = setting(Section.MLLP, "callbridge.hl7.mllp.tls.keystore", Types.path(), null,
            "PKCS12 or JKS file with the listener's certificate and key; set, the listener speaks TLS 1.2/1.3 only (see [TLS](#tls))");
    public static final Setting<String> HL7_MLLP_TLS_KEYSTORE_PASSWORD = secret(Section.MLLP, "callbridge.hl7.mllp.tls.keystore-password", Types.text(), null,
            "its password (a secret)");
    public static final Setting<Path> HL7_MLLP_TLS_TRUSTSTORE = setting(Section.MLLP, "callbridge.hl7.mllp.tls.truststore", Types.path(), null,
            "the CA that client certificates must chain to");
    public static final Setting<String> HL7_MLLP_TLS_TRUSTSTORE_PASSWORD = secret(Section.MLLP, "callbridge.hl7.mllp.tls.truststore-password", Types.text(), null,
            "its password (a secret)");
    public static final Setting<String> HL7_MLLP_TLS_CLIENT_AUTH = setting(Section.MLLP, "callbridge.hl7.mllp.tls.client-auth", Types.oneOf("none", "want", "need"), "none",
            "client certificates: `none`, `want` (asked for) or `need` (required: mutual TLS)");
    public static final Setting<Charset> HL7_CHARSET = setting(Section.MLLP, "callbridge.hl7.charset", Types.charset(), "UTF-8",
            "charset of HL7 input without MSH-18");
    public static final Setting<String> HL7_APPOINTMENT_ID = setting(Section.MLLP, "callbridge.hl7.appointment-id", Types.oneOf("placer", "filler"), "placer",
            "which id wins when SCH-1 and SCH-2 are both present: `placer` (SCH-1) or `filler` (SCH-2)");

    // files
    public static final Setting<Path> INBOX_HL7 = setting(Section.FILES, "callbridge.inbox.hl7", Types.path(), "work/inbox/hl7",
            "HL7 file drop folder");
    public static final Setting<Path> INBOX_CSV = setting(Section.FILES, "callbridge.inbox.csv", Types.path(), "work/inbox/csv",
            "CSV drop folder (default layout)");
    public static final Setting<Integer> INBOX_POLL_DELAY_MILLIS = setting(Section.FILES, "callbridge.inbox.poll-delay-millis", Types.integer(1, Integer.MAX_VALUE), "500",
            "how often drop folders are scanned");
    public static final Setting<Integer> INBOX_READ_LOCK_MIN_AGE_MILLIS = setting(Section.FILES, "callbridge.inbox.read-lock-min-age-millis", Types.integer(0, Integer.MAX_VALUE), "1000",
            "a dropped file is read once it has not been modified for this long, so a file still being written is left alone");
    public static final Setting<String> INBOX_DONE_SUFFIX = setting(Section.FILES, "callbridge.inbox.done-suffix", Types.text(), null,
            "e.g. `.done`: a file is taken only once `<name><suffix>` is beside it (the sender writes it last); it is removed with the file");
    public static final Setting<Duration> INBOX_RECHECK_AFTER_READ = setting(Section.FILES, "callbridge.inbox.recheck-after-read", Types.duration(), "PT10M",
            "how long a file moved to `processed/` is watched; one that changes meanwhile goes back to its inbox and is read again");
    public static final Setting<Integer> INBOX_MAX_RECORD_CHARS = setting(Section.FILES, "callbridge.inbox.max-record-chars", Types.integer(1, Integer.MAX_VALUE), "1048576",
            "longest HL7 message or CSV row of a dropped file; a longer one is rejected, never held whole");
    public static final Setting<List<String>> CSV_FEEDS = setting(Section.FILES, "callbridge.csv.feeds", Types.names(), null,
            "names of vendor CSV feeds (see below)");
    public static final Setting<Path> REJECTED_DIR = setting(Section.FILES, "callbridge.rejected.dir", Types.path(), "work/rejected",
            "rejected input, each file with a `.reason.txt`");

    // patients
    public static final Setting<Path> PATIENTS_CROSSWALK = setting(Section.PATIENTS, "callbridge.patients.crosswalk", Types.path(), null,
            "CSV `source_id,patient_id` mapping MRNs to Calls API patients; reloaded within a second of a change");
    public static final Setting<String> PATIENTS_MRN_AUTHORITY = setting(Section.PATIENTS, "callbridge.patients.mrn-authority", Types.text(), null,
            "PID-3.4 assigning authority of the MRN");
    public static final Setting<String> PATIENTS_ID_AUTHORITY = setting(Section.PATIENTS, "callbridge.patients.id-authority", Types.text(), "CALLSAPI",
            "PID-3.4 authority under which a Calls API patient UUID may be sent");

    // planning
    public static final Setting<ZoneId> TIMEZONE = setting(Section.PLANNING, "callbridge.timezone", Types.zone(), null,
            "zone of appointments that carry none; unset: this machine's zone");
    public static final Setting<String> LOCATION_TIMEZONES = setting(Section.PLANNING, "callbridge.location-timezones", Types.text(), null,
            "`Main Campus=America/New_York;Maui Clinic=Pacific/Honolulu`");
    public static final Setting<Duration> REMINDER_OFFSET = setting(Section.PLANNING, "callbridge.reminder.offset", Types.positiveDuration(), "P1D",
            "how long before the appointment to call");
    public static final Setting<List<Duration>> REMINDER_OFFSETS = setting(Section.PLANNING, "callbridge.reminder.offsets", Types.durations(), null,
            "the reminder touchpoints: how long before the appointment to call, one call each, e.g. `P7D,P1D,PT2H`; unset: `callbridge.reminder.offset` alone");
    public static final Setting<List<Duration>> RETRY_UNREACHED = setting(Section.PLANNING, "callbridge.retry.unreached", Types.durations(), null,
            "delays after a call that ended `failed` before each further try, e.g. `PT1H,PT3H`; unset: no retries");
    public static final Setting<Integer> CAPS_PER_DAY = setting(Section.PLANNING, "callbridge.caps.per-day", Types.integer(0, 1000), "1",
            "most calls to one patient per local calendar day, across appointments, touchpoints and retries; `0`: no cap");
    public static final Setting<Integer> CAPS_PER_WEEK = setting(Section.PLANNING, "callbridge.caps.per-week", Types.integer(0, 1000), "3",
            "most calls to one patient per seven consecutive local days; `0`: no cap");
    public static final Setting<Duration> REMINDER_MIN_LEAD = setting(Section.PLANNING, "callbridge.reminder.min-lead", Types.duration(), "PT1H",
            "a call later than this before the appointment is skipped as too late");
    public static final Setting<String> CALLING_WINDOW = setting(Section.PLANNING, "callbridge.calling-window", Types.text(), "09:00-19:00",
            "local calling hours; always clamped to 08:00-21:00");
    public static final Setting<String> CALLING_DAYS = setting(Section.PLANNING, "callbridge.calling-days", Types.text(), "MON-SAT",
            "allowed days: `MON-FRI`, `MON,WED,FRI`, ...");
    public static final Setting<Duration> POST_AHEAD = setting(Section.PLANNING, "callbridge.post-ahead", Types.duration(), "PT5M",
            "calls are posted (with `scheduledAt`) at most this long before their time; until then a cancellation removes them locally");
    public static final Setting<UUID> NOSHOW_AGENT_ID = setting(Section.PLANNING, "callbridge.noshow.agent-id", Types.uuid(), null,
            "agent for no-show follow-up calls; unset means no follow-up");
    public static final Setting<Integer> PLANNING_MAX_EVENTS = setting(Section.PLANNING, "callbridge.planning.max-events", Types.integer(1, Integer.MAX_VALUE), "1000",
            "events planned per run; the rest wait for the next");
    public static final Setting<Path> HOLIDAYS = setting(Section.PLANNING, "callbridge.holidays", Types.path(), null,
            "dates no reminder call is placed: a text file of dates (`2026-12-25`, or `2026-12-24 Main Campus`) or an `.ics` calendar; reloaded within a second of a change");
    public static final Setting<Path> RULES = setting(Section.PLANNING, "callbridge.rules", Types.path(), null,
            "YAML reminder rules by type, location, provider, language or source (first match wins); reloaded within a second of a change");
    public static final Setting<Path> DO_NOT_CALL = setting(Section.PLANNING, "callbridge.do-not-call", Types.path(), null,
            "CSV of patients never to call (a `patient_id` and/or `mrn` column); reloaded within a second of a change");

    // posting
    public static final Setting<Duration> WITHDRAWAL_CHECK_INTERVAL = setting(Section.POSTING, "callbridge.withdrawal.check-interval", Types.positiveDuration(), "PT0.5S",
            "how often posted calls cancelled before they started are looked at, to hang them up as soon as they start");
    public static final Setting<Duration> POST_INTERVAL = setting(Section.POSTING, "callbridge.post.interval", Types.positiveDuration(), "PT5S",
            "how often the outbox is planned and due calls are posted");
    public static final Setting<Duration> POST_LEASE_TTL = setting(Section.POSTING, "callbridge.post.lease-ttl", Types.positiveDuration(), "PT2M",
            "how long the instance that plans and posts holds its lease without renewing it (see \"Running several instances\")");
    public static final Setting<Integer> BATCH_MAX_SIZE = setting(Section.POSTING, "callbridge.batch.max-size", Types.integer(1, 500), "100",
            "calls per POST (1 to 500)");
    public static final Setting<Duration> BATCH_MAX_WAIT = setting(Section.POSTING, "callbridge.batch.max-wait", Types.duration(), "PT30S",
            "how long a due call may wait for others to join its batch");
    public static final Setting<Duration> BATCH_PARK_RETRY = setting(Section.POSTING, "callbridge.batch.park-retry", Types.duration(), "PT5M",
            "a parked batch is tried again this long after parking");
    public static final Setting<Duration> BATCH_SCHEDULE_LEAD = setting(Section.POSTING, "callbridge.batch.schedule-lead", Types.duration(), "PT1M",
            "a `scheduledAt` is sent only when at least this far ahead; nearer calls are posted to call at once");
    public static final Setting<Duration> BATCH_SETTLE_TIME = setting(Section.POSTING, "callbridge.batch.settle-time", Types.duration(), "PT1M",
            "a batch sent without an answer and not found at the API is posted again only this long after that POST");
    public static final Setting<Integer> POST_RETRY_MAX_ATTEMPTS = setting(Section.POSTING, "callbridge.post.retry.max-attempts", Types.integer(1, 100), "4",
            "tries per request on 5xx, 429 or no connection, the first included");
    public static final Setting<Duration> POST_RETRY_INITIAL_BACKOFF = setting(Section.POSTING, "callbridge.post.retry.initial-backoff", Types.positiveDuration(), "PT0.5S",
            "first pause between tries, doubled each time, with jitter");
    public static final Setting<Duration> POST_RETRY_MAX_BACKOFF = setting(Section.POSTING, "callbridge.post.retry.max-backoff", Types.positiveDuration(), "PT30S",
            "longest pause, `Retry-After` included");
    public static final Setting<Boolean> DRY_RUN = setting(Section.POSTING, "callbridge.dry-run", Types.bool(), "false",
            "write each batch that would be posted to `<reports>/dry-run/<batch name>.json` (the exact request body) and post nothing");

    // results
    public static final Setting<Path> REPORTS_DIR = setting(Section.RESULTS, "callbridge.reports.dir", Types.path(), "work/reports",
            "report files");
    public static final Setting<Duration> POLL_INTERVAL = setting(Section.RESULTS, "callbridge.poll.interval", Types.positiveDuration(), "PT30S",
            "how often ended calls are polled");
    public static final Setting<Duration> POLL_OVERLAP = setting(Section.RESULTS, "callbridge.poll.overlap", Types.duration(), "PT5S",
            "how far before the watermark each poll re-reads");
    public static final Setting<Duration> POLL_FIRST_LOOK_BACK = setting(Section.RESULTS, "callbridge.poll.first-look-back", Types.duration(), "P1D",
            "how far back the first poll of a new database reads");
    public static final Setting<Boolean> REPORTS_INCLUDE_UNLINKED = setting(Section.RESULTS, "callbridge.reports.include-unlinked", Types.bool(), "false",
            "also report calls that callbridge did not place");
    public static final Setting<Integer> REPORTS_MAX_ATTEMPTS = setting(Section.RESULTS, "callbridge.reports.max-attempts", Types.integer(1, Integer.MAX_VALUE), "10",
            "attempts per report sink before a delivery is parked");
    public static final Setting<String> OUTCOME_CONFIRMED_WHEN = setting(Section.RESULTS, "callbridge.outcome.confirmed-when", Types.text(), "appointment_confirmed=true",
            "a completed call whose final report matches this rule is `confirmed`: `<field>=<value>`, dots for nesting, other values after a vertical bar each, compared as text ignoring case (see [Outcome](#outcome)); `none`: no rule");
    public static final Setting<String> OUTCOME_DECLINED_WHEN = setting(Section.RESULTS, "callbridge.outcome.declined-when", Types.text(), null,
            "the rule for `declined`, tried after confirmed");
    public static final Setting<String> OUTCOME_RESCHEDULE_WHEN = setting(Section.RESULTS, "callbridge.outcome.reschedule-when", Types.text(), "reschedule_requested=true",
            "the rule for `reschedule-requested`, tried after declined; `none`: no rule");
    public static final Setting<String> OUTCOME_OPT_OUT_WHEN = setting(Section.RESULTS, "callbridge.outcome.opt-out-when", Types.text(), null,
            "the rule for `opted-out`, tried last; a completed call no rule matches is `reached`, any other `unreached`");

    // webhook
    public static final Setting<java.net.URI> WEBHOOK_URL = secret(Section.WEBHOOK, "callbridge.webhook.url", Types.httpUrl(), null,
            "where each ended call is POSTed as its JSON report; unset means no webhook. A `user:password@` in it is sent as Basic authentication");
    public static final Setting<String> WEBHOOK_SECRET = secret(Section.WEBHOOK, "callbridge.webhook.secret", Types.text(), null,
            "HMAC-SHA256 key of the `X-Callbridge-Signature` header; required with a URL. Keep it in the environment (`CALLBRIDGE_WEBHOOK_SECRET`)");
    public static final Setting<Path> WEBHOOK_TLS_TRUSTSTORE = setting(Section.WEBHOOK, "callbridge.webhook.tls.truststore", Types.path(), null,
            "for an `https` receiver whose certificate no CA of the JDK signed: the CA to trust");
    public static final Setting<String> WEBHOOK_TLS_TRUSTSTORE_PASSWORD = secret(Section.WEBHOOK, "callbridge.webhook.tls.truststore-password", Types.text(), null,
            "its password (a secret)");
    public static final Setting<Duration> WEBHOOK_CONNECT_TIMEOUT = setting(Section.WEBHOOK, "callbridge.webhook.connect-timeout", Types.timeout(), "PT5S",
            "how long to wait for a connection to the webhook receiver");
    public static final Setting<Duration> WEBHOOK_REQUEST_TIMEOUT = setting(Section.WEBHOOK, "callbridge.webhook.request-timeout", Types.timeout(), "PT10S",
            "how long to wait for the receiver's answer to one POST");
    public static final Setting<Integer> WEBHOOK_RETRY_MAX_ATTEMPTS = setting(Section.WEBHOOK, "callbridge.webhook.retry.max-attempts", Types.integer(1, 100), "4",
            "tries per report within a cycle on 5xx, 408, 429, a timeout or no connection, the first included");
    public static final Setting<Duration> WEBHOOK_RETRY_INITIAL_BACKOFF = setting(Section.WEBHOOK, "callbridge.webhook.retry.initial-backoff", Types.duration(), "PT0.5S",
            "first pause between tries, doubled each time, with jitter");
    public static final Setting<Duration> WEBHOOK_RETRY_MAX_BACKOFF = setting(Section.WEBHOOK, "callbridge.webhook.retry.max-backoff", Types.duration(), "PT30S",
            "longest pause, `Retry-After` included");

    // writeback
    public static final Setting<String> HL7_WRITEBACK_HOST = setting(Section.WRITEBACK, "callbridge.hl7.writeback.host", Types.text(), null,
            "MLLP host of the EHR that receives results; set this and the port, or the folder below");
    public static final Setting<Integer> HL7_WRITEBACK_PORT = setting(Section.WRITEBACK, "callbridge.hl7.writeback.port", Types.port(), null,
            "MLLP port of that EHR");
    public static final Setting<Path> HL7_WRITEBACK_DIR = setting(Section.WRITEBACK, "callbridge.hl7.writeback.dir", Types.path(), null,
            "folder for results as files instead, one `<MSH-10>.hl7` per call, each written atomically");
    public static final Setting<String> HL7_WRITEBACK_KIND = setting(Section.WRITEBACK, "callbridge.hl7.writeback.kind", Types.oneOf("ORU_R01", "SIU_S14"), "ORU_R01",
            "`ORU_R01` (an observation result per call) or `SIU_S14` (a schedule update of the appointment)");
    public static final Setting<String> HL7_WRITEBACK_SENDING_APPLICATION = setting(Section.WRITEBACK, "callbridge.hl7.writeback.sending-application", Types.text(), "CALLBRIDGE",
            "MSH-3 of result messages");
    public static final Setting<String> HL7_WRITEBACK_SENDING_FACILITY = setting(Section.WRITEBACK, "callbridge.hl7.writeback.sending-facility", Types.text(), null,
            "MSH-4");
    public static final Setting<String> HL7_WRITEBACK_RECEIVING_APPLICATION = setting(Section.WRITEBACK, "callbridge.hl7.writeback.receiving-application", Types.text(), null,
            "MSH-5");
    public static final Setting<String> HL7_WRITEBACK_RECEIVING_FACILITY = setting(Section.WRITEBACK, "callbridge.hl7.writeback.receiving-facility", Types.text(), null,
            "MSH-6");
    public static final Setting<Duration> HL7_WRITEBACK_CONNECT_TIMEOUT = setting(Section.WRITEBACK, "callbridge.hl7.writeback.connect-timeout", Types.timeout(), "PT5S",
            "how long to wait for the MLLP connection");
    public static final Setting<Duration> HL7_WRITEBACK_ACK_TIMEOUT = setting(Section.WRITEBACK, "callbridge.hl7.writeback.ack-timeout", Types.timeout(), "PT30S",
            "how long to wait for each ACK; none in time and the message is tried again on a later cycle");
    public static final Setting<Boolean> HL7_WRITEBACK_TLS_ENABLED = setting(Section.WRITEBACK, "callbridge.hl7.writeback.tls.enabled", Types.bool(), "false",
            "TLS 1.2/1.3 to the MLLP target; its host name is checked against its certificate");
    public static final Setting<Path> HL7_WRITEBACK_TLS_KEYSTORE = setting(Section.WRITEBACK, "callbridge.hl7.writeback.tls.keystore", Types.path(), null,
            "this side's certificate and key, for a receiver that requires client certificates");
    public static final Setting<String> HL7_WRITEBACK_TLS_KEYSTORE_PASSWORD = secret(Section.WRITEBACK, "callbridge.hl7.writeback.tls.keystore-password", Types.text(), null,
            "its password (a secret)");
    public static final Setting<Path> HL7_WRITEBACK_TLS_TRUSTSTORE = setting(Section.WRITEBACK, "callbridge.hl7.writeback.tls.truststore", Types.path(), null,
            "the receiver's CA; none: the CAs the JDK trusts");
    public static final Setting<String> HL7_WRITEBACK_TLS_TRUSTSTORE_PASSWORD = secret(Section.WRITEBACK, "callbridge.hl7.writeback.tls.truststore-password", Types.text(), null,
            "its password (a secret)");
    public static final Setting<String> HL7_WRITEBACK_STATUS_CONFIRMED = setting(Section.WRITEBACK, "callbridge.hl7.writeback.status.confirmed", Types.text(), "Confirmed",
            "SIU^S14 only: SCH-25 (filler status code) of the appointment when the call's outcome is `confirmed`; `none`: SCH-25 stays the call status, as for a class without a code");
    public static final Setting<String> HL7_WRITEBACK_STATUS_DECLINED = setting(Section.WRITEBACK, "callbridge.hl7.writeback.status.declined", Types.text(), null,
            "the same for `declined`");
    public static final Setting<String> HL7_WRITEBACK_STATUS_RESCHEDULE_REQUESTED = setting(Section.WRITEBACK, "callbridge.hl7.writeback.status.reschedule-requested", Types.text(), null,
            "the same for `reschedule-requested`");
    public static final Setting<String> HL7_WRITEBACK_STATUS_OPTED_OUT = setting(Section.WRITEBACK, "callbridge.hl7.writeback.status.opted-out", Types.text(), null,
            "the same for `opted-out`");
    public static final Setting<String> HL7_WRITEBACK_STATUS_REACHED = setting(Section.WRITEBACK, "callbridge.hl7.writeback.status.reached", Types.text(), null,
            "the same for `reached`");
    public static final Setting<String> HL7_WRITEBACK_STATUS_UNREACHED = setting(Section.WRITEBACK, "callbridge.hl7.writeback.status.unreached", Types.text(), null,
            "the same for `unreached`");

    // operations
    public static final Setting<String> INSTANCE_ID = setting(Section.OPERATIONS, "callbridge.instance-id", Types.text(), null,
            "this instance's name in leases and in the log; unset: the host name and a hash of the installation folder, the same across restarts");
    public static final Setting<String> MANAGEMENT_HOST = setting(Section.OPERATIONS, "callbridge.management.host", Types.text(), "127.0.0.1",
            "bind address of the health and metrics server");
    public static final Setting<Integer> MANAGEMENT_PORT = setting(Section.OPERATIONS, "callbridge.management.port", Types.port(), "9876",
            "port of `/observe/health`, `/observe/health/live`, `/observe/health/ready` and `/observe/metrics`; empty turns them off");

    public static final Setting<Path> MANAGEMENT_TLS_KEYSTORE = setting(Section.OPERATIONS, "callbridge.management.tls.keystore", Types.path(), null,
            "PKCS#12 or JKS keystore: the management server (health, metrics, console) speaks HTTPS only");
    public static final Setting<String> MANAGEMENT_TLS_KEYSTORE_PASSWORD = secret(Section.OPERATIONS, "callbridge.management.tls.keystore-password", Types.text(), null,
            "its password (a secret)");

    // console
    public static final Setting<String> CONSOLE_USER = setting(Section.CONSOLE, "callbridge.console.user", Types.text(), "admin",
            "who signs in to `/console/` and `/ops/v1/` (HTTP Basic)");
    public static final Setting<String> CONSOLE_PASSWORD = secret(Section.CONSOLE, "callbridge.console.password", Types.text(), null,
            "their password (a secret: environment or `_FILE`); unset: the console and the ops API are off");
    public static final Setting<Duration> ALERTS_CHECK_INTERVAL = setting(Section.CONSOLE, "callbridge.alerts.check-interval", Types.positiveDuration(), "PT15S",
            "how often alert conditions are looked at");
    public static final Setting<Duration> ALERTS_POLL_LAG = setting(Section.CONSOLE, "callbridge.alerts.poll-lag", Types.positiveDuration(), "PT15M",
            "results polled longer ago than this raise an alert");
    public static final Setting<Long> ALERTS_MIN_FREE_DISK_MB = setting(Section.CONSOLE, "callbridge.alerts.min-free-disk-mb", Types.longValue(0, Long.MAX_VALUE), "1024",
            "less free space than this (MB) where the H2 state database lives raises an alert; `0` turns it off");
    public static final Setting<java.time.temporal.TemporalAmount> RETENTION = setting(Section.CONSOLE, "callbridge.retention", Types.age(), "P90D",
            "finished work older than this (appointments long past, their calls ended and delivered, rejections) is pruned");
    public static final Setting<java.time.temporal.TemporalAmount> RETENTION_AUDIT = setting(Section.CONSOLE, "callbridge.retention.audit", Types.age(), "P1Y",
            "how long the console's audit records are kept");
    public static final Setting<Duration> RETENTION_INTERVAL = setting(Section.CONSOLE, "callbridge.retention.interval", Types.positiveDuration(), "PT1H",
            "how often pruning runs (in small transactions)");

    // per CSV feed: callbridge.csv.<feed>.*, read for each name in callbridge.csv.feeds
    public static final Setting<Path> CSV_FEED_INBOX = setting(Section.CSV_FEED, "callbridge.csv.<feed>.inbox", Types.path(), null,
            "the feed's drop folder (required)");
    public static final Setting<String> CSV_FEED_DELIMITER = setting(Section.CSV_FEED, "callbridge.csv.<feed>.delimiter", Types.verbatim(), ",",
            "one character; `\\t` or `tab` for a tab");
    public static final Setting<String> CSV_FEED_COLUMN = setting(Section.CSV_FEED, "callbridge.csv.<feed>.column.<field>", Types.text(), null,
            "the header of the column holding `<field>`; with none set, the default layout's columns apply");
    public static final Setting<String> CSV_FEED_DATETIME_FORMAT = setting(Section.CSV_FEED, "callbridge.csv.<feed>.datetime-format", Types.text(), null,
            "pattern of `start` (e.g. `MM/dd/yyyy HH:mm`); unset: ISO 8601");
    public static final Setting<String> CSV_FEED_DATE_FORMAT = setting(Section.CSV_FEED, "callbridge.csv.<feed>.date-format", Types.text(), "yyyy-MM-dd",
            "pattern of `start-date`");
    public static final Setting<String> CSV_FEED_TIME_FORMAT = setting(Section.CSV_FEED, "callbridge.csv.<feed>.time-format", Types.text(), "HH:mm",
            "pattern of `start-time`");
    public static final Setting<String> CSV_FEED_CANCELLED_VALUES = setting(Section.CSV_FEED, "callbridge.csv.<feed>.cancelled-values", Types.text(), null,
            "`status` values meaning cancelled, comma-separated; unset: `cancelled`");
    public static final Setting<String> CSV_FEED_BOOKED_VALUES = setting(Section.CSV_FEED, "callbridge.csv.<feed>.booked-values", Types.text(), null,
            "`status` values meaning booked; unset: `booked` (with cancelled-values set: any other value)");
    public static final Setting<ZoneId> CSV_FEED_TIMEZONE = setting(Section.CSV_FEED, "callbridge.csv.<feed>.timezone", Types.zone(), null,
            "zone of the feed's appointments that carry none; unset: `callbridge.timezone`");

    private Keys() {
    }

    /** Every declaration, in README order (per-feed ones hold {@code <feed>}). */
    public static List<Setting<?>> all() {
        return List.copyOf(ALL);
    }

    /** The declarations of one section. */
    public static List<Setting<?>> of(Section section) {
        return ALL.stream().filter(s -> s.section() == section).toList();
    }

    private static <T> Setting<T> setting(Section section, String key, Setting.Type<T> type, String defaultText, String description) {
        return add(new Setting<>(key, section, type, defaultText, description, false));
    }

    private static <T> Setting<T> secret(Section section, String key, Setting.Type<T> type, String defaultText, String description) {
        return add(new Setting<>(key, section, type, defaultText, description, true));
    }

    private static <T> Setting<T> add(Setting<T> setting) {
        ALL.add(setting);
        return setting;
    }
}
