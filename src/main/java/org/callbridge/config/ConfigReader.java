package org.callbridge.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Reads declared settings from what was set, collecting problems instead of stopping at the first: each problem is
 * one line that starts with its key, and a key has at most one problem, however many records read it.
 */
final class ConfigReader {
    private final Settings settings;
    private final Map<String, String> problems = new LinkedHashMap<>();

    ConfigReader(Settings settings) {
        this.settings = settings;
        settings.problems().forEach(line -> problems.putIfAbsent(line.substring(0, Math.max(0, line.indexOf(':'))), line));
    }

    /** The value set, or the default; null when neither (or when the value is wrong: a problem is recorded). */
    <T> T get(Setting<T> setting) {
        String raw = settings.get(setting.key());
        if (raw != null && setting.type().blankIsUnset() && raw.isBlank()) {
            raw = null;
        }
        String text = raw != null ? raw : setting.defaultText();
        if (text == null) {
            return null;
        }
        try {
            return setting.type().read(text);
        } catch (Refusal e) {
            problem(setting.key(), setting.key() + ": " + e.getMessage());
        } catch (RuntimeException e) {
            problem(setting.key(), setting.key() + ": " + (setting.secret() ? "the value set" : "'" + text.trim() + "'")
                    + " is not " + setting.type().expected());
        }
        return null;
    }

    /** As {@link #get}, with a problem when there is no value at all. */
    <T> T require(Setting<T> setting) {
        T value = get(setting);
        if (value == null && !problems.containsKey(setting.key())) {
            problem(setting.key(), setting.key() + ": not set (in the file, or " + setting.environmentName() + ")");
        }
        return value;
    }

    /** True when the setting has a value of its own (not its default). */
    boolean isSet(Setting<?> setting) {
        String raw = settings.get(setting.key());
        return raw != null && !(setting.type().blankIsUnset() && raw.isBlank());
    }

    /** The value as written, or null (per-feed keys whose names are only known at run time). */
    String raw(String key) {
        return settings.get(key);
    }

    /** Every key that is set. */
    java.util.Set<String> keys() {
        return settings.keys();
    }

    /** Builds a record from values already read; its own refusal becomes the problem of {@code key}. */
    <T> T build(String key, Supplier<T> record) {
        try {
            return record.get();
        } catch (RuntimeException e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            problem(key, message.startsWith(Keys.PREFIX) ? message : key + ": " + message);
            return null;
        }
    }

    /** Records a problem of {@code key}, unless it has one already. */
    void problem(String key, String line) {
        problems.putIfAbsent(key, line);
    }

    boolean hasProblem(String key) {
        return problems.containsKey(key);
    }

    List<String> problems() {
        return new ArrayList<>(problems.values());
    }

    /** A value refused for a reason of its own; the message follows the key. */
    static final class Refusal extends IllegalArgumentException {
        Refusal(String reason) {
            super(reason);
        }
    }
}
