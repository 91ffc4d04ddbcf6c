package org.callbridge.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every setting key is written once, in Keys: no main source names one in a string of its own. */
class NoKeyLiteralsTest {
    /** A string literal holding {@code callbridge.<something>} (metric names live in MetricNames). */
    private static final Pattern KEY_IN_STRING = Pattern.compile("\"[^\"\\n]*\\bcallbridge\\.[a-z][^\"\\n]*\"");

    @Test
    void should_name_settings_only_through_their_declarations() throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String name = file.getFileName().toString();
                if (name.equals("Keys.java") || name.equals("MetricNames.java")) {
                    continue;
                }
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    String line = lines.get(i).trim();
                    if (line.startsWith("*") || line.startsWith("//") || line.startsWith("import ") || line.startsWith("package ")) {
                        continue;
                    }
                    Matcher m = KEY_IN_STRING.matcher(line);
                    while (m.find()) {
                        if (!m.group().contains("org.callbridge.") && !m.group().contains("callbridge.jar")) {
                            found.add(file + ":" + (i + 1) + " " + m.group());
                        }
                    }
                }
            }
        }
        assertThat(found).isEmpty();
    }
}
