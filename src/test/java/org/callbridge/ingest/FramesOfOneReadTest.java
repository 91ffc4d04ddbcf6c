package org.callbridge.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.component.netty.ChannelHandlerFactory;
import org.junit.jupiter.api.Test;

/**
 * The listener's pipeline as the route builds it (MLLP encoder, frame decoder, bytes decoder, frames
 * of one read), in an embedded channel: what the route is handed per read, and what leaves for its
 * list of ACKs.
 */
class FramesOfOneReadTest {
    private final List<List<String>> handed = new ArrayList<>();

    private EmbeddedChannel listener(int maxFrames) {
        return listener(maxFrames, 1 << 20);
    }

    private EmbeddedChannel listener(int maxFrames, int maxFrameBytes) {
        return new EmbeddedChannel(handler(MllpFrames.encoder()), handler(MllpFrames.frameDecoder(maxFrameBytes)),
                handler(MllpFrames.bytesDecoder()), handler(MllpFrames.framesOfOneRead(maxFrames, new UnansweredFrames(1 << 30, 1L << 40))),
                new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        List<String> texts = new ArrayList<>();
                        for (Object frame : (List<?>) msg) {
                            texts.add(new String(MllpFrames.payload((byte[]) frame), StandardCharsets.UTF_8));
                        }
                        handed.add(texts);
                    }

                    @Override
                    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                        handed.add(List.of(cause.getClass().getSimpleName()));
                    }
                });
    }

    private static io.netty.channel.ChannelHandler handler(ChannelHandlerFactory factory) {
        return factory.newChannelHandler();
    }

    private static ByteBuf read(String... messages) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (String message : messages) {
            bytes.writeBytes(Mllp.frame(message, true));
        }
        return Unpooled.wrappedBuffer(bytes.toByteArray());
    }

    @Test
    void should_hand_the_route_the_frames_of_one_read_as_one_list_in_their_order() {
        EmbeddedChannel channel = listener(200);

        channel.writeInbound(read("MSH|1\r", "MSH|2\r", "MSH|3\r"));
        channel.writeInbound(read("MSH|4\r"));

        assertThat(handed).containsExactly(List.of("MSH|1\r", "MSH|2\r", "MSH|3\r"), List.of("MSH|4\r"));
    }

    @Test
    void should_hand_a_long_read_on_in_lists_of_at_most_the_bound() {
        EmbeddedChannel channel = listener(2);

        channel.writeInbound(read("MSH|1\r", "MSH|2\r", "MSH|3\r", "MSH|4\r", "MSH|5\r"));

        assertThat(handed).containsExactly(List.of("MSH|1\r", "MSH|2\r"), List.of("MSH|3\r", "MSH|4\r"), List.of("MSH|5\r"));
    }

    @Test
    void should_keep_a_frame_split_across_reads_for_the_read_that_completes_it() {
        EmbeddedChannel channel = listener(200);
        byte[] second = Mllp.frame("MSH|2\r", true);
        ByteBuf first = read("MSH|1\r");

        channel.writeInbound(Unpooled.wrappedBuffer(first, Unpooled.wrappedBuffer(second, 0, 4)));
        channel.writeInbound(Unpooled.wrappedBuffer(second, 4, second.length - 4));

        assertThat(handed).containsExactly(List.of("MSH|1\r"), List.of("MSH|2\r"));
    }

    @Test
    void should_hand_on_frames_read_just_before_the_connection_closed() {
        EmbeddedChannel channel = listener(200);

        channel.pipeline().fireChannelRead(read("MSH|1\r", "MSH|2\r"));
        assertThat(handed).isEmpty();
        channel.close();

        assertThat(handed).containsExactly(List.of("MSH|1\r", "MSH|2\r"));
    }

    @Test
    void should_hand_on_the_frames_before_a_frame_too_long_ahead_of_its_failure() {
        EmbeddedChannel channel = listener(200, 64);

        channel.writeInbound(read("MSH|1\r", "MSH|2\r", "MSH|" + "x".repeat(100) + "\r"));

        assertThat(handed).containsExactly(List.of("MSH|1\r", "MSH|2\r"), List.of("TooLongFrameException"));
    }

    @Test
    void should_write_a_list_of_acks_as_one_mllp_frame_each_in_order_and_complete_with_the_last() {
        EmbeddedChannel channel = listener(200);

        ChannelFuture written = channel.writeAndFlush(List.of("MSH|A1\r", "MSH|A2\r", "MSH|A3\r"));

        assertThat(written.isSuccess()).isTrue();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (ByteBuf buffer; (buffer = channel.readOutbound()) != null; buffer.release()) {
            byte[] bytes = new byte[buffer.readableBytes()];
            buffer.readBytes(bytes);
            out.writeBytes(bytes);
        }
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (String ack : List.of("MSH|A1\r", "MSH|A2\r", "MSH|A3\r")) {
            expected.writeBytes(Mllp.frame(ack, true));
        }
        assertThat(out.toByteArray()).isEqualTo(expected.toByteArray());
    }

    @Test
    void should_write_a_single_ack_as_it_is() {
        EmbeddedChannel channel = listener(200);

        channel.writeAndFlush("MSH|A1\r");

        ByteBuf buffer = channel.readOutbound();
        byte[] bytes = new byte[buffer.readableBytes()];
        buffer.readBytes(bytes);
        buffer.release();
        assertThat(bytes).isEqualTo(Mllp.frame("MSH|A1\r", true));
    }
}
