package org.callbridge.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's key tables are the declarations: generated from {@link Keys}, so a key cannot be documented and
 * missing, or present and undocumented. After changing a declaration, run this test with
 * {@code -Dreadme.update=true} to write the tables again.
 */
class ReadmeKeysTest {
    private static final Path README = Path.of("README.md");
    private static final String BEGIN = "<!-- settings: generated from org.callbridge.config.Keys by ReadmeKeysTest -->";
    private static final String END = "<!-- settings: end -->";

    static String tables() {
        StringBuilder out = new StringBuilder();
        for (Keys.Section section : Keys.Section.values()) {
            out.append("\n#### ").append(section.title()).append("\n\n| key | default | meaning |\n|---|---|---|\n");
            for (Setting<?> s : Keys.of(section)) {
                out.append("| `").append(s.key()).append("` | ")
                        .append(s.defaultText() == null ? "(none)" : "`" + s.defaultText() + "`").append(" | ")
                        .append(s.description()).append(s.secret() && !s.description().contains("secret") ? " (a secret)" : "")
                        .append(" |\n");
            }
        }
        return out.append('\n').toString();
    }

    @Test
    void the_readme_tables_are_the_declarations() throws IOException {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        int begin = readme.indexOf(BEGIN);
        int end = readme.indexOf(END);
        assertThat(begin).as("README marker " + BEGIN).isNotNegative();
        assertThat(end).isGreaterThan(begin);
        String expected = readme.substring(0, begin + BEGIN.length()) + "\n" + tables() + readme.substring(end);
        if (Boolean.getBoolean("readme.update")) {
            Files.writeString(README, expected, StandardCharsets.UTF_8);
        }
        assertThat(readme).as("README key tables (run with -Dreadme.update=true to write them)").isEqualTo(expected);
    }

    @Test
    void every_key_the_readme_names_is_declared() throws IOException {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        Set<String> declared = new TreeSet<>();
        Keys.all().forEach(s -> declared.add(s.key()));
        Set<String> unknown = new TreeSet<>();
        Matcher m = Pattern.compile("`(callbridge\\.[a-z0-9.<>-]+)").matcher(readme);
        while (m.find()) {
            String key = m.group(1).replaceAll("\\.$", "");
            // callbridge.csv.dentrix.inbox is callbridge.csv.<feed>.inbox; column.mrn is column.<field>
            String asTemplate = key.replaceFirst("^callbridge\\.csv\\.(?!feeds)[A-Za-z0-9_-]+\\.", "callbridge.csv.<feed>.")
                    .replaceFirst("\\.column\\.[a-z-]+$", ".column.<field>");
            if (!declared.contains(key) && !declared.contains(asTemplate)) {
                unknown.add(key);
            }
        }
        assertThat(unknown).as("keys in the README that no declaration has").isEmpty();
    }
}
