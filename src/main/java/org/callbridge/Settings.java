package org.callbridge;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The configuration: built-in defaults, then {@code application.properties} (the working
 * directory's, or {@code --config FILE}), then the environment, where {@code callbridge.api.key}
 * is read from {@code CALLBRIDGE_API_KEY} (upper case, dots and dashes as underscores).
 */
public final class Settings {
    private static final String DEFAULTS = "/callbridge-defaults.properties";
    private final Map<String, String> values;

    private Settings(Map<String, String> values) {
        this.values = values;
    }

    /** Loads the settings; a problem is a one-line {@link IllegalArgumentException}. */
    public static Settings load(Path configFile, Map<String, String> environment) {
        Map<String, String> merged = new TreeMap<>();
        try (var in = Settings.class.getResourceAsStream(DEFAULTS)) {
            Properties defaults = new Properties();
            defaults.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
            defaults.forEach((k, v) -> merged.put((String) k, ((String) v).trim()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path file = configFile != null ? configFile : Path.of("application.properties");
        if (configFile != null && !Files.isReadable(configFile)) {
            throw new IllegalArgumentException("configuration file not readable: " + configFile);
        }
        if (Files.isReadable(file)) {
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                Properties props = new Properties();
                props.load(reader);
                props.forEach((k, v) -> merged.put((String) k, ((String) v).trim()));
            } catch (IOException e) {
                throw new IllegalArgumentException("configuration file unreadable: " + file + " (" + e.getMessage() + ")");
            }
        }
        for (String key : merged.keySet().toArray(String[]::new)) {
            String fromEnv = environment.get(environmentName(key));
            if (fromEnv != null) {
                merged.put(key, fromEnv.trim());
            }
        }
        return new Settings(merged);
    }

    /** The environment variable that overrides {@code key}. */
    public static String environmentName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** A copy with some values replaced (tests, the demo). */
    public Settings with(Map<String, String> overrides) {
        Map<String, String> copy = new TreeMap<>(values);
        copy.putAll(overrides);
        return new Settings(copy);
    }

    public String get(String key) {
        String value = values.get(key);
        return value == null || value.isEmpty() ? null : value;
    }

    public String require(String key) {
        String value = get(key);
        if (value == null) {
            throw new IllegalArgumentException(key + " is not set");
        }
        return value;
    }

    public Duration duration(String key) {
        String value = require(key);
        try {
            return Duration.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(key + " is not an ISO 8601 duration (e.g. PT2S, P1D): " + value);
        }
    }

    public int integer(String key) {
        String value = require(key);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " is not a whole number: " + value);
        }
    }

    public long longValue(String key) {
        String value = require(key);
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " is not a whole number: " + value);
        }
    }

    public boolean flag(String key) {
        String value = get(key);
        return value != null && Boolean.parseBoolean(value);
    }

    /** Every value, for Camel's property placeholders. The API key is among them: never print this. */
    public Properties asProperties() {
        Properties props = new Properties();
        props.putAll(values);
        return props;
    }

    /** Every value that is set (blank ones left out), as an immutable map; same caution as {@link #asProperties()}. */
    public Map<String, String> asMap() {
        Map<String, String> set = new TreeMap<>(values);
        set.values().removeIf(String::isEmpty);
        return Map.copyOf(set);
    }
}
