package org.callbridge;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.time.DayOfWeek;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.callbridge.csv.CsvFeedConfig;
import org.callbridge.callsapi.CallsApiClient;
import org.callbridge.callsapi.CallsApiException;
import org.callbridge.callsapi.UnauthorizedException;
import org.callbridge.config.Configuration;
import org.callbridge.config.InvalidConfiguration;
import org.callbridge.config.Keys;
import org.callbridge.config.Settings;
import org.callbridge.planning.DoNotCallFile;
import org.callbridge.planning.HolidayCalendar;
import org.callbridge.planning.RulesFile;
import org.callbridge.store.JdbcUrls;

/**
 * What {@code run} checks before it starts anything, and {@code check} reports: the configuration builds (every
 * problem of every key), then what it names exists on this machine: the folders can be written, the crosswalk read,
 * the holidays, rules and do-not-call files read as the planner reads them, the H2 file's folder written, the
 * listening ports are free, and an agent is set. {@code check} also connects to the state database and asks the Calls
 * API whether it accepts the key. Each problem is one line that names its key.
 */
final class ConfigCheck {
    private final Settings settings;
    private final List<String> problems = new ArrayList<>();

    ConfigCheck(Settings settings) {
        this.settings = settings;
    }

    /** The problems {@code check} reports: those of {@link #beforeRun()}, then the database and the Calls API. */
    List<String> run() {
        Configuration config = beforeRunChecks();
        if (config != null && problems.isEmpty()) {
            database(config);
            api(config);
        }
        return problems;
    }

    /** The configuration, when it and this machine can run it; otherwise every problem, as {@link InvalidConfiguration}. */
    Configuration beforeRun() {
        Configuration config = beforeRunChecks();
        if (!problems.isEmpty()) {
            throw new InvalidConfiguration(problems);
        }
        return config;
    }

    private Configuration beforeRunChecks() {
        Configuration config;
        boolean valid = true;
        try {
            config = Configuration.build(settings);
        } catch (InvalidConfiguration e) {
            problems.addAll(e.problems());
            // what the keys that are right name is still looked at, so that one run shows every problem
            config = Configuration.partial(settings);
            valid = false;
        }
        machine(config);
        return valid ? config : null;
    }

    private void machine(Configuration config) {
        if (config.policy() != null && config.policy().agentId() == null && !mentions(Keys.AGENT_ID.key())) {
            problems.add(Keys.AGENT_ID.key() + ": not set (in the file, or " + Keys.AGENT_ID.environmentName() + ")");
        }
        writable(Keys.INBOX_HL7.key(), config.files().hl7Inbox());
        writable(Keys.INBOX_CSV.key(), config.files().csvInbox());
        writable(Keys.REJECTED_DIR.key(), config.files().rejectedDir());
        writable(Keys.REPORTS_DIR.key(), config.results().reportsDir());
        for (CsvFeedConfig feed : config.feeds() == null ? List.<CsvFeedConfig>of() : config.feeds()) {
            writable(Keys.CSV_FEED_INBOX.forFeed(feed.feedName()).key(), feed.inbox());
        }
        if (config.writeback() != null && config.writeback().dir() != null) {
            writable(Keys.HL7_WRITEBACK_DIR.key(), config.writeback().dir());
        }
        Path crosswalk = config.patients().crosswalk();
        if (crosswalk != null && !(Files.isRegularFile(crosswalk) && Files.isReadable(crosswalk))) {
            problems.add(Keys.PATIENTS_CROSSWALK.key() + ": not a readable file: " + crosswalk);
        }
        programFiles(config);
        Path h2 = config.state().url() == null ? null : JdbcUrls.h2File(config.state().url());
        if (h2 != null && !writableFolder(h2.toAbsolutePath().getParent())) {
            problems.add(Keys.STATE_URL.key() + ": the H2 file's folder cannot be written: " + h2.toAbsolutePath().getParent());
        }
        if (config.mllp().port() > 0 && config.mllp().host() != null) {
            free(Keys.HL7_MLLP_PORT.key(), config.mllp().host(), config.mllp().port());
        }
        if (config.management().port() != null && config.management().host() != null) {
            free(Keys.MANAGEMENT_PORT.key(), config.management().host(), config.management().port());
        }
    }

    /** The holidays, rules and do-not-call files read as the planner reads them: one line for the first problem of each. */
    private void programFiles(Configuration config) {
        Configuration.ProgramFiles files = config.programFiles();
        Set<DayOfWeek> days = config.policy() == null ? EnumSet.allOf(DayOfWeek.class) : config.policy().window().days();
        readable(Keys.HOLIDAYS.key(), files.holidays(), file -> HolidayCalendar.load(file, Keys.HOLIDAYS.key()));
        readable(Keys.RULES.key(), files.rules(), file -> RulesFile.load(file, Keys.RULES.key(), days));
        readable(Keys.DO_NOT_CALL.key(), files.doNotCall(), file -> DoNotCallFile.load(file, Keys.DO_NOT_CALL.key()));
    }

    private void readable(String key, Path file, Consumer<Path> load) {
        if (file == null || mentions(key)) {
            return;
        }
        if (!(Files.isRegularFile(file) && Files.isReadable(file))) {
            problems.add(key + ": not a readable file: " + file);
            return;
        }
        try {
            load.accept(file);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
    }

    private boolean mentions(String key) {
        return problems.stream().anyMatch(p -> p.startsWith(key + ":"));
    }

    private void writable(String key, Path dir) {
        if (dir != null && !mentions(key) && !writableFolder(dir)) {
            problems.add(key + ": not a writable folder: " + dir);
        }
    }

    /** The folder, or the nearest existing folder above it (the rest is created), can be written. */
    private static boolean writableFolder(Path dir) {
        if (dir == null) {
            return true;
        }
        Path existing = dir.toAbsolutePath();
        if (Files.exists(existing)) {
            return Files.isDirectory(existing) && Files.isWritable(existing);
        }
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        return existing != null && Files.isDirectory(existing) && Files.isWritable(existing);
    }

    /** Nothing else listens on the port (or it cannot be bound at all: a port below 1024 without the right to it). */
    private void free(String key, String host, int port) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(host, port));
        } catch (IOException | RuntimeException e) {
            problems.add(key + ": cannot listen on " + host + ":" + port + " ("
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")");
        }
    }

    private void database(Configuration config) {
        Configuration.State state = config.state();
        try (Connection c = DriverManager.getConnection(state.url(), state.user(), state.password())) {
            c.getMetaData().getDatabaseProductName();
        } catch (Exception e) {
            problems.add(Keys.STATE_URL.key() + ": cannot connect to " + JdbcUrls.redact(state.url()) + " ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    private void api(Configuration config) {
        CallsApiClient client = new CallsApiClient(config.api().client(), config.api().trust());
        String url = config.api().client().baseUrl().toString();
        try {
            client.listCampaigns(1, 1);
        } catch (UnauthorizedException e) {
            problems.add(Keys.API_KEY.key() + ": not accepted by the Calls API at " + url);
        } catch (CallsApiException e) {
            problems.add(Keys.API_URL.key() + ": the Calls API at " + url + " did not answer as expected ("
                    + e.getClass().getSimpleName() + ", HTTP " + e.status() + ")");
        }
    }
}
