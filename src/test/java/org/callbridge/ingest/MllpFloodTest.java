package org.callbridge.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.callbridge.CallbridgeRuntime;
import org.callbridge.config.Settings;
import org.callbridge.patients.Crosswalk;
import org.callbridge.patients.PatientResolver;
import org.callbridge.hl7.SiuMapper;
import org.callbridge.hl7.SiuMapperConfig;
import org.callbridge.testing.FreePorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sender that writes frames back to back without waiting (a backlog replay) is read only as far as the listener's
 * bound on unanswered frames: while nothing can be answered its writes block, instead of the listener reading on
 * until the heap is gone; once answers flow, another sender is answered promptly beside it, and every frame the
 * flood sent is stored and acknowledged: the flood only slowed its sender.
 */
class MllpFloodTest {
    private static final int FRAMES = 20_000;
    private static final long PER_CONNECTION = 256 * 1024;
    private static final long TOTAL = 1024 * 1024;

    @TempDir
    Path work;

    private static String message(int i) {
        return ("MSH|^~\\&|EHR|CLINIC|CALLBRIDGE|CLINIC|20261125080000||SIU^S12|FLOOD-%1$d|P|2.5.1\r"
                + "SCH|FLOOD-APPT-%1$d||||||^Check-up||||^^^202612101000\r"
                + "PID|1||100001^^^LSG^MR||Testperson^Ada\r"
                + "ZXX|%2$s\r").formatted(i, "p".repeat(2_000));
    }

    @Test
    void should_stop_reading_a_flood_while_nothing_is_answered_and_store_all_of_it_once_answers_flow() throws Exception {
        int port = FreePorts.next();
        Settings settings = IngestTestRuntime.settings(work, port).with(Map.of(
                "callbridge.hl7.mllp.max-unanswered-bytes", Long.toString(PER_CONNECTION),
                "callbridge.hl7.mllp.max-unanswered-bytes-total", Long.toString(TOTAL)));
        try (CallbridgeRuntime runtime = new CallbridgeRuntime(settings, Clock.systemUTC())) {
            runtime.start();
            flood(runtime, port);
        }
    }

    private void flood(CallbridgeRuntime runtime, int port) throws Exception {
        // another writer holds the first frame's event uncommitted: no group commits, so no frame is answered
        UncommittedEvent blocker = UncommittedEvent.hold(runtime.database(), resolver().resolve(mapper().map(message(0),
                "mllp", "blocker")));
        try (Socket flood = new Socket("127.0.0.1", port)) {
            flood.setSoTimeout(60_000);
            AtomicLong written = new AtomicLong();
            Thread writer = new Thread(() -> {
                try {
                    OutputStream out = flood.getOutputStream();
                    for (int i = 0; i < FRAMES; i++) {
                        out.write(Mllp.frame(message(i), true));
                        written.incrementAndGet();
                    }
                    out.flush();
                } catch (Exception e) {
                    written.set(-1);
                }
            }, "flood-writer");
            writer.setDaemon(true);
            writer.start();

            // the writes block: the listener stopped reading once the bound was reached, not at the end of memory
            long stalledAt = awaitStall(written);
            assertThat(stalledAt).as("frames written before the writes blocked").isBetween(1L, FRAMES - 1L);
            // one socket read loop beyond the bound at most (16 reads of 64 KiB, each frame costing 4 KiB or more)
            assertThat(gauge(runtime)).isLessThanOrEqualTo(PER_CONNECTION + 16 * 64 * 1024 * 2.0);
            Thread.sleep(1_000);
            assertThat(written.get()).as("still blocked a second later").isEqualTo(stalledAt);
            blocker.close();

            // answers flow again; while the flood goes on, another sender is answered promptly
            try (Socket other = new Socket("127.0.0.1", port)) {
                other.setSoTimeout(10_000);
                other.getOutputStream().write(Mllp.frame(message(FRAMES + 1), true));
                assertThat(Mllp.field(Mllp.readAcks(other, 1).get(0), "MSA", 1)).isEqualTo("AA");
            }

            // the flood reads its ACKs: everything it sent was taken, stored once and acknowledged
            long accepted = countAcceptedAcks(flood.getInputStream(), FRAMES);
            assertThat(accepted).isEqualTo(FRAMES);
            assertThat(written.get()).isEqualTo(FRAMES);
            await().atMost(Duration.ofSeconds(30)).until(() -> events(runtime) == FRAMES + 1);
            await().atMost(Duration.ofSeconds(10)).until(() -> gauge(runtime) == 0.0);
        } finally {
            blocker.close();
        }
    }

    private static PatientResolver resolver() {
        return new PatientResolver(Crosswalk.load(Path.of("sample-data/crosswalk.csv"), "callbridge.patients.crosswalk"), "CALLSAPI", "LSG");
    }

    private static SiuMapper mapper() {
        return new SiuMapper(SiuMapperConfig.defaults(ZoneId.of("America/New_York")));
    }

    private static long awaitStall(AtomicLong written) throws InterruptedException {
        long last = -2;
        long sameSince = System.nanoTime();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            long now = written.get();
            if (now != last) {
                last = now;
                sameSince = System.nanoTime();
            } else if (System.nanoTime() - sameSince > Duration.ofMillis(1_500).toNanos()) {
                return now;
            }
            Thread.sleep(50);
        }
        return last;
    }

    private static double gauge(CallbridgeRuntime runtime) {
        return runtime.meters().get("callbridge.mllp.unanswered.bytes").gauge().value();
    }

    private static long events(CallbridgeRuntime runtime) {
        return runtime.events().countBySource().values().stream().mapToLong(Long::longValue).sum();
    }

    /** Reads ACK frames until {@code expected} have come, counting those that are AA. */
    private static long countAcceptedAcks(InputStream in, int expected) throws Exception {
        long acks = 0;
        long accepted = 0;
        StringBuilder current = new StringBuilder();
        byte[] buffer = new byte[64 * 1024];
        while (acks < expected) {
            int n = in.read(buffer);
            if (n < 0) {
                break;
            }
            for (int i = 0; i < n; i++) {
                byte b = buffer[i];
                if (b == 0x0B) {
                    current.setLength(0);
                } else if (b == 0x1C) {
                    acks++;
                    if ("AA".equals(Mllp.field(current.toString(), "MSA", 1))) {
                        accepted++;
                    }
                } else {
                    current.append((char) b);
                }
            }
        }
        return accepted;
    }
}
