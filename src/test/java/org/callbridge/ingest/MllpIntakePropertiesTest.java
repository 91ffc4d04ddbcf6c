package org.callbridge.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.util.Terser;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.callbridge.patients.Crosswalk;
import org.callbridge.hl7.Hl7Context;
import org.callbridge.patients.PatientResolver;
import org.callbridge.hl7.SiuMapper;
import org.callbridge.hl7.SiuMapperConfig;
import org.callbridge.store.Database;
import org.callbridge.store.EventStore;

/**
 * Whatever bytes a peer frames, {@link Hl7Intake#acceptFramesInTurn} answers with an ACK that HAPI parses, AA only when the
 * event is stored, and never throws (a throw would leave the sender without an answer); {@link MllpFrames#payload}
 * takes exactly what follows the first start block, minus a stray CR/LF.
 *
 * <p>A rejected frame costs a few milliseconds (its input and reason are written to the rejected folder), so the
 * intake properties run {@value #TRIES} tries each in the build; the payload ones jqwik's default 1,000. A long run
 * repeats the class with fresh seeds, e.g. 60,000 frames per property:
 * {@code for i in $(seq 200); do mvn -o -q test -Dtest=MllpIntakePropertiesTest || break; done}
 * (a failing sample is kept in target/jqwik-database and tried first next time).
 */
class MllpIntakePropertiesTest {
    static final int TRIES = 300;
    private static final String VALID = "MSH|^~\\&|EHR|CLINIC|CALLBRIDGE|CLINIC|20261125080000||SIU^S12^SIU_S12|CTRL-1|P|2.5.1\r"
            + "SCH|PROP-1^EHR||||||VISIT^Check-up||30|MIN|||||||||||||||Booked\r"
            + "TQ1|1||||||202612101000\r"
            + "PID|1||100001^^^LSG^MR||Testperson^Ada||19800101|F|||||^PRN^PH^^1^555^5550101\r"
            + "AIL|1|A|FAM^^^LSG^^^^^Family Medicine\r"
            + "AIP|1|A|D1^Cole^Hannah^^^Dr.\r";
    private static final String PATIENT = "5b0c1a7e-0000-4000-8000-000000000001";

    private static Path dir;
    private static Database database;
    private static EventStore events;
    private static Hl7Intake intake;

    @BeforeContainer
    static void start() throws IOException {
        dir = Files.createTempDirectory("mllp-properties");
        database = Database.open("jdbc:h2:mem:mllp-properties-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "", 2);
        events = new EventStore(database, Clock.systemUTC());
        ZoneId zone = ZoneId.of("America/Chicago");
        intake = new Hl7Intake(new SiuMapper(SiuMapperConfig.defaults(zone)),
                new PatientResolver(Crosswalk.of(Map.of("100001", PATIENT)), "CALLSAPI", "LSG"), events,
                new RejectedFolder(dir.resolve("rejected"), Clock.systemUTC()), StandardCharsets.UTF_8,
                new IntakeCounters(new SimpleMeterRegistry()));
    }

    @AfterContainer
    static void stop() throws IOException {
        database.close();
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** The intake's contract for one frame, checked on the answer and the store. */
    private static void answersWithAParseableAck(byte[] frame) throws Exception {
        long newest = newestId();

        String ack = intake.acceptFramesInTurn(List.of(frame), "127.0.0.1:1").join().get(0);

        Message parsed = Hl7Context.parser().parse(ack);
        assertThat(parsed.getName()).isEqualTo("ACK");
        String code = new Terser(parsed).get("/MSA-1");
        assertThat(code).isIn("AA", "AE", "AR");
        long added = storedAfter(newest);
        if (!code.equals("AA")) {
            assertThat(added).as("stored without AA").isZero();
        }
        assertThat(added).isBetween(0L, 1L);
    }

    /** The newest event id, 0 for none (ids have gaps: the insert attempt of a duplicate uses one up). */
    private static long newestId() {
        return database.inTransaction(c -> {
            try (var s = c.createStatement(); var rs = s.executeQuery("SELECT MAX(id) FROM appointment_event")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    private static long storedAfter(long id) {
        return database.inTransaction(c -> {
            try (var s = c.prepareStatement("SELECT COUNT(*) FROM appointment_event WHERE id > ?")) {
                s.setLong(1, id);
                try (var rs = s.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    @Property(tries = TRIES)
    void any_bytes_get_a_parseable_ack(@ForAll @Size(max = 600) byte[] frame) throws Exception {
        answersWithAParseableAck(frame);
    }

    @Property(tries = TRIES)
    void any_bytes_after_a_start_block_get_a_parseable_ack(@ForAll @Size(max = 600) byte[] body) throws Exception {
        byte[] frame = new byte[body.length + 1];
        frame[0] = 0x0B;
        System.arraycopy(body, 0, frame, 1, body.length);
        answersWithAParseableAck(frame);
    }

    @Property(tries = TRIES)
    void a_damaged_message_gets_a_parseable_ack(@ForAll("damaged") byte[] frame) throws Exception {
        answersWithAParseableAck(frame);
    }

    @Property(tries = TRIES)
    void a_valid_message_with_any_control_id_gets_aa(@ForAll("controlIds") String controlId) throws Exception {
        byte[] frame = ("\u000b" + VALID.replace("CTRL-1", controlId).replace("PROP-1", "PROP-" + UUID.randomUUID()))
                .getBytes(StandardCharsets.UTF_8);

        answersWithAParseableAck(frame);

        String ack = intake.acceptFramesInTurn(List.of(frame), "127.0.0.1:1").join().get(0);
        assertThat(new Terser(Hl7Context.parser().parse(ack)).get("/MSA-1")).isEqualTo("AA");
    }

    @Provide
    Arbitrary<byte[]> damaged() {
        byte[] valid = VALID.getBytes(StandardCharsets.UTF_8);
        Arbitrary<Integer> position = Arbitraries.integers().between(0, valid.length - 1);
        Arbitrary<Byte> anyByte = Arbitraries.bytes();
        Arbitrary<byte[]> replaced = Combinators.combine(position, anyByte).as((at, b) -> {
            byte[] copy = valid.clone();
            copy[at] = b;
            return copy;
        });
        Arbitrary<byte[]> cut = position.map(at -> Arrays.copyOf(valid, at));
        Arbitrary<byte[]> spliced = Combinators.combine(position, Arbitraries.bytes().array(byte[].class).ofMaxSize(40))
                .as((at, insert) -> {
                    byte[] copy = new byte[valid.length + insert.length];
                    System.arraycopy(valid, 0, copy, 0, at);
                    System.arraycopy(insert, 0, copy, at, insert.length);
                    System.arraycopy(valid, at, copy, at + insert.length, valid.length - at);
                    return copy;
                });
        Arbitrary<byte[]> message = Arbitraries.oneOf(replaced, replaced.flatMap(once -> position.map(at -> {
            byte[] twice = once.clone();
            twice[at] = (byte) (twice[at] ^ 0x5A);
            return twice;
        })), cut, spliced);
        // framed as a peer would: with or without the start block, a stray CR/LF before it, MSH-18 charsets
        return Combinators.combine(message, Arbitraries.of("", "\u000b", "\r\u000b", "\n\u000b", "\r\n\u000b"),
                Arbitraries.of("", "UNICODE UTF-8", "8859/1", "ASCII", "nonsense-charset"))
                .as((body, prefix, charset) -> {
                    String text = new String(body, StandardCharsets.ISO_8859_1);
                    if (!charset.isEmpty()) {
                        text = text.replaceFirst("\\|2\\.5\\.1\r", "|2.5.1||||||" + charset + "\r");
                    }
                    byte[] head = prefix.getBytes(StandardCharsets.ISO_8859_1);
                    byte[] rest = text.getBytes(StandardCharsets.ISO_8859_1);
                    byte[] frame = Arrays.copyOf(head, head.length + rest.length);
                    System.arraycopy(rest, 0, frame, head.length, rest.length);
                    return frame;
                });
    }

    @Provide
    Arbitrary<String> controlIds() {
        Arbitrary<String> hostile = Arbitraries.of("../../etc/passwd", "/etc/passwd", "..", "..\\..\\x", "a b",
                "\u00e9\u00e8", "x".repeat(199), "%2e%2e", "CON", "$(rm -rf /)");
        Arbitrary<String> any = Arbitraries.strings().withChars("ABCxyz019./\\-_ ~:;$%\u00e9\u2025")
                .ofMinLength(1).ofMaxLength(60);
        return Arbitraries.oneOf(hostile, any);
    }

    // MllpFrames.payload

    @Property
    void the_payload_is_what_follows_the_first_start_block_without_leading_line_ends(@ForAll byte[] frame) {
        byte[] payload = MllpFrames.payload(frame);

        int start = indexOf(frame, (byte) 0x0B);
        int from = start < 0 ? 0 : start + 1;
        while (from < frame.length && (frame[from] == '\r' || frame[from] == '\n')) {
            from++;
        }
        assertThat(payload).isEqualTo(Arrays.copyOfRange(frame, from, frame.length));
        if (payload.length > 0) {
            assertThat(payload[0]).isNotIn((byte) '\r', (byte) '\n');
        }
    }

    @Property
    void a_message_survives_framing_after_leftovers_of_the_previous_frame(
            @ForAll("leftovers") String leftover, @ForAll @Size(max = 300) byte[] message) {
        if (message.length > 0 && (message[0] == '\r' || message[0] == '\n')) {
            message[0] = 'M';
        }
        byte[] frame = new byte[leftover.length() + 1 + message.length];
        byte[] head = leftover.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(head, 0, frame, 0, head.length);
        frame[head.length] = 0x0B;
        System.arraycopy(message, 0, frame, head.length + 1, message.length);

        assertThat(MllpFrames.payload(frame)).isEqualTo(message);
    }

    @Provide
    Arbitrary<String> leftovers() {
        return Arbitraries.strings().withChars("\r\n ").ofMaxLength(4);
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
