package org.callbridge.appointment;

import org.callbridge.hl7.NumberedMessage;

import org.callbridge.hl7.Hl7Messages;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Generators for fuzzing the HL7 readers: the sample messages, and the same damaged at random. */
public final class DamagedSamples {
    /** Characters HL7 text is made of: segment names, delimiters, separators, digits. */
    static final String HL7_CHARS = "MSHPIDSCTQ1AILRGZ|^~\\&\r\n\"0123456789.+-/ ";

    private DamagedSamples() {
    }

    /** Every message of the HL7 files under {@code sample-data/hl7} and {@code sample-data/hl7-mllp}, in file order. */
    public static List<String> messages() {
        try (Stream<Path> files = Stream.concat(Files.list(SampleData.path("hl7")), Files.list(SampleData.path("hl7-mllp")))) {
            return files.sorted().flatMap(f -> Hl7Messages.split(SampleData.hl7Text(SampleData.ROOT.relativize(f).toString())).stream())
                    .map(NumberedMessage::text).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A sample message with up to 40 characters cut somewhere and up to 12 HL7 characters put in their place. */
    public static Arbitrary<String> damaged() {
        Arbitrary<String> sample = Arbitraries.of(messages());
        Arbitrary<Integer> position = Arbitraries.integers().between(0, 1000);
        Arbitrary<String> insert = Arbitraries.strings().withChars(HL7_CHARS).ofMaxLength(12);
        Arbitrary<Integer> cut = Arbitraries.integers().between(0, 40);
        return Combinators.combine(sample, position, insert, cut).as((text, at, inserted, length) -> {
            int from = Math.min(at, text.length());
            int to = Math.min(from + length, text.length());
            return text.substring(0, from) + inserted + text.substring(to);
        });
    }
}
