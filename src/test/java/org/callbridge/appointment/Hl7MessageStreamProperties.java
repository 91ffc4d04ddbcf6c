package org.callbridge.appointment;

import org.callbridge.hl7.NumberedMessage;

import org.callbridge.hl7.Hl7Messages;

import org.callbridge.hl7.Hl7MessageStream;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Reading a file's messages from a stream cuts them exactly as splitting the whole text does, whatever the
 * separators, blank lines, byte-order marks and envelopes; a message over the limit is handed on as too long, with
 * its start, and the messages around it are unchanged.
 */
class Hl7MessageStreamProperties {

    static List<Hl7MessageStream.Message> streamed(String text, int limit) throws IOException {
        List<Hl7MessageStream.Message> out = new ArrayList<>();
        try (Hl7MessageStream stream = Hl7MessageStream.open(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                StandardCharsets.UTF_8, limit)) {
            for (Hl7MessageStream.Message m; (m = stream.next()) != null; ) {
                out.add(m);
            }
        }
        return out;
    }

    @Provide
    Arbitrary<String> files() {
        Arbitrary<String> segment = Arbitraries.oneOf(
                Arbitraries.of("MSH|^~\\&|EHR|X|CB|X|20261125080000||SIU^S12|C1|P|2.5", "SCH|A1||||||^Visit",
                        "PID|1||100001^^^LSG^MR", "FHS|^~\\&", "BHS|^~\\&", "BTS|1", "FTS|1", "ZXX|é ü", "", "   ",
                        "\uFEFFMSH|^~\\&|EHR|X|CB|X|20261125080000||SIU^S15|C2|P|2.5", "\uFEFF\uFEFF", "MS", "M"),
                Arbitraries.strings().ofMaxLength(12));
        Arbitrary<String> separator = Arbitraries.of("\r", "\n", "\r\n", "\n\r", "\r\r");
        return Arbitraries.lazy(() -> Arbitraries.entries(segment, separator).list().ofMaxSize(30)
                .map(list -> {
                    StringBuilder text = new StringBuilder();
                    list.forEach(e -> text.append(e.getKey()).append(e.getValue()));
                    return text.toString();
                }));
    }

    @Property
    void a_stream_cuts_the_messages_the_whole_text_split_gives(@ForAll("files") String text,
            @ForAll boolean finalSeparator) throws IOException {
        String file = finalSeparator ? text : text.replaceAll("[\r\n]+$", "");
        List<NumberedMessage> expected = Hl7Messages.split(file);

        List<Hl7MessageStream.Message> streamed = streamed(file, 1 << 20);

        assertThat(streamed).extracting(Hl7MessageStream.Message::numbered).containsExactlyElementsOf(expected);
        assertThat(streamed).noneMatch(Hl7MessageStream.Message::tooLong);
        assertThat(streamed).allSatisfy(m -> assertThat(m.length()).isEqualTo(m.text().length()));
    }

    @Property
    void a_message_over_the_limit_is_cut_short_and_marked_and_the_others_are_whole(@ForAll("files") String text,
            @ForAll @IntRange(min = 1, max = 60) int limit) throws IOException {
        List<NumberedMessage> expected = Hl7Messages.split(text);

        List<Hl7MessageStream.Message> streamed = streamed(text, limit);

        assertThat(streamed).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            String whole = expected.get(i).text();
            Hl7MessageStream.Message got = streamed.get(i);
            assertThat(got.length()).isEqualTo(whole.length());
            assertThat(got.tooLong()).isEqualTo(whole.length() > limit);
            if (got.tooLong()) {
                assertThat(whole).startsWith(got.text());
                assertThat(got.text().length()).isLessThanOrEqualTo(limit);
            } else {
                assertThat(got.text()).isEqualTo(whole);
            }
        }
    }
}
