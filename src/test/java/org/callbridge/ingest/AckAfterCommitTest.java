package org.callbridge.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.callbridge.patients.Crosswalk;
import org.callbridge.patients.PatientResolver;
import org.callbridge.hl7.SiuMapper;
import org.callbridge.hl7.SiuMapperConfig;
import org.callbridge.store.Database;
import org.callbridge.store.EventStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** AA means committed: when the store cannot commit, the sender gets AR and no event exists. */
class AckAfterCommitTest {
    @TempDir
    Path work;

    private static final String S12 = "MSH|^~\\&|EHR|CLINIC|CALLBRIDGE|CLINIC|20261125080000||SIU^S12|COMMIT-1|P|2.5.1\r"
            + "SCH|COMMIT-APPT||||||^Check-up||||^^^202612101000\r"
            + "PID|1||100001^^^LSG^MR||Testperson^Ada\r";

    private static PatientResolver resolver() {
        return new PatientResolver(Crosswalk.of(Map.of("100001", "5b0c1a7e-0000-4000-8000-000000000001")), "CALLSAPI", "LSG");
    }

    /** Not a scheduling message: rejected with AR. */
    private static final String ADT = "MSH|^~\\&|EHR|CLINIC|CALLBRIDGE|CLINIC|20261125080000||ADT^A01|ADT-1|P|2.5\rPID|1||100001^^^LSG^MR\r";

    private Hl7Intake intake(Database db) {
        return intake(db, new SimpleMeterRegistry());
    }

    private Hl7Intake intake(Database db, MeterRegistry meters) {
        return new Hl7Intake(mapper(), resolver(), new EventStore(db, Clock.systemUTC()),
                new RejectedFolder(work.resolve("rejected"), Clock.systemUTC()), StandardCharsets.UTF_8, new IntakeCounters(meters));
    }

    private static SiuMapper mapper() {
        return new SiuMapper(SiuMapperConfig.defaults(ZoneId.of("America/New_York")));
    }

    /** Another writer holding message {@code i}'s event uncommitted: the group that stores it waits until this is closed. */
    private static UncommittedEvent holdUncommitted(Database db, int i) throws InterruptedException {
        return UncommittedEvent.hold(db, resolver().resolve(mapper().map(s12(i), "mllp", "blocker")));
    }

    private Database open() {
        return Database.open(Database.h2FileUrl(work.resolve("state/cb")), "sa", "");
    }

    @Test
    void should_answer_aa_only_after_the_event_is_committed() {
        try (Database db = open()) {
            String ack = intake(db).acceptFramesInTurn(List.of(Mllp.frame(S12, true)), "127.0.0.1:5000").join().get(0);

            assertThat(Mllp.field(ack, "MSA", 1)).isEqualTo("AA");
            assertThat(Mllp.field(ack, "MSA", 2)).isEqualTo("COMMIT-1");
        }
        try (Database reopened = open()) {
            assertThat(new EventStore(reopened, Clock.systemUTC()).countBySource()).containsEntry("mllp", 1L);
        }
    }

    @Test
    void should_never_answer_aa_when_the_commit_fails() {
        Database db = open();
        Hl7Intake intake = intake(db);
        db.close();

        String ack = intake.acceptFramesInTurn(List.of(Mllp.frame(S12, true)), "127.0.0.1:5000").join().get(0);

        assertThat(Mllp.field(ack, "MSA", 1)).isEqualTo("AR");
        assertThat(Mllp.field(ack, "MSA", 3)).contains("not stored");
        try (Database reopened = open()) {
            assertThat(new EventStore(reopened, Clock.systemUTC()).countBySource()).isEmpty();
        }
    }

    private static String s12(int i) {
        return S12.replace("COMMIT-1", "GROUP-" + i).replace("COMMIT-APPT", "GROUP-APPT-" + i);
    }

    /** Frames handed in together, as a connection pipelining them does: one future each, none waited on yet. */
    private static List<CompletableFuture<String>> inTurn(Hl7Intake intake, int frames) {
        return inTurn(intake, frames, new ArrayList<>());
    }

    /** As above; each answer's MSA-2 is added to {@code completed} when it completes. */
    private static List<CompletableFuture<String>> inTurn(Hl7Intake intake, int frames, List<String> completed) {
        List<CompletableFuture<String>> acks = new ArrayList<>();
        for (int i = 0; i < frames; i++) {
            CompletableFuture<String> ack = intake.acceptFrameInTurn(Mllp.frame(s12(i), true), "127.0.0.1:5000");
            ack.thenAccept(a -> completed.add(Mllp.field(a, "MSA", 2)));
            acks.add(ack);
        }
        return acks;
    }

    @Test
    void should_answer_every_frame_of_a_group_aa_after_its_commit_in_the_order_of_the_frames() throws Exception {
        try (Database db = open()) {
            Hl7Intake intake = intake(db);
            List<String> completed = Collections.synchronizedList(new ArrayList<>());
            List<CompletableFuture<String>> acks = inTurn(intake, 300, completed);

            List<String> answered = new ArrayList<>();
            for (CompletableFuture<String> ack : acks) {
                answered.add(ack.get(30, TimeUnit.SECONDS));
            }

            assertThat(answered).allSatisfy(ack -> assertThat(Mllp.field(ack, "MSA", 1)).isEqualTo("AA"));
            List<String> sent = IntStream.range(0, 300).mapToObj(i -> "GROUP-" + i).toList();
            assertThat(answered).extracting(ack -> Mllp.field(ack, "MSA", 2)).containsExactlyElementsOf(sent);
            assertThat(completed).containsExactlyElementsOf(sent);
            assertThat(new EventStore(db, Clock.systemUTC()).countBySource()).containsEntry("mllp", 300L);
        }
    }

    @Test
    void should_answer_ar_to_every_waiting_frame_when_their_group_cannot_commit() throws Exception {
        Database db = open();
        Hl7Intake intake = intake(db);
        db.close();

        List<CompletableFuture<String>> acks = inTurn(intake, 50);

        for (CompletableFuture<String> ack : acks) {
            String answer = ack.get(30, TimeUnit.SECONDS);
            assertThat(Mllp.field(answer, "MSA", 1)).isEqualTo("AR");
            assertThat(Mllp.field(answer, "MSA", 3)).contains("not stored");
        }
        try (Database reopened = open()) {
            assertThat(new EventStore(reopened, Clock.systemUTC()).countBySource()).isEmpty();
        }
    }

    @Test
    void should_store_a_message_sent_twice_in_one_group_once_and_answer_both_aa() throws Exception {
        try (Database db = open()) {
            Hl7Intake intake = intake(db);
            CompletableFuture<String> first = intake.acceptFrameInTurn(Mllp.frame(s12(7), true), "127.0.0.1:5000");
            CompletableFuture<String> again = intake.acceptFrameInTurn(
                    Mllp.frame(s12(7).replace("GROUP-7|P", "RESENT-7|P"), true), "127.0.0.1:5001");

            assertThat(Mllp.field(first.get(30, TimeUnit.SECONDS), "MSA", 1)).isEqualTo("AA");
            assertThat(Mllp.field(again.get(30, TimeUnit.SECONDS), "MSA", 1)).isEqualTo("AA");
            assertThat(Mllp.field(again.get(), "MSA", 2)).isEqualTo("RESENT-7");
            assertThat(new EventStore(db, Clock.systemUTC()).countBySource()).containsEntry("mllp", 1L);
        }
    }

    @Test
    void should_keep_a_rejected_frame_answer_in_turn_behind_the_frames_before_it() throws Exception {
        try (Database db = open()) {
            Hl7Intake intake = intake(db);
            UncommittedEvent blocker = holdUncommitted(db, 0);
            List<String> completed = Collections.synchronizedList(new ArrayList<>());
            List<CompletableFuture<String>> acks = new ArrayList<>(inTurn(intake, 100, completed));
            CompletableFuture<String> adtAck = intake.acceptFrameInTurn(Mllp.frame(ADT, true), "127.0.0.1:5000");
            adtAck.thenAccept(a -> completed.add(Mllp.field(a, "MSA", 2)));

            Thread.sleep(300);
            assertThat(acks).as("no AA before the commit").noneMatch(CompletableFuture::isDone);
            assertThat(adtAck).as("the rejection's answer waits for the frames before it").isNotDone();
            blocker.close();

            assertThat(Mllp.field(adtAck.get(30, TimeUnit.SECONDS), "MSA", 1)).isEqualTo("AR");
            for (CompletableFuture<String> ack : acks) {
                assertThat(Mllp.field(ack.get(30, TimeUnit.SECONDS), "MSA", 1)).isEqualTo("AA");
            }
            assertThat(completed).hasSize(101).last().isEqualTo("ADT-1");
            assertThat(completed.subList(0, 100)).containsExactlyElementsOf(IntStream.range(0, 100).mapToObj(i -> "GROUP-" + i).toList());
        }
    }

    @Test
    void should_answer_the_frames_of_one_read_in_one_list_in_their_order_once_all_are_committed() throws Exception {
        try (Database db = open()) {
            Hl7Intake intake = intake(db);
            UncommittedEvent blocker = holdUncommitted(db, 2);
            List<byte[]> frames = List.of(Mllp.frame(s12(1), true), Mllp.frame(ADT, true), Mllp.frame(s12(2), true),
                    Mllp.frame(s12(3), false));

            CompletableFuture<List<String>> acks = intake.acceptFramesInTurn(frames, "127.0.0.1:5000");

            Thread.sleep(300);
            assertThat(acks).as("no answer while a frame of the read waits for its commit").isNotDone();
            blocker.close();
            List<String> answered = acks.get(30, TimeUnit.SECONDS);
            assertThat(answered).extracting(ack -> Mllp.field(ack, "MSA", 2)).containsExactly("GROUP-1", "ADT-1", "GROUP-2", "GROUP-3");
            assertThat(answered).extracting(ack -> Mllp.field(ack, "MSA", 1)).containsExactly("AA", "AR", "AA", "AA");
            assertThat(new EventStore(db, Clock.systemUTC()).countBySource()).containsEntry("mllp", 3L);
        }
    }

    @Test
    void should_answer_ar_in_turn_to_each_frame_of_a_read_whose_answer_fails_unexpectedly() throws Exception {
        try (Database db = open()) {
            // counting fails after the commit: a failure no frame's answer was written for
            SimpleMeterRegistry failing = new SimpleMeterRegistry() {
                @Override
                protected Counter newCounter(Meter.Id id) {
                    throw new IllegalStateException("counter unavailable");
                }
            };
            Hl7Intake intake = intake(db, failing);

            List<String> answered = intake.acceptFramesInTurn(List.of(Mllp.frame(s12(1), true), Mllp.frame(s12(2), true)),
                    "127.0.0.1:5000").get(30, TimeUnit.SECONDS);

            assertThat(answered).extracting(ack -> Mllp.field(ack, "MSA", 1)).containsExactly("AR", "AR");
            assertThat(answered).extracting(ack -> Mllp.field(ack, "MSA", 2)).containsExactly("GROUP-1", "GROUP-2");
            assertThat(answered).allSatisfy(ack -> assertThat(Mllp.field(ack, "MSA", 3)).contains("not stored"));
        }
    }
}
