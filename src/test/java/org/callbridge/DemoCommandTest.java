package org.callbridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo as a user runs it: a separate JVM in a folder holding sample-data/ and routes/. */
class DemoCommandTest {
    @TempDir
    Path folder;

    @Test
    void should_run_the_whole_flow_and_summarize_it_against_the_sample_data() throws Exception {
        copyTree(Path.of("sample-data"), folder.resolve("sample-data"));
        copyTree(Path.of("routes"), folder.resolve("routes"));
        Path output = folder.resolve("demo.out");
        Process demo = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Application.class.getName(), "demo")
                .directory(folder.toFile()).redirectErrorStream(true).redirectOutput(output.toFile()).start();

        boolean ended = demo.waitFor(120, TimeUnit.SECONDS);
        if (!ended) {
            demo.destroyForcibly();
        }
        String out = Files.readString(output, StandardCharsets.UTF_8);

        assertThat(ended).as("demo ended").isTrue();
        assertThat(demo.exitValue()).as(out).isZero();
        assertThat(out).contains("every sample call has its final report");
        assertThat(number(out, "csv:default")).isEqualTo(5);
        assertThat(number(out, "csv:dentrix")).isEqualTo(5);
        assertThat(number(out, "hl7-file")).isEqualTo(12);
        assertThat(number(out, "mllp")).isEqualTo(3);
        assertThat(out).contains("MLLP messages (ACK codes)    {AA=3}");
        assertThat(out).contains("appointments.csv:7", "dentrix-export.csv:6", "MSH-9: not a scheduling message",
                "no Calls API patient for the MRN");
        assertThat(out).contains("missing a phone number");
        long posted = number(out, "posted");
        assertThat(number(out, "completed") + number(out, "failed")).isEqualTo(posted);
        assertThat(number(out, "JSON reports")).isEqualTo(posted);
        // the reminder programs of the sample data: touchpoints passed, a retry, an opt-out, a holiday, a silenced lab visit
        assertThat(number(out, "touchpoints placed") + number(out, "retries placed")).isEqualTo(posted);
        assertThat(number(out, "retries placed")).isPositive();
        assertThat(number(out, "on the do-not-call list")).isEqualTo(1);
        assertThat(out).contains("touchpoint passed", "holiday", "no reminder calls for these appointments (rule 1)",
                "patient answered confirmed");
        assertThat(out).containsPattern("outcomes by class +\\{confirmed=\\d+, opted-out=1, reached=\\d+, unreached=\\d+}");
        try (Stream<Path> demos = Files.list(folder.resolve("work"))) {
            Path work = demos.filter(p -> p.getFileName().toString().startsWith("demo-")).findFirst().orElseThrow();
            try (Stream<Path> json = Files.walk(work.resolve("reports/calls"))) {
                assertThat(json.filter(p -> p.toString().endsWith(".json")).count()).isEqualTo(posted);
            }
        }
    }

    /** The first whole number after a summary label. */
    private static long number(String out, String label) {
        Matcher m = Pattern.compile("^\\s+" + Pattern.quote(label) + "\\s+(\\d+)", Pattern.MULTILINE).matcher(out);
        assertThat(m.find()).as("summary line '" + label + "' in:\n" + out).isTrue();
        return Long.parseLong(m.group(1));
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : paths.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

}
