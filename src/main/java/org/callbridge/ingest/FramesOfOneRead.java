package org.callbridge.ingest;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import java.util.ArrayList;
import java.util.List;

/**
 * Hands the route every MLLP frame of one TCP read as one list, at most {@code maxFrames} at a time,
 * and writes the list of ACKs the route answers with as one ACK per frame, in order, flushed once.
 * A sender that pipelines frames costs one exchange, one commit wait and one socket write per read,
 * not per frame; a sender that waits for each ACK gets lists of one.
 */
final class FramesOfOneRead extends ChannelDuplexHandler {
    private final int maxFrames;
    private List<byte[]> frames;

    FramesOfOneRead(int maxFrames) {
        this.maxFrames = maxFrames;
        this.frames = new ArrayList<>();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof byte[] frame)) {
            fireFrames(ctx);
            ctx.fireChannelRead(msg);
            return;
        }
        frames.add(frame);
        if (frames.size() >= maxFrames) {
            fireFrames(ctx);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        fireFrames(ctx);
        ctx.fireChannelReadComplete();
    }

    /** Frames decoded before a failure (a frame too long, say) are handed on before it, in their order. */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fireFrames(ctx);
        ctx.fireExceptionCaught(cause);
    }

    /** Frames read just before the connection closed are still handed on: they may be stored even if no ACK can reach the sender. */
    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        fireFrames(ctx);
        super.channelInactive(ctx);
    }

    private void fireFrames(ChannelHandlerContext ctx) {
        if (frames.isEmpty()) {
            return;
        }
        List<byte[]> batch = frames;
        frames = new ArrayList<>();
        ctx.fireChannelRead(batch);
    }

    /** A list is written element by element (each framed by the MLLP encoder); the caller's promise completes with the last. */
    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!(msg instanceof List<?> acks) || acks.isEmpty()) {
            ctx.write(msg, promise);
            return;
        }
        int last = acks.size() - 1;
        for (int i = 0; i < last; i++) {
            ctx.write(acks.get(i), ctx.voidPromise());
        }
        ctx.write(acks.get(last), promise);
    }
}
