package org.callbridge.ingest;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.callbridge.operations.Fatal;

/**
 * Hands the route every MLLP frame of one TCP read as one list, at most {@code maxFrames} at a time,
 * and writes the list of ACKs the route answers with as one ACK per frame, in order, flushed once.
 * A sender that pipelines frames costs one exchange, one commit wait and one socket write per read,
 * not per frame; a sender that waits for each ACK gets lists of one.
 *
 * <p>Back-pressure: what the connection has read and not yet answered is counted (see {@link UnansweredFrames});
 * over the bound, the connection stops reading from its socket, so a sender that floods it is slowed by TCP, not
 * buffered in memory. A list counts as answered once its ACKs have left for the socket, so a sender that never
 * reads its ACKs stops being read too. Runs on the connection's event loop.
 */
final class FramesOfOneRead extends ChannelDuplexHandler implements UnansweredFrames.Reader {
    private final int maxFrames;
    private final UnansweredFrames budget;
    /** The cost of each list handed on and not yet answered, oldest first: the route answers lists in order. */
    private final ArrayDeque<Long> unanswered = new ArrayDeque<>();
    private List<byte[]> frames;
    private long listCost;
    private long held;
    private boolean pausedSelf;
    private ChannelHandlerContext ctx;

    FramesOfOneRead(int maxFrames, UnansweredFrames budget) {
        this.maxFrames = maxFrames;
        this.budget = budget;
        this.frames = new ArrayList<>();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof byte[] frame)) {
            fireFrames(ctx);
            ctx.fireChannelRead(msg);
            return;
        }
        frames.add(frame);
        listCost += UnansweredFrames.cost(frame.length);
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
        Fatal.haltIfFatal(cause);
        fireFrames(ctx);
        ctx.fireExceptionCaught(cause);
    }

    /** Frames read just before the connection closed are still handed on: they may be stored even if no ACK can reach the sender. */
    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        fireFrames(ctx);
        // no ACK can leave any more: what this connection held no longer counts against the others
        long left = 0;
        for (Long cost : unanswered) {
            left += cost;
        }
        unanswered.clear();
        held = 0;
        budget.answered(left);
        budget.forget(this);
        super.channelInactive(ctx);
    }

    private void fireFrames(ChannelHandlerContext ctx) {
        if (frames.isEmpty()) {
            return;
        }
        List<byte[]> batch = frames;
        long cost = listCost;
        frames = new ArrayList<>();
        listCost = 0;
        unanswered.addLast(cost);
        held += cost;
        boolean overTotal = budget.read(this, cost, held);
        if (held > budget.perConnection()) {
            pausedSelf = true;
        }
        if (overTotal || pausedSelf) {
            ctx.channel().config().setAutoRead(false);
        }
        ctx.fireChannelRead(batch);
    }

    /**
     * A list is written element by element (each framed by the MLLP encoder); the caller's promise completes with the
     * last. Each write answers the oldest list handed on, which stops counting once the write has left.
     */
    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        Long cost = unanswered.pollFirst();
        ChannelPromise tracked = promise;
        if (cost != null) {
            tracked = promise.isVoid() ? ctx.newPromise() : promise;
            tracked.addListener(written -> answered(cost));
        }
        if (!(msg instanceof List<?> acks) || acks.isEmpty()) {
            ctx.write(msg, tracked);
            return;
        }
        int last = acks.size() - 1;
        for (int i = 0; i < last; i++) {
            ctx.write(acks.get(i), ctx.voidPromise());
        }
        ctx.write(acks.get(last), tracked);
    }

    private void answered(long cost) {
        held = Math.max(0, held - cost);
        budget.answered(cost);
        if (pausedSelf && held <= budget.perConnection() / 2) {
            pausedSelf = false;
        }
        resumeIfFree();
    }

    @Override
    public void resumeAfterTotal() {
        ChannelHandlerContext context = ctx;
        if (context != null) {
            context.executor().execute(this::resumeIfFree);
        }
    }

    private void resumeIfFree() {
        ChannelHandlerContext context = ctx;
        if (context != null && !pausedSelf && !budget.pausedForTotal(this) && !context.channel().config().isAutoRead()) {
            context.channel().config().setAutoRead(true);
        }
    }
}
