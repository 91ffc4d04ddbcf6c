package org.callbridge.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Out of memory ends the process, whether a thread dies of it or a library swallows it; other errors do not. */
class FatalTest {
    private final AtomicInteger halts = new AtomicInteger();

    @AfterEach
    void restore() {
        Fatal.haltWith(() -> Runtime.getRuntime().halt(Fatal.OUT_OF_MEMORY));
    }

    @Test
    void should_halt_on_an_out_of_memory_error_however_deep_it_is_wrapped() {
        Fatal.haltWith(halts::incrementAndGet);

        Fatal.haltIfFatal(new OutOfMemoryError("Java heap space"));
        Fatal.haltIfFatal(new RuntimeException("wrapped", new IllegalStateException(new OutOfMemoryError())));

        assertThat(halts).hasValue(2);
    }

    @Test
    void should_not_halt_on_other_failures() {
        Fatal.haltWith(halts::incrementAndGet);

        Fatal.haltIfFatal(new IllegalStateException("no"));
        Fatal.haltIfFatal(new StackOverflowError());
        Fatal.haltIfFatal(null);

        assertThat(halts).hasValue(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"uncaught", "swallowed"})
    void should_end_a_real_process_that_runs_out_of_memory(String how) throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx48m",
                "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                OutOfMemoryChild.class.getName(), how).redirectErrorStream(true).start();
        try {
            assertThat(child.waitFor(50, TimeUnit.SECONDS)).as("the process ended").isTrue();
            String output = new String(child.getInputStream().readAllBytes());
            assertThat(child.exitValue()).as(output).isEqualTo(Fatal.OUT_OF_MEMORY);
            assertThat(output).contains("out of memory").doesNotContain("still running");
        } finally {
            child.destroyForcibly();
        }
    }
}
