package org.callbridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.callbridge.store.AuditLog;
import org.callbridge.store.Database;
import org.callbridge.store.DoNotCallList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DoNotCallCommandTest {
    private static final String PATIENT = "5b0c1a7e-0000-4000-8000-000000000003";

    @TempDir
    Path work;

    private String url() {
        return Database.h2FileUrl(work.resolve("state/callbridge"));
    }

    private int run(ByteArrayOutputStream out, String... args) throws Exception {
        Path config = work.resolve("callbridge.properties");
        Files.writeString(config, "callbridge.state.url=" + url() + "\ncallbridge.state.user=sa\n");
        String[] all = new String[args.length + 2];
        all[0] = "--config";
        all[1] = config.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return new DoNotCallCommand(new PrintStream(out, true, StandardCharsets.UTF_8)).run(all);
    }

    @Test
    void should_list_then_remove_an_opted_out_patient_with_an_audit_record() throws Exception {
        try (Database db = Database.open(url(), "sa", "")) {
            new DoNotCallList(db, Clock.systemUTC()).add(PATIENT, "call-9", "opted out on call call-9");
        }
        ByteArrayOutputStream listed = new ByteArrayOutputStream();
        assertThat(run(listed)).isZero();
        assertThat(listed.toString(StandardCharsets.UTF_8)).contains("1 patient(s)").contains(PATIENT)
                .contains("opted out on call call-9");

        assertThat(run(new ByteArrayOutputStream(), "--remove", PATIENT)).isZero();

        try (Database db = Database.open(url(), "sa", "")) {
            assertThat(new DoNotCallList(db, Clock.systemUTC()).contains(PATIENT)).isFalse();
            assertThat(new AuditLog(db, Clock.systemUTC()).entries(null, 10)).singleElement().satisfies(e -> {
                assertThat(e.action()).isEqualTo("remove do-not-call");
                assertThat(e.object()).isEqualTo("patient " + PATIENT);
                assertThat(e.actor()).startsWith(DoNotCallCommand.ACTOR);
            });
        }
    }

    @Test
    void should_exit_1_for_a_patient_not_listed_and_2_for_a_bad_id() throws Exception {
        assertThat(run(new ByteArrayOutputStream(), "--remove", PATIENT)).isEqualTo(1);
        assertThat(run(new ByteArrayOutputStream(), "--remove", "x;DROP TABLE")).isEqualTo(2);
        assertThat(new DoNotCallCommand(System.out).run(new String[] {"--remove"})).isEqualTo(2);
    }
}
