package org.callbridge.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Folders below a configured root are created as plain folders and never reached through a symbolic link. */
class ConfinedPathsTest {
    @TempDir
    Path work;

    @Test
    void should_create_the_folders_below_the_root() throws Exception {
        Path dir = ConfinedPaths.directory(work.resolve("root"), "a", "b");

        assertThat(dir).isDirectory().isEqualTo(work.resolve("root/a/b").toAbsolutePath());
    }

    @Test
    void should_refuse_a_link_below_the_root_wherever_it_points() throws Exception {
        Path root = Files.createDirectories(work.resolve("root"));
        Path outside = Files.createDirectories(work.resolve("outside"));
        Files.createSymbolicLink(root.resolve("a"), outside);
        Files.createDirectories(root.resolve("in"));
        Files.createSymbolicLink(root.resolve("inner"), root.resolve("in"));

        assertThatThrownBy(() -> ConfinedPaths.directory(root, "a", "b")).isInstanceOf(UnsafePathException.class)
                .hasMessageContaining("symbolic link");
        assertThatThrownBy(() -> ConfinedPaths.directory(root, "inner")).isInstanceOf(UnsafePathException.class);
        assertThat(outside.resolve("b")).doesNotExist();
    }

    @Test
    void should_accept_a_root_that_is_itself_a_link() throws Exception {
        Path real = Files.createDirectories(work.resolve("real"));
        Path root = Files.createSymbolicLink(work.resolve("configured"), real);

        assertThat(ConfinedPaths.directory(root, "a")).isDirectory();
        assertThat(real.resolve("a")).isDirectory();
    }

    @Test
    void should_refuse_a_file_where_a_folder_goes_and_names_that_climb() throws Exception {
        Path root = Files.createDirectories(work.resolve("root"));
        Files.writeString(root.resolve("file"), "x");

        assertThatThrownBy(() -> ConfinedPaths.directory(root, "file")).isInstanceOf(UnsafePathException.class)
                .hasMessageContaining("not a directory");
        assertThatThrownBy(() -> ConfinedPaths.directory(root, "..")).isInstanceOf(UnsafePathException.class);
        assertThatThrownBy(() -> ConfinedPaths.directory(root, "a/../../b")).isInstanceOf(UnsafePathException.class);
        assertThatThrownBy(() -> ConfinedPaths.parentOf(root, work.resolve("elsewhere/x.json")))
                .isInstanceOf(UnsafePathException.class);
    }
}
