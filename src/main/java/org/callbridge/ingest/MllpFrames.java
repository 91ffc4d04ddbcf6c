package org.callbridge.ingest;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import org.callbridge.mllp.MllpFraming;
import org.apache.camel.component.hl7.HL7MLLPNettyEncoderFactory;
import org.apache.camel.component.netty.ChannelHandlerFactories;
import io.netty.channel.ChannelHandler;
import org.apache.camel.component.netty.ChannelHandlerFactory;
import org.apache.camel.component.netty.DefaultChannelHandlerFactory;

/**
 * MLLP framing for the netty listener, with the block bytes of {@link MllpFraming}. Frames end at {@code 0x1C 0x0D},
 * or at a lone {@code 0x1C} for senders that omit the final CR (the two-byte end wins when both match, so a CR that arrives
 * in a later read is left before the next frame's {@code 0x0B} and stripped there). Every frame of
 * a TCP read is delivered, unlike camel-mllp 4.17 (CAMEL-24668).
 */
public final class MllpFrames {
    private MllpFrames() {
    }

    /** Splits the stream into frames of at most {@code maxBytes}; a longer frame closes the connection. */
    public static ChannelHandlerFactory frameDecoder(int maxBytes) {
        byte[][] delimiters = MllpFraming.ends();
        ByteBuf[] ends = new ByteBuf[delimiters.length];
        for (int i = 0; i < ends.length; i++) {
            ends[i] = Unpooled.wrappedBuffer(delimiters[i]);
        }
        return ChannelHandlerFactories.newDelimiterBasedFrameDecoder(maxBytes, ends, true, "tcp");
    }

    /** Hands each frame to the route as a byte array (the charset comes from MSH-18, read later). */
    public static ChannelHandlerFactory bytesDecoder() {
        return ChannelHandlerFactories.newByteArrayDecoder("tcp");
    }

    /**
     * Hands the route the frames of one TCP read as one list (at most {@code maxFrames}), writes the list of ACKs it
     * answers with back one frame each, and stops reading a connection while what it has read and not yet answered is
     * over the bounds of {@code budget} (see {@link FramesOfOneRead}).
     */
    public static ChannelHandlerFactory framesOfOneRead(int maxFrames, UnansweredFrames budget) {
        return new DefaultChannelHandlerFactory() {
            @Override
            public ChannelHandler newChannelHandler() {
                return new FramesOfOneRead(maxFrames, budget);
            }
        };
    }

    /** Wraps each ACK in {@code 0x0B ... 0x1C 0x0D}. */
    public static ChannelHandlerFactory encoder() {
        HL7MLLPNettyEncoderFactory factory = new HL7MLLPNettyEncoderFactory();
        factory.setCharset("UTF-8");
        factory.setStartByte((char) MllpFraming.START);
        factory.setEndByte1((char) MllpFraming.END);
        factory.setEndByte2((char) MllpFraming.CR);
        return factory;
    }

    /** The HL7 payload of a frame: after the start block, without a stray CR/LF left by the previous frame. */
    public static byte[] payload(byte[] frame) {
        return Arrays.copyOfRange(frame, MllpFraming.payloadStart(frame), frame.length);
    }
}
