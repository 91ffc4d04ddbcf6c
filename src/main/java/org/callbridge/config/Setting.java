package org.callbridge.config;

/**
 * One setting, declared once: its key, what its value must be, its default, a one-line description (the README's key
 * tables are checked against it) and whether it is a secret (a secret's value is never repeated in a message).
 *
 * @param key         e.g. {@code callbridge.post.interval}; a per-feed key holds {@code <feed>}
 * @param section     the stage it belongs to (its README table)
 * @param type        reads and checks a value that is set
 * @param defaultText the value when none is set, as it would be written; null when there is none
 * @param description one line, as the README says it
 * @param secret      true for passwords and keys
 * @param <T>         what the value reads as
 */
public record Setting<T>(String key, Keys.Section section, Type<T> type, String defaultText, String description, boolean secret) {

    /** Reads and checks one value; a problem is an {@link IllegalArgumentException} whose message needs no key. */
    public interface Type<T> {
        T read(String text);

        /** What a value must be, for messages and tables: "an ISO 8601 duration such as PT30S". */
        String expected();

        /** Whether a value of only spaces counts as unset (all but verbatim text). */
        default boolean blankIsUnset() {
            return true;
        }
    }

    /** The environment variable that overrides this setting (upper case, dots and dashes as underscores). */
    public String environmentName() {
        return Settings.environmentName(key);
    }

    /** This per-feed setting for one feed: {@code callbridge.csv.<feed>.inbox} for {@code dentrix}. */
    public Setting<T> forFeed(String feed) {
        return new Setting<>(key.replace("<feed>", feed), section, type, defaultText, description, secret);
    }
}
