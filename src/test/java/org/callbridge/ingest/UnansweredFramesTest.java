package org.callbridge.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Back-pressure on the listener's pipeline, in embedded channels: a connection stops reading while it holds more
 * unanswered frames than its bound, or while all connections together hold more than the total and it holds more
 * than the reserve; it reads again once its ACKs are out.
 */
class UnansweredFramesTest {
    /** How many frames each channel handed the route, and the ACK lists to answer them with. */
    private final List<Integer> handed = new ArrayList<>();

    private EmbeddedChannel listener(UnansweredFrames budget) {
        return new EmbeddedChannel(MllpFrames.encoder().newChannelHandler(),
                MllpFrames.frameDecoder(1 << 20).newChannelHandler(), MllpFrames.bytesDecoder().newChannelHandler(),
                MllpFrames.framesOfOneRead(200, budget).newChannelHandler(), new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        handed.add(((List<?>) msg).size());
                    }
                });
    }

    private static ByteBuf frames(int count) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < count; i++) {
            bytes.writeBytes(Mllp.frame("MSH|^~\\&|" + i + "\r", true));
        }
        return Unpooled.wrappedBuffer(bytes.toByteArray());
    }

    private static void answer(EmbeddedChannel channel, int acks) {
        List<String> list = new ArrayList<>();
        for (int i = 0; i < acks; i++) {
            list.add("MSH|^~\\&|ACK\r");
        }
        channel.writeAndFlush(list);
        for (Object out; (out = channel.readOutbound()) != null; ) {
            ((ByteBuf) out).release();
        }
        channel.runPendingTasks();
    }

    @Test
    void should_stop_reading_a_connection_over_its_bound_until_its_acks_are_out() {
        UnansweredFrames budget = new UnansweredFrames(3 * UnansweredFrames.MIN_FRAME_COST, 1L << 40);
        EmbeddedChannel channel = listener(budget);

        channel.writeInbound(frames(2));
        assertThat(channel.config().isAutoRead()).as("two short frames are within the bound").isTrue();
        channel.writeInbound(frames(2));

        assertThat(channel.config().isAutoRead()).isFalse();
        assertThat(budget.outstanding()).isEqualTo(4 * UnansweredFrames.MIN_FRAME_COST);

        answer(channel, 2);
        assertThat(channel.config().isAutoRead()).as("still over half the bound").isFalse();
        answer(channel, 2);

        assertThat(channel.config().isAutoRead()).isTrue();
        assertThat(budget.outstanding()).isZero();
        assertThat(handed).containsExactly(2, 2);
    }

    @Test
    void should_stop_the_busiest_connections_when_all_together_are_over_the_total_and_still_read_a_waiting_sender() {
        long total = 2 * UnansweredFrames.RESERVE;
        UnansweredFrames budget = new UnansweredFrames(1L << 40, total);
        EmbeddedChannel flood = listener(budget);
        EmbeddedChannel waiting = listener(budget);

        flood.writeInbound(frames(40));
        waiting.writeInbound(frames(1));

        assertThat(budget.outstanding()).isGreaterThan(total);
        assertThat(flood.config().isAutoRead()).isFalse();
        assertThat(waiting.config().isAutoRead()).as("one frame is within the reserve").isTrue();

        answer(waiting, 1);
        assertThat(flood.config().isAutoRead()).as("the flood still holds more than half the total").isFalse();
        answer(flood, 40);

        assertThat(flood.config().isAutoRead()).isTrue();
        assertThat(budget.outstanding()).isZero();
    }

    @Test
    void should_give_back_what_a_closed_connection_held_and_resume_the_others() {
        UnansweredFrames budget = new UnansweredFrames(1L << 40, 2 * UnansweredFrames.RESERVE);
        EmbeddedChannel first = listener(budget);
        EmbeddedChannel second = listener(budget);
        first.writeInbound(frames(40));
        second.writeInbound(frames(40));
        assertThat(second.config().isAutoRead()).isFalse();

        first.close();
        answer(second, 40);

        assertThat(budget.outstanding()).isZero();
        assertThat(second.config().isAutoRead()).isTrue();
    }

    @Test
    void should_count_a_long_frame_at_its_length_and_a_short_one_at_the_least_cost() {
        assertThat(UnansweredFrames.cost(10)).isEqualTo(UnansweredFrames.MIN_FRAME_COST);
        assertThat(UnansweredFrames.cost(1 << 20)).isEqualTo(1 << 20);
    }
}
