package org.callbridge.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Names taken from input (file names, control ids) never place a kept file outside the rejected folder. */
class RejectedFolderTest {
    @TempDir
    Path dir;

    static List<String> hostileNames() {
        return List.of("../../etc/passwd", "..", ".", "...", "/etc/passwd", "/", "C:\\Windows\\system32\\x",
                "..\\..\\x", "a/../../../b", "./../x", "nul\u0000byte.hl7", "\u0000", "", "   ", "line\nbreak",
                "x".repeat(10_000), "../".repeat(200) + "deep", "\u2025\u2025/\u2025", "%2e%2e%2f", "~root", "$HOME",
                "con.hl7", "é/../ü");
    }

    @ParameterizedTest
    @MethodSource("hostileNames")
    void should_keep_a_hostile_name_inside_the_channel_folder(String name) throws Exception {
        Path root = dir.resolve("rejected");
        RejectedFolder folder = new RejectedFolder(root, Clock.systemUTC());

        Path kept = folder.keep("mllp", name, "payload".getBytes(StandardCharsets.UTF_8), "reason");

        Path channel = root.toAbsolutePath().normalize().resolve("mllp");
        assertThat(kept.normalize()).startsWith(channel);
        assertThat(kept.getParent()).isEqualTo(channel);
        assertThat(kept.getFileName().toString()).doesNotStartWith(".").hasSizeLessThanOrEqualTo(160);
        assertThat(kept).hasContent("payload");
        assertThat(kept.resolveSibling(kept.getFileName() + ".reason.txt")).exists();
        try (Stream<Path> all = Files.walk(dir)) {
            assertThat(all.filter(Files::isRegularFile)).allSatisfy(f -> assertThat(f.normalize()).startsWith(channel))
                    .hasSize(2);
        }
    }

    @ParameterizedTest
    @MethodSource("hostileNames")
    void should_keep_a_hostile_channel_name_one_folder_below_the_root(String channel) throws Exception {
        Path root = dir.resolve("rejected").toAbsolutePath().normalize();
        RejectedFolder folder = new RejectedFolder(root, Clock.systemUTC());

        Path kept = folder.keep(channel, "input.hl7", new byte[] {1}, "reason");

        assertThat(kept.normalize().getParent().getParent()).isEqualTo(root);
        try (Stream<Path> all = Files.walk(dir)) {
            assertThat(all.filter(Files::isRegularFile)).allSatisfy(f -> assertThat(f.normalize()).startsWith(root));
        }
    }

    @Test
    void should_keep_two_inputs_with_the_same_hostile_name_apart() {
        RejectedFolder folder = new RejectedFolder(dir, Clock.systemUTC());

        Path first = folder.keep("csv", "../x.csv", new byte[] {1}, "first");
        Path second = folder.keep("csv", "../x.csv", new byte[] {2}, "second");

        assertThat(first).isNotEqualTo(second);
        assertThat(first).hasBinaryContent(new byte[] {1});
        assertThat(second).hasBinaryContent(new byte[] {2});
    }

    @Test
    void should_not_write_through_a_channel_folder_that_is_a_link() throws Exception {
        Path root = Files.createDirectories(dir.resolve("rejected"));
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.createSymbolicLink(root.resolve("mllp"), outside);
        RejectedFolder folder = new RejectedFolder(root, Clock.systemUTC());

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> folder.keep("mllp", "x.hl7", new byte[] {1}, "reason"))
                .hasRootCauseInstanceOf(org.callbridge.files.UnsafePathException.class);
        try (Stream<Path> written = Files.list(outside)) {
            assertThat(written).isEmpty();
        }
    }

    @Test
    void should_keep_at_most_the_limit_and_say_so_in_the_reason() throws Exception {
        RejectedFolder folder = new RejectedFolder(dir.resolve("rejected"), Clock.systemUTC());

        Path kept = folder.keepAtMost("mllp", "big.hl7", new byte[100_000], 1_000, "not HL7");

        assertThat(kept).hasSize(1_000);
        assertThat(kept.resolveSibling(kept.getFileName() + ".reason.txt"))
                .content().contains("not HL7 (the first 1000 of 100000 bytes are kept)");
    }

    @Test
    void should_write_a_reason_with_line_breaks_as_one_escaped_line() throws Exception {
        RejectedFolder folder = new RejectedFolder(dir.resolve("rejected"), Clock.systemUTC());

        Path kept = folder.keep("hl7-file", "x.hl7", new byte[] {1}, "file a\\nb\nFORGED: line");

        assertThat(Files.readAllLines(kept.resolveSibling(kept.getFileName() + ".reason.txt")))
                .containsExactly("file a\\\\nb\\nFORGED: line");
    }
}
