package org.callbridge;

import java.net.URI;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.callbridge.appointment.AppointmentIdPreference;
import org.callbridge.appointment.CsvFeedConfig;
import org.callbridge.callsapi.CallsApiClient;
import org.callbridge.callsapi.CallsApiException;
import org.callbridge.callsapi.CallsApiSettings;
import org.callbridge.callsapi.UnauthorizedException;
import org.callbridge.planning.PatientZones;
import org.callbridge.planning.PolicySettings;
import org.callbridge.posting.PostingSettings;
import org.callbridge.store.JdbcUrls;

/**
 * {@code check}: validates every setting, that the folders are writable, that the state
 * database answers, and that the Calls API is reachable and accepts the key. Returns one line
 * per problem; none means ready to run. Never prints a secret.
 */
final class ConfigCheck {
    private final Settings settings;
    private final List<String> problems = new ArrayList<>();

    ConfigCheck(Settings settings) {
        this.settings = settings;
    }

    List<String> run() {
        check(() -> uuid("callbridge.agent-id", true));
        check(() -> uuid("callbridge.noshow.agent-id", false));
        check(() -> CallbridgeRuntime.defaultZone(settings));
        check(() -> PatientZones.parseLocations("callbridge.location-timezones", nz(settings.get("callbridge.location-timezones"))));
        check(() -> PolicySettings.fromProperties(settings.asMap()));
        check(() -> PostingSettings.fromProperties(settings.asMap()));
        check(() -> CallbridgeRuntime.csvFeeds(settings, CallbridgeRuntime.defaultZone(settings)));
        check(() -> AppointmentIdPreference.parse(settings.require("callbridge.hl7.appointment-id")));
        check(() -> Charset.forName(settings.require("callbridge.hl7.charset")));
        check(() -> port("callbridge.hl7.mllp.port"));
        for (String key : List.of("callbridge.api.connect-timeout", "callbridge.api.request-timeout", "callbridge.poll.interval",
                "callbridge.poll.overlap", "callbridge.poll.first-look-back", "callbridge.post.interval",
                "callbridge.post.lease-ttl")) {
            check(() -> settings.duration(key));
        }
        check(() -> CallbridgeRuntime.stuckAfter(settings));
        for (String key : List.of("callbridge.hl7.mllp.max-message-bytes", "callbridge.reports.max-attempts")) {
            check(() -> positive(key));
        }
        for (String key : List.of("callbridge.inbox.hl7", "callbridge.inbox.csv", "callbridge.rejected.dir", "callbridge.reports.dir")) {
            check(() -> writable(key, Path.of(settings.require(key))));
        }
        check(() -> {
            for (CsvFeedConfig feed : CallbridgeRuntime.csvFeeds(settings, CallbridgeRuntime.defaultZone(settings))) {
                writable("callbridge.csv." + feed.feedName() + ".inbox", feed.inbox());
            }
            return null;
        });
        check(() -> readable("callbridge.patients.crosswalk"));
        check(() -> {
            TlsSettings.check(settings);
            return null;
        });
        check(this::database);
        check(this::api);
        return problems;
    }

    private interface Check {
        Object run() throws Exception;
    }

    private void check(Check check) {
        try {
            check.run();
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        } catch (Exception e) {
            problems.add(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private Object uuid(String key, boolean required) {
        String value = required ? settings.require(key) : settings.get(key);
        if (value != null) {
            try {
                UUID.fromString(value);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(key + " is not a UUID: " + value);
            }
        }
        return value;
    }

    private Object port(String key) {
        int port = settings.integer(key);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(key + " must be a port between 1 and 65535: " + port);
        }
        return port;
    }

    private Object positive(String key) {
        if (settings.integer(key) < 1) {
            throw new IllegalArgumentException(key + " must be at least 1");
        }
        return null;
    }

    private static Object writable(String key, Path dir) {
        Path existing = dir.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !Files.isDirectory(existing) || !Files.isWritable(existing)) {
            throw new IllegalArgumentException(key + " is not a writable folder: " + dir);
        }
        return null;
    }

    private Object readable(String key) {
        String file = settings.get(key);
        if (file != null && !Files.isReadable(Path.of(file))) {
            throw new IllegalArgumentException(key + " is not a readable file: " + file);
        }
        return null;
    }

    private Object database() {
        String url = settings.require("callbridge.state.url");
        try (Connection c = DriverManager.getConnection(url, settings.get("callbridge.state.user"), nz(settings.get("callbridge.state.password")))) {
            return c.getMetaData().getDatabaseProductName();
        } catch (Exception e) {
            throw new IllegalArgumentException("callbridge.state.url: cannot connect to " + JdbcUrls.redact(url) + " ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    private Object api() {
        CallsApiClient client = new CallsApiClient(new CallsApiSettings(URI.create(settings.require("callbridge.api.url")),
                settings.require("callbridge.api.key"), settings.duration("callbridge.api.connect-timeout"),
                settings.duration("callbridge.api.request-timeout")));
        try {
            client.listCampaigns(1, 1);
        } catch (UnauthorizedException e) {
            throw new IllegalArgumentException("callbridge.api.key is not accepted by the Calls API at " + settings.get("callbridge.api.url"));
        } catch (CallsApiException e) {
            throw new IllegalArgumentException("callbridge.api.url: the Calls API at " + settings.get("callbridge.api.url")
                    + " did not answer as expected (" + e.getClass().getSimpleName() + ", HTTP " + e.status() + ")");
        }
        return null;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
