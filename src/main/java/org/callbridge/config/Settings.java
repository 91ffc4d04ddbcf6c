package org.callbridge.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.callbridge.csv.CsvField;

/**
 * The values as set, before they are read: {@code application.properties} (the working directory's, or
 * {@code --config FILE}), then the environment. Every declared key ({@link Keys}), and every per-feed key of each feed
 * named, may come from the environment whether or not the file has it: {@code callbridge.api.key} from
 * {@code CALLBRIDGE_API_KEY} (upper case, dots and dashes as underscores), or from the file that
 * {@code CALLBRIDGE_API_KEY_FILE} names (the convention of container secrets; one final line break is dropped).
 * Values are kept as written: each type trims what it should (a tab delimiter survives). Defaults are not here: they
 * are the declarations'. Only {@link Configuration} reads this.
 */
public final class Settings {
    private final Map<String, String> values;
    private final List<String> problems;

    private Settings(Map<String, String> values, List<String> problems) {
        this.values = values;
        this.problems = problems;
    }

    /** The values of {@code configFile} (or ./application.properties when null and present) and the environment. */
    public static Settings load(Path configFile, Map<String, String> environment) {
        Map<String, String> merged = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        Path file = configFile != null ? configFile : Path.of("application.properties");
        if (configFile != null && !Files.isReadable(configFile)) {
            throw new IllegalArgumentException("configuration file not readable: " + configFile);
        }
        if (Files.isReadable(file)) {
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                Properties props = new Properties();
                props.load(reader);
                props.forEach((k, v) -> merged.put((String) k, (String) v));
            } catch (IOException | IllegalArgumentException e) {
                throw new IllegalArgumentException("configuration file unreadable: " + file + " (" + e.getClass().getSimpleName() + ")");
            }
        }
        fromEnvironment(declaredKeys(), environment, merged, problems);
        // the feeds' own keys, once the list of feeds itself may have come from the environment
        fromEnvironment(feedKeys(merged.get(Keys.CSV_FEEDS.key())), environment, merged, problems);
        return new Settings(merged, List.copyOf(problems));
    }

    /** Values given directly (tests, the demo): nothing from a file or the environment. */
    public static Settings of(Map<String, String> values) {
        return new Settings(new TreeMap<>(values), List.of());
    }

    /** The environment variable that overrides {@code key}. */
    public static String environmentName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** A copy with some values replaced (tests, the demo). */
    public Settings with(Map<String, String> overrides) {
        Map<String, String> copy = new TreeMap<>(values);
        copy.putAll(overrides);
        return new Settings(copy, problems);
    }

    /** The value as written, or null when unset or empty. */
    public String get(String key) {
        String value = values.get(key);
        return value == null || value.isEmpty() ? null : value;
    }

    /** Every value that is set, as written (tests and tools; components receive {@link Configuration} instead). */
    public Map<String, String> asMap() {
        Map<String, String> set = new TreeMap<>(values);
        set.values().removeIf(v -> v == null || v.isEmpty());
        return Map.copyOf(set);
    }

    /** Problems met while loading (an unreadable {@code _FILE}), each one line naming the key. */
    List<String> problems() {
        return problems;
    }

    /** Every key that is set (tests may look). */
    Set<String> keys() {
        return values.keySet();
    }

    private static void fromEnvironment(Set<String> keys, Map<String, String> environment, Map<String, String> merged,
                                        List<String> problems) {
        for (String key : keys) {
            String name = environmentName(key);
            String direct = environment.get(name);
            String file = environment.get(name + "_FILE");
            if (direct != null && file != null) {
                problems.add(key + ": both " + name + " and " + name + "_FILE are set; set one");
            } else if (direct != null) {
                merged.put(key, direct);
            } else if (file != null) {
                try {
                    String content = Files.readString(Path.of(file), StandardCharsets.UTF_8);
                    merged.put(key, content.endsWith("\r\n") ? content.substring(0, content.length() - 2)
                            : content.endsWith("\n") ? content.substring(0, content.length() - 1) : content);
                } catch (IOException | RuntimeException e) {
                    problems.add(key + ": " + name + "_FILE names a file that cannot be read: " + file);
                }
            }
        }
    }

    private static Set<String> declaredKeys() {
        Set<String> keys = new LinkedHashSet<>();
        for (Setting<?> setting : Keys.all()) {
            if (!setting.key().contains("<feed>")) {
                keys.add(setting.key());
            }
        }
        return keys;
    }

    /** Every per-feed key of the feeds named in {@code feedList}. */
    static Set<String> feedKeys(String feedList) {
        Set<String> keys = new LinkedHashSet<>();
        if (feedList == null) {
            return keys;
        }
        for (String feed : feedList.split(",")) {
            String name = feed.trim();
            if (name.isEmpty()) {
                continue;
            }
            for (Setting<?> setting : Keys.of(Keys.Section.CSV_FEED)) {
                String key = setting.forFeed(name).key();
                if (key.contains("<field>")) {
                    for (CsvField field : CsvField.values()) {
                        keys.add(key.replace("<field>", field.key()));
                    }
                } else {
                    keys.add(key);
                }
            }
        }
        return keys;
    }
}
