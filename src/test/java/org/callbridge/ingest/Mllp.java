package org.callbridge.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A test MLLP peer: frames messages, writes them in one TCP write, and reads the ACK frames back. */
public final class Mllp {
    private Mllp() {
    }

    public static byte[] frame(String message, boolean finalCr) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x0B);
        out.writeBytes(message.getBytes(StandardCharsets.UTF_8));
        out.write(0x1C);
        if (finalCr) {
            out.write(0x0D);
        }
        return out.toByteArray();
    }

    /** A new appointment whose id is also its control id, for patient MRN 100001 of the sample crosswalk. */
    static String s12(String id) {
        return "MSH|^~\\&|EHR|CLINIC|CALLBRIDGE|CLINIC|20261125080000||SIU^S12|" + id + "|P|2.5.1\r"
                + "SCH|" + id + "||||||^Check-up||||^^^202612101000\r"
                + "PID|1||100001^^^LSG^MR||Testperson^Ada\r";
    }

    static String sample(String name) throws IOException {
        return Files.readString(Path.of("sample-data", "hl7-mllp", name), StandardCharsets.UTF_8);
    }

    /** Reads {@code count} ACK frames (text between 0x0B and 0x1C). */
    static List<String> readAcks(Socket socket, int count) throws IOException {
        socket.setSoTimeout(20_000);
        InputStream in = socket.getInputStream();
        List<String> acks = new ArrayList<>();
        ByteArrayOutputStream current = new ByteArrayOutputStream();
        boolean inFrame = false;
        while (acks.size() < count) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            if (b == 0x0B) {
                inFrame = true;
                current.reset();
            } else if (b == 0x1C) {
                acks.add(current.toString(StandardCharsets.UTF_8));
                inFrame = false;
            } else if (inFrame) {
                current.write(b);
            }
        }
        return acks;
    }

    /** A field of a segment in an ER7 message ({@code MSA}, 2 gives MSA-2). */
    public static String field(String message, String segment, int n) {
        for (String line : message.split("\r")) {
            if (line.startsWith(segment + "|")) {
                String[] fields = line.split("\\|", -1);
                int index = segment.equals("MSH") ? n - 1 : n;
                return index < fields.length ? fields[index] : "";
            }
        }
        return null;
    }

    /** The same message with another MSH-10 (a re-send). */
    static String withControlId(String message, String controlId) {
        String[] segments = message.split("\r|\n", -1);
        String[] msh = segments[0].split("\\|", -1);
        msh[9] = controlId;
        segments[0] = String.join("|", msh);
        return String.join("\r", segments);
    }
}
