package org.callbridge.posting;

import org.callbridge.config.Keys;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.callbridge.appointment.EventKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of the posting process at random moments, mid-POST included, then a restart each time: in the end every
 * appointment has exactly one call at the Calls API.
 */
class KilledPosterTest {
    private static final int APPOINTMENTS = 120;
    private static final int KILLS = 5;

    @TempDir
    Path dir;

    @Test
    void killing_the_poster_at_random_moments_neither_doubles_nor_loses_a_call() throws Exception {
        Instant now = Instant.now();
        ZoneOffset day = ZoneOffset.ofHours(13 - now.atZone(ZoneOffset.UTC).getHour());
        Map<String, String> settings = Map.of("callbridge.timezone", day.getId(), "callbridge.batch.max-size", "10",
                Keys.BATCH_PARK_RETRY.key(), "PT0S", Keys.BATCH_SETTLE_TIME.key(), "PT1S");
        List<String> appointmentIds = new ArrayList<>();
        try (Harness h = new Harness(dir, Clock.systemUTC())) {
            for (int i = 0; i < APPOINTMENTS; i++) {
                appointmentIds.add("K" + i);
                h.append(Visits.event(EventKind.NEW, "K" + i, Clinic.patient(i), now.plus(Duration.ofHours(20)).atZone(day)));
            }
        }
        Random random = new Random();
        try (Clinic clinic = Clinic.start(APPOINTMENTS, 0.05, "{\"latencyMillis\": 30}")) {
            for (int round = 0; round < KILLS; round++) {
                int target = clinic.simulator().campaigns().size() + 1 + random.nextInt(2);
                Process child = startPoster(clinic, settings, round);
                try {
                    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(random.nextInt(5) + 1))
                            .until(() -> clinic.simulator().campaigns().size() >= target || !child.isAlive());
                    assertThat(child.isAlive()).as("poster still running in round %d", round).isTrue();
                } finally {
                    child.destroyForcibly();
                    assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
                }
            }
            try (Harness h = new Harness(dir, Clock.systemUTC())) {
                PostingEngine engine = h.engine(clinic.api(), settings);
                engine.reconciler().reconcileOnStartup();
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5)).until(() -> {
                    engine.planning().run();
                    engine.posting().run();
                    return h.settled();
                });
            }

            CallChecks.everyAppointmentCalledExactlyOnce(clinic, appointmentIds);
            CallChecks.noCallOutsideCallingHours(clinic.simulator().calls());
            assertThat(clinic.simulator().campaigns().size()).isGreaterThanOrEqualTo(KILLS);
        }
    }

    private Process startPoster(Clinic clinic, Map<String, String> settings, int round) throws Exception {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String pairs = settings.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(";"));
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classpath, PostingUntilKilled.class.getName(), dir.toString(), clinic.simulator().baseUrl(), pairs)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("poster-" + round + ".log").toFile())
                .start();
    }
}
