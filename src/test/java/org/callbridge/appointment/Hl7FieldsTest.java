package org.callbridge.appointment;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.util.Terser;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Hl7Fields} reads what {@link Terser#get(String)} reads, path for path, on any message HAPI
 * parses: samples, damaged samples, and samples whose segments are shuffled, repeated or dropped
 * (which HAPI files as nonstandard segments or in later group repetitions).
 */
class Hl7FieldsTest {
    private static final List<String> PATHS = paths();

    @Property(tries = 500)
    void reads_every_path_of_a_damaged_sample_as_terser_does(@ForAll("damagedSamples") String text) {
        assertSameAsTerser(text);
    }

    @Property(tries = 500)
    void reads_every_path_of_a_rearranged_sample_as_terser_does(@ForAll("rearrangedSamples") String text) {
        assertSameAsTerser(text);
    }

    @Property(tries = 50)
    void reads_every_path_of_a_sample_as_terser_does(@ForAll("samples") String text) {
        assertSameAsTerser(text);
    }

    private static void assertSameAsTerser(String text) {
        Message forFields;
        Message forTerser;
        try {
            forFields = Hl7Context.parse(text);
            forTerser = Hl7Context.parse(text);
        } catch (RejectedInputException e) {
            return; // nothing to read
        }
        Hl7Fields fields = new Hl7Fields(forFields);
        Terser terser = new Terser(forTerser);
        for (String path : PATHS) {
            String expected;
            boolean unreadable = false;
            try {
                expected = Hl7Fields.clean(terser.get(path));
            } catch (HL7Exception | RuntimeException e) {
                expected = null;
                unreadable = true;
            }
            String actual;
            boolean actualUnreadable = false;
            try {
                actual = fields.text(path);
            } catch (RejectedInputException e) {
                actual = null;
                actualUnreadable = true;
            }
            assertThat(actualUnreadable).as("%s unreadable", path).isEqualTo(unreadable);
            assertThat(actual).as(path).isEqualTo(expected);
        }
        for (int rep = 0; rep < 3; rep++) {
            for (int field : new int[] {SiuPaths.PID_HOME_PHONE_FIELD, SiuPaths.PID_BUSINESS_PHONE_FIELD}) {
                assertSameRead(fields, terser, SiuPaths.PHONE_NUMBER, field, rep);
                assertSameRead(fields, terser, SiuPaths.PHONE_UNFORMATTED, field, rep);
            }
            assertSameRead(fields, terser, SiuPaths.PID_IDENTIFIER_AUTHORITY, rep);
        }
        for (String segment : new String[] {"/.PID", "/.SCH", "/.AIL", "/.ZZZ"}) {
            int expected;
            try {
                expected = terser.getSegment(segment).getField(3).length;
            } catch (HL7Exception | RuntimeException e) {
                expected = 0;
            }
            assertThat(fields.repetitions(segment, 3)).as(segment).isEqualTo(expected);
        }
    }

    /** A template filled with numbers reads what Terser reads at the formatted path. */
    private static void assertSameRead(Hl7Fields fields, Terser terser, String template, int... numbers) {
        String path = String.format(template, java.util.Arrays.stream(numbers).boxed().toArray());
        String expected;
        try {
            expected = Hl7Fields.clean(terser.get(path));
        } catch (HL7Exception | RuntimeException e) {
            expected = "<unreadable>";
        }
        String actual;
        try {
            actual = fields.text(template, numbers);
        } catch (RejectedInputException e) {
            assertThat(e.field()).isEqualTo(Hl7Fields.fieldName(path));
            actual = "<unreadable>";
        }
        assertThat(actual).as(path).isEqualTo(expected);
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
