package org.callbridge.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.Charset;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Function;

/** The kinds of value a setting may hold, each with one wording of what it expects. */
final class Types {
    private Types() {
    }

    static Setting.Type<String> text() {
        return of("text", String::trim);
    }

    /** Kept as written, spaces included (a CSV delimiter may be a tab or a space). */
    static Setting.Type<String> verbatim() {
        return new Setting.Type<>() {
            @Override
            public String read(String text) {
                return text;
            }

            @Override
            public String expected() {
                return "text";
            }

            @Override
            public boolean blankIsUnset() {
                return false;
            }
        };
    }

    static Setting.Type<Duration> duration() {
        return durationOf(false, false);
    }

    /** More than zero. */
    static Setting.Type<Duration> positiveDuration() {
        return durationOf(true, false);
    }

    /** More than zero, and short enough to be given in milliseconds as an int (socket timeouts). */
    static Setting.Type<Duration> timeout() {
        return durationOf(true, true);
    }

    private static Setting.Type<Duration> durationOf(boolean positive, boolean intMillis) {
        return of("an ISO 8601 duration such as PT30S", text -> {
            Duration d;
            try {
                d = Duration.parse(text.trim());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException();
            }
            if (d.isNegative()) {
                throw new ConfigReader.Refusal("'" + text.trim() + "' must not be negative");
            }
            if (positive && d.toMillis() < 1) {
                throw new ConfigReader.Refusal("'" + text.trim() + "' must be at least 1 ms");
            }
            if (intMillis && d.toMillis() > Integer.MAX_VALUE) {
                throw new ConfigReader.Refusal("'" + text.trim() + "' is too long (at most about 24 days)");
            }
            return d;
        });
    }

    /**
     * How old a record may grow: an ISO 8601 period in days, weeks, months or years ({@code P90D}, {@code P1Y}) or a
     * duration ({@code PT12H}); more than zero.
     */
    static Setting.Type<java.time.temporal.TemporalAmount> age() {
        return of("an ISO 8601 period or duration such as P90D or P1Y", text -> {
            String value = text.trim();
            java.time.temporal.TemporalAmount amount;
            try {
                amount = value.contains("T") ? Duration.parse(value) : java.time.Period.parse(value);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException();
            }
            boolean positive = amount instanceof Duration d ? !d.isNegative() && !d.isZero()
                    : !((java.time.Period) amount).isNegative() && !((java.time.Period) amount).isZero();
            if (!positive) {
                throw new ConfigReader.Refusal("'" + value + "' must be more than zero");
            }
            return amount;
        });
    }

    static Setting.Type<Integer> integer(int min, int max) {
        Setting.Type<Long> whole = longValue(min, max);
        return of(whole.expected(), text -> whole.read(text).intValue());
    }

    static Setting.Type<Long> longValue(long min, long max) {
        String range = max == Integer.MAX_VALUE || max == Long.MAX_VALUE ? "at least " + min : "from " + min + " to " + max;
        return of("a whole number", text -> {
            long n = Long.parseLong(text.trim());
            if (n < min || n > max) {
                throw new ConfigReader.Refusal(n + " is outside the allowed range: " + range);
            }
            return n;
        });
    }

    static Setting.Type<Integer> port() {
        return of("a port from 1 to 65535", text -> {
            int n = Integer.parseInt(text.trim());
            if (n < 1 || n > 65535) {
                throw new ConfigReader.Refusal(n + " is not a port from 1 to 65535");
            }
            return n;
        });
    }

    static Setting.Type<Boolean> bool() {
        return of("true or false", text -> switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException();
        });
    }

    static Setting.Type<UUID> uuid() {
        return of("a UUID such as 123e4567-e89b-12d3-a456-426614174000", text -> UUID.fromString(text.trim()));
    }

    static Setting.Type<ZoneId> zone() {
        return of("a time-zone id such as America/New_York", text -> {
            try {
                return ZoneId.of(text.trim());
            } catch (DateTimeException e) {
                throw new IllegalArgumentException();
            }
        });
    }

    static Setting.Type<Path> path() {
        return of("a file or folder path", text -> {
            try {
                return Path.of(text.trim());
            } catch (InvalidPathException e) {
                throw new IllegalArgumentException();
            }
        });
    }

    static Setting.Type<Charset> charset() {
        return of("a charset such as UTF-8", text -> Charset.forName(text.trim()));
    }

    /** An http or https URL with a host. */
    static Setting.Type<URI> httpUrl() {
        return of("an http(s) URL with a host", text -> {
            URI uri;
            try {
                uri = new URI(text.trim());
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException();
            }
            String scheme = uri.getScheme();
            if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https")) || uri.getHost() == null) {
                throw new IllegalArgumentException();
            }
            return uri;
        });
    }

    /** One of {@code values}, in any case; read as written in the list. */
    static Setting.Type<String> oneOf(String... values) {
        List<String> allowed = Arrays.asList(values);
        return of("one of " + String.join(", ", allowed), text -> allowed.stream()
                .filter(v -> v.equalsIgnoreCase(text.trim())).findFirst().orElseThrow(IllegalArgumentException::new));
    }

    /** Comma-separated ISO 8601 durations, each more than zero and none twice; blank is an empty list. */
    static Setting.Type<List<Duration>> durations() {
        return of("ISO 8601 durations separated by commas, such as P7D,P1D,PT2H", text -> {
            List<Duration> list = new java.util.ArrayList<>();
            for (String part : text.split(",")) {
                if (part.isBlank()) {
                    continue;
                }
                Duration d;
                try {
                    d = Duration.parse(part.trim());
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException();
                }
                if (d.isNegative() || d.isZero()) {
                    throw new ConfigReader.Refusal("'" + part.trim() + "' must be more than zero");
                }
                if (list.contains(d)) {
                    throw new ConfigReader.Refusal("'" + part.trim() + "' is given twice");
                }
                list.add(d);
            }
            return List.copyOf(list);
        });
    }

    /** Comma-separated names, blanks dropped. */
    static Setting.Type<List<String>> names() {
        return of("names separated by commas", text -> Arrays.stream(text.split(",")).map(String::trim)
                .filter(s -> !s.isEmpty()).toList());
    }

    /** Any value {@code read} accepts; its own message (which must not repeat a secret) is kept. */
    static <T> Setting.Type<T> of(String expected, Function<String, T> read) {
        return new Setting.Type<>() {
            @Override
            public T read(String text) {
                return read.apply(text);
            }

            @Override
            public String expected() {
                return expected;
            }
        };
    }
}
