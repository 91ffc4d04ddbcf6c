package org.callbridge.mllp;

/**
 * The MLLP frame: {@code 0x0B} (start block), the HL7 payload, {@code 0x1C 0x0D} (end block, carriage return).
 * A receiver also takes a lone {@code 0x1C} as the end, for senders that omit the final CR. Allocation-free apart
 * from {@link #frame}, so the listener's hot path pays nothing for it.
 */
public final class MllpFraming {
    public static final byte START = 0x0B;
    public static final byte END = 0x1C;
    public static final byte CR = 0x0D;

    private MllpFraming() {
    }

    /** The ends a frame may have, the two-byte one first so it wins when both match. New arrays each call. */
    public static byte[][] ends() {
        return new byte[][] {{END, CR}, {END}};
    }

    /** {@code payload} framed as {@code 0x0B payload 0x1C 0x0D}. */
    public static byte[] frame(byte[] payload) {
        byte[] frame = new byte[payload.length + 3];
        frame[0] = START;
        System.arraycopy(payload, 0, frame, 1, payload.length);
        frame[frame.length - 2] = END;
        frame[frame.length - 1] = CR;
        return frame;
    }

    /**
     * Where the payload starts in the bytes of one frame cut before its end block: after the first start block (0
     * when there is none), past any CR or LF a previous frame left (a CR that came after its lone {@code 0x1C}).
     */
    public static int payloadStart(byte[] frame) {
        int from = 0;
        for (int i = 0; i < frame.length; i++) {
            if (frame[i] == START) {
                from = i + 1;
                break;
            }
        }
        while (from < frame.length && (frame[from] == CR || frame[from] == '\n')) {
            from++;
        }
        return from;
    }
}
