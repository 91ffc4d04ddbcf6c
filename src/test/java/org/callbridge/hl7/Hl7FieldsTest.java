package org.callbridge.hl7;

import org.callbridge.appointment.DamagedSamples;



import org.callbridge.appointment.RejectedInputException;


import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.util.Terser;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Assume;
import net.jqwik.api.Example;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link Hl7Fields} reads, path for path, what {@link Terser#get(String)} reads on HAPI's
 * whole-message parse: on the samples, and on damaged samples whose segments keep their names and
 * order. On samples whose segments are shuffled, repeated or dropped, it reads the first segment of
 * each name as the whole parse reads that segment in a message where it stands in its standard place.
 */
class Hl7FieldsTest {
    private static final List<String> PATHS = paths();
    private static final String UNREADABLE = "<unreadable>";
    /** The empty segments a segment needs before it for the whole parse to file it in its standard place. */
    private static final Map<String, String> LEADERS = Map.of("MSH", "", "SCH", "", "PV1", "SCH\rPID\r",
            "AIS", "SCH\rRGS\r", "AIG", "SCH\rRGS\r", "AIL", "SCH\rRGS\r", "AIP", "SCH\rRGS\r");

    @Property(tries = 500)
    void reads_every_path_of_a_damaged_sample_as_the_whole_parse_does(@ForAll("damagedSamples") String text) {
        Assume.that(segmentNames(text).equals(segmentNames(originalOf(text))));
        assertSameAsTerser(text, wholeParse(text));
    }

    @Property(tries = 500)
    void reads_the_first_segment_of_each_name_of_a_rearranged_sample_as_the_whole_parse_reads_it_in_its_place(
            @ForAll("rearrangedSamples") String text) {
        assertSameAsTerser(text, eachInItsPlace(text));
    }

    @Property(tries = 50)
    void reads_every_path_of_a_sample_as_the_whole_parse_does(@ForAll("samples") String text) {
        assertSameAsTerser(text, wholeParse(text));
    }

    @Example
    void reads_segments_where_they_stand_in_the_text() {
        String outOfOrder = "MSH|^~\\&|A|B|C|D|20261201||SIU^S12|1|P|2.5\rPID|1||MRN7^^^LSG^MR\rSCH|P9^X||||||V^Visit\r";
        Hl7Fields fields = new Hl7Fields(Hl7Segments.of(outOfOrder));

        assertThat(fields.text(SiuPaths.PLACER_APPOINTMENT_ID)).isEqualTo("P9");
        assertThat(fields.text(SiuPaths.PID_IDENTIFIER_ID, 0)).isEqualTo("MRN7");
        assertThat(fields.text(SiuPaths.TQ1_START)).isNull();
        assertThat(fields.text("/.ZZZ-1")).isNull();
        assertThat(fields.repetitions(SiuPaths.PID, 3)).isEqualTo(1);
    }

    @Example
    void keeps_nothing_of_the_message_this_thread_read_before() {
        String full = "MSH|^~\\&|A|B|C|D|20261201||SIU^S12|1|P|2.5\rPID|1||MRN7^^^LSG^MR~X9^^^ALT||Doe^Jo||||||||^PRN^PH^^1^555^5550101\r";
        String bare = "MSH|^~\\&|A|B|C|D|20261201||SIU^S12|2|P|2.5\rPID|1||MRN8\r";
        Hl7Fields first = new Hl7Fields(Hl7Segments.of(full));
        assertThat(first.repetitions(SiuPaths.PID, 3)).isEqualTo(2);
        assertThat(first.text(SiuPaths.PHONE_LOCAL, 13, 0)).isEqualTo("5550101");

        Hl7Fields second = new Hl7Fields(Hl7Segments.of(bare));

        assertThat(second.repetitions(SiuPaths.PID, 3)).isEqualTo(1);
        assertThat(second.text(SiuPaths.PID_IDENTIFIER_ID, 0)).isEqualTo("MRN8");
        assertThat(second.text(SiuPaths.PID_IDENTIFIER_AUTHORITY, 0)).isNull();
        assertThat(second.text(SiuPaths.PHONE_LOCAL, 13, 0)).isNull();
        assertThat(second.text(SiuPaths.CONTROL_ID)).isEqualTo("2");
    }

    @Example
    void refuses_to_read_a_message_after_this_thread_has_parsed_the_next() {
        Hl7Fields earlier = new Hl7Fields(Hl7Segments.of("MSH|^~\\&|A|B|C|D|20261201||SIU^S12|1|P|2.5\rSCH|P1\r"));
        new Hl7Fields(Hl7Segments.of("MSH|^~\\&|A|B|C|D|20261201||SIU^S12|2|P|2.5\rSCH|P2\r")).text(SiuPaths.PLACER_APPOINTMENT_ID);

        assertThatThrownBy(() -> earlier.text(SiuPaths.PLACER_APPOINTMENT_ID)).isInstanceOf(IllegalStateException.class);
    }

    /** The Terser to read a segment's paths with, by segment name; null when HAPI's whole parse rejects the message. */
    private interface Oracle {
        Terser terserFor(String segment);
    }

    /** One whole parse of the text for every segment. */
    private static Oracle wholeParse(String text) {
        Terser terser;
        try {
            terser = new Terser(Hl7Context.parse(text));
        } catch (RejectedInputException e) {
            terser = null;
        }
        Terser whole = terser;
        return segment -> whole;
    }

    /**
     * For each name, the whole parse of MSH (made an SIU^S12) and the text's first segment of that name,
     * behind the empty segments the whole parse needs before it to file it in its standard place.
     */
    private static Oracle eachInItsPlace(String text) {
        Map<String, String> firsts = firstOfEachName(text);
        String msh = firsts.get("MSH");
        String[] fields = msh.split("\\|", -1);
        if (fields.length > 8) {
            fields[8] = "SIU^S12^SIU_S12";
        }
        String siuMsh = String.join("|", fields);
        Map<String, Terser> tersers = new HashMap<>();
        return segment -> tersers.computeIfAbsent(segment, name -> {
            String body = firsts.containsKey(name) && !name.equals("MSH")
                    ? LEADERS.getOrDefault(name, "SCH\r") + firsts.get(name) + "\r" : "";
            try {
                return new Terser(Hl7Context.parse((name.equals("MSH") ? msh : siuMsh) + "\r" + body));
            } catch (RejectedInputException e) {
                return null;
            }
        });
    }

    /**
     * Each path read from {@code text} with {@link Hl7Fields}, and with the oracle's Terser. A segment
     * the text does not have reads as null (where Terser may not find it at all).
     */
    private static void assertSameAsTerser(String text, Oracle oracle) {
        if (oracle.terserFor("MSH") == null) {
            return; // HAPI rejects the message: nothing to compare
        }
        Hl7Fields fields = new Hl7Fields(Hl7Segments.of(text));
        // before any read: reading a repetition with Terser creates it
        for (String segment : new String[] {"/.PID", "/.SCH", "/.AIL", "/.ZZZ"}) {
            int expected;
            try {
                expected = oracle.terserFor(segment.substring(2)).getSegment(segment).getField(3).length;
            } catch (HL7Exception | RuntimeException e) {
                expected = 0;
            }
            assertThat(fields.repetitions(segment, 3)).as(segment).isEqualTo(expected);
        }
        List<String> names = segmentNames(text);
        for (String path : PATHS) {
            String actual;
            try {
                actual = fields.text(path);
            } catch (RejectedInputException e) {
                actual = UNREADABLE;
            }
            assertThat(actual).as(path).isEqualTo(expected(oracle, names, path));
        }
        for (int rep = 0; rep < 3; rep++) {
            for (int field : new int[] {SiuPaths.PID_HOME_PHONE_FIELD, SiuPaths.PID_BUSINESS_PHONE_FIELD}) {
                assertSameRead(fields, oracle, names, SiuPaths.PHONE_NUMBER, field, rep);
                assertSameRead(fields, oracle, names, SiuPaths.PHONE_UNFORMATTED, field, rep);
            }
            assertSameRead(fields, oracle, names, SiuPaths.PID_IDENTIFIER_AUTHORITY, rep);
        }
    }

    /** A template filled with numbers reads what Terser reads at the formatted path. */
    private static void assertSameRead(Hl7Fields fields, Oracle oracle, List<String> names, String template, int... numbers) {
        String path = String.format(template, java.util.Arrays.stream(numbers).boxed().toArray());
        String actual;
        try {
            actual = fields.text(template, numbers);
        } catch (RejectedInputException e) {
            assertThat(e.field()).isEqualTo(Hl7Fields.fieldName(path));
            actual = UNREADABLE;
        }
        assertThat(actual).as(path).isEqualTo(expected(oracle, names, path));
    }

    /** What the oracle's Terser reads at the path, cleaned; a segment the text does not have reads as null. */
    private static String expected(Oracle oracle, List<String> names, String path) {
        String segment = path.replace("/.", "").replace("/", "").split("-")[0];
        Terser terser = oracle.terserFor(segment);
        try {
            return Hl7Fields.clean(terser.get(path));
        } catch (HL7Exception | RuntimeException e) {
            return names.contains(segment) ? UNREADABLE : null;
        }
    }

    /** The first segment of each name, as the text has it. */
    private static Map<String, String> firstOfEachName(String text) {
        Map<String, String> firsts = new LinkedHashMap<>();
        for (String segment : text.split("\\r")) {
            String trimmed = segment.strip();
            if (trimmed.length() >= 3) {
                int bar = trimmed.indexOf('|');
                firsts.putIfAbsent(bar < 0 ? trimmed : trimmed.substring(0, bar), segment);
            }
        }
        return firsts;
    }

    /** The names of the text's segments, in order (what HAPI takes as a segment's name). */
    private static List<String> segmentNames(String text) {
        List<String> names = new ArrayList<>();
        for (String segment : text.split("\r")) {
            String trimmed = segment.strip();
            if (trimmed.length() >= 3) {
                int bar = trimmed.indexOf('|');
                names.add(bar < 0 ? trimmed : trimmed.substring(0, bar));
            }
        }
        return names;
    }

    /** The sample a damaged text was made from: the one that starts with the same control id, else the first. */
    private static String originalOf(String damaged) {
        String start = damaged.substring(0, Math.min(40, damaged.length()));
        return DamagedSamples.messages().stream().filter(m -> m.startsWith(start)).findFirst().orElse("");
    }

    /** Every path the SIU mapper reads, a few repetitions of the repeating ones, and some it does not. */
    private static List<String> paths() {
        List<String> paths = new ArrayList<>(List.of(
                SiuPaths.MESSAGE_CODE, SiuPaths.TRIGGER_EVENT, SiuPaths.CONTROL_ID,
                SiuPaths.PLACER_APPOINTMENT_ID, SiuPaths.FILLER_APPOINTMENT_ID, SiuPaths.APPOINTMENT_REASON_TEXT,
                SiuPaths.APPOINTMENT_REASON_ID, SiuPaths.APPOINTMENT_TYPE_TEXT, SiuPaths.APPOINTMENT_TYPE_ID,
                SiuPaths.DURATION, SiuPaths.DURATION_UNITS, SiuPaths.SCH_START, SiuPaths.FILLER_STATUS_ID,
                SiuPaths.FILLER_STATUS_TEXT, SiuPaths.TQ1_START, SiuPaths.TQ1_END, SiuPaths.TQ1_DURATION,
                SiuPaths.TQ1_DURATION_UNITS, SiuPaths.PROVIDER_ID, SiuPaths.PROVIDER_FAMILY, SiuPaths.PROVIDER_GIVEN,
                SiuPaths.PROVIDER_PREFIX, SiuPaths.LOCATION_POINT_OF_CARE, SiuPaths.LOCATION_FACILITY,
                SiuPaths.LOCATION_DESCRIPTION,
                "/.RGS-1", "/.NTE-3", "/.PV1-2", "/.AIS-3-1", "/.AIG-3-1", "/.ZZZ-1", "/.MSH-10", "/.SCH-6-1-2"));
        for (int rep = 0; rep < 3; rep++) {
            paths.add(Hl7Fields.format(SiuPaths.PID_IDENTIFIER_ID, rep));
            paths.add(Hl7Fields.format(SiuPaths.PID_IDENTIFIER_AUTHORITY, rep));
            paths.add(Hl7Fields.format(SiuPaths.PID_IDENTIFIER_AUTHORITY_UNIVERSAL, rep));
            paths.add(Hl7Fields.format(SiuPaths.PID_IDENTIFIER_TYPE, rep));
            for (int field : new int[] {SiuPaths.PID_HOME_PHONE_FIELD, SiuPaths.PID_BUSINESS_PHONE_FIELD}) {
                paths.add(Hl7Fields.format(SiuPaths.PHONE_NUMBER, field, rep));
                paths.add(Hl7Fields.format(SiuPaths.PHONE_EQUIPMENT, field, rep));
                paths.add(Hl7Fields.format(SiuPaths.PHONE_LOCAL, field, rep));
                paths.add(Hl7Fields.format(SiuPaths.PHONE_UNFORMATTED, field, rep));
            }
        }
        return paths;
    }

    @Provide
    Arbitrary<String> samples() {
        return Arbitraries.of(DamagedSamples.messages());
    }

    @Provide
    Arbitrary<String> damagedSamples() {
        return DamagedSamples.damaged();
    }

    /** MSH kept first; the other segments shuffled, some repeated, some dropped, a Z-segment or a second group added. */
    @Provide
    Arbitrary<String> rearrangedSamples() {
        Arbitrary<String> sample = Arbitraries.of(DamagedSamples.messages());
        Arbitrary<Long> seed = Arbitraries.longs();
        Arbitrary<String> structure = Arbitraries.of("", "SIU^S12^SIU_S12", "SIU^S14^ADT_A01", "SIU^S12^XYZ_A01", "ADT^A01");
        return Combinators.combine(sample, seed, structure).as((text, s, type) -> {
            Random random = new Random(s);
            String[] segments = text.split("\r");
            List<String> rest = new ArrayList<>();
            for (int i = 1; i < segments.length; i++) {
                int copies = random.nextInt(6) == 0 ? 0 : random.nextInt(5) == 0 ? 2 : 1;
                for (int c = 0; c < copies; c++) {
                    rest.add(segments[i]);
                }
            }
            if (random.nextBoolean()) {
                Collections.shuffle(rest, random);
            }
            if (random.nextInt(4) == 0) {
                rest.add(random.nextInt(rest.size() + 1), "ZZZ|1|custom");
            }
            if (random.nextInt(4) == 0) {
                rest.add("RGS|2");
                rest.add("AIL|2||SECOND^^^LSG^^^^^Second location");
                rest.add("AIP|2||D9^Other^Provider");
            }
            String msh = segments[0];
            if (!type.isEmpty()) {
                String[] fields = msh.split("\\|", -1);
                if (fields.length > 8) {
                    fields[8] = type;
                    msh = String.join("|", fields);
                }
            }
            return msh + "\r" + String.join("\r", rest) + "\r";
        });
    }
}
