package org.callbridge.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The default instance id: the same for an installation across restarts, never shared by two live processes. */
class InstanceIdTest {
    @TempDir
    Path installation;
    @TempDir
    Path other;

    /** As in a process of its own: another test's runtime in this JVM may hold the lock of its installation. */
    @BeforeEach
    @AfterEach
    void release() throws Exception {
        InstanceId.release();
    }

    @Test
    void should_use_the_configured_id_as_it_is() {
        assertThat(InstanceId.resolve(" clinic-a ", installation)).isEqualTo("clinic-a");
    }

    @Test
    void should_name_an_installation_the_same_after_a_restart_and_another_one_differently() throws Exception {
        String first = InstanceId.resolve(null, installation);
        InstanceId.release(); // the process ended: its lock went with it

        assertThat(InstanceId.resolve("", installation)).isEqualTo(first);
        InstanceId.release();
        assertThat(InstanceId.resolve(null, other)).isNotEqualTo(first);
        assertThat(first).doesNotEndWith("-" + ProcessHandle.current().pid());
    }

    @Test
    void should_name_a_second_live_instance_of_the_installation_by_its_process() {
        String first = InstanceId.resolve(null, installation);

        String second = InstanceId.resolve(null, installation);

        assertThat(second).isNotEqualTo(first).endsWith("-" + ProcessHandle.current().pid());
    }
}
