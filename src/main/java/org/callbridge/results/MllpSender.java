package org.callbridge.results;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.Socket;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.callbridge.mllp.MllpFraming;
import org.callbridge.tls.Tls;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Sends HL7 results over MLLP on a plain blocking socket: each message framed {@code 0x0B ... 0x1C 0x0D} in UTF-8
 * ({@link MllpFraming}),
 * then its ACK awaited. MSA-1 {@code AA} (or {@code CA}) with MSA-2 = the message's control id is delivered; any
 * other code is a {@link ReportRejectedException}; no connection, no ACK in time or an ACK for another message is
 * a {@link ReceiverUnavailableException}, and the connection is dropped so a late ACK cannot answer the next
 * message. One connection serves a page and is closed after it; a kept connection the receiver has closed in the
 * meantime is opened again once. Not thread-safe: one page at a time.
 */
public final class MllpSender implements Hl7Transport {
    private static final int MAX_ACK_BYTES = 64 * 1024;
    private static final Set<String> ACCEPTED = Set.of("AA", "CA");
    private static final Pattern SEGMENT_END = Pattern.compile("[\r\n]+");

    private final String host;
    private final int port;
    private final Duration connectTimeout;
    private final Duration ackTimeout;
    private Socket socket;
    private final SSLContext tls;
    private InputStream in;

    public MllpSender(String host, int port, Duration connectTimeout, Duration ackTimeout) {
        this(host, port, connectTimeout, ackTimeout, null);
    }

    /**
     * @param tls the TLS context (the receiver's CA as trust, and this side's certificate for mutual TLS), or null
     *            for plain TCP; the receiver's name is checked against its certificate
     */
    public MllpSender(String host, int port, Duration connectTimeout, Duration ackTimeout, SSLContext tls) {
        this.tls = tls;
        this.host = host;
        this.port = port;
        this.connectTimeout = connectTimeout;
        this.ackTimeout = ackTimeout;
    }

    @Override
    public void send(String controlId, String message) throws DeliveryException {
        String ack = exchange(MllpFraming.frame(message.getBytes(StandardCharsets.UTF_8)), socket != null);
        String[] msa = msa(ack);
        if (msa == null || msa.length < 3 || !controlId.equals(msa[2])) {
            endOfPage();
            throw new ReceiverUnavailableException("HL7 ACK does not answer message " + controlId);
        }
        if (!ACCEPTED.contains(msa[1])) {
            throw new ReportRejectedException("HL7 receiver answered " + msa[1] + " to message " + controlId);
        }
    }

    @Override
    public void endOfPage() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // nothing more to send on it
            }
            socket = null;
            in = null;
        }
    }

    private String exchange(byte[] frame, boolean reused) throws ReceiverUnavailableException {
        try {
            connect();
        } catch (IOException e) {
            throw new ReceiverUnavailableException("HL7 receiver unreachable (" + e.getClass().getSimpleName() + ")");
        }
        try {
            OutputStream out = socket.getOutputStream();
            out.write(frame);
            out.flush();
            return readAck();
        } catch (SocketTimeoutException e) {
            endOfPage();
            throw new ReceiverUnavailableException("no HL7 ACK within " + ackTimeout);
        } catch (ProtocolException e) {
            endOfPage();
            throw new ReceiverUnavailableException("HL7 ACK longer than " + MAX_ACK_BYTES + " bytes");
        } catch (IOException e) {
            endOfPage();
            if (reused) {
                // the receiver closed the kept connection between two messages: once more on a new one
                return exchange(frame, false);
            }
            throw new ReceiverUnavailableException("HL7 connection lost before the ACK (" + e.getClass().getSimpleName() + ")");
        }
    }

    private void connect() throws IOException {
        if (socket == null) {
            Socket s = new Socket();
            try {
                s.connect(new InetSocketAddress(host, port), Math.toIntExact(connectTimeout.toMillis()));
                s.setTcpNoDelay(true);
                if (tls != null) {
                    SSLSocket secure = (SSLSocket) tls.getSocketFactory().createSocket(s, host, port, true);
                    secure.setSSLParameters(Tls.clientParameters());
                    secure.setSoTimeout(Math.toIntExact(connectTimeout.toMillis()));
                    secure.startHandshake();
                    s = secure;
                }
            } catch (IOException e) {
                s.close();
                throw e;
            }
            socket = s;
            in = new BufferedInputStream(s.getInputStream());
        }
    }

    // the text between 0x0B and 0x1C, read against one deadline for the whole ACK
    private String readAck() throws IOException {
        long deadline = System.nanoTime() + ackTimeout.toNanos();
        ByteArrayOutputStream ack = new ByteArrayOutputStream();
        boolean inFrame = false;
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new SocketTimeoutException();
            }
            socket.setSoTimeout((int) Math.min(Math.max(1, left / 1_000_000), Integer.MAX_VALUE));
            int b = in.read();
            if (b < 0) {
                throw new EOFException();
            } else if (b == MllpFraming.START) {
                inFrame = true;
                ack.reset();
            } else if (b == MllpFraming.END && inFrame) {
                return ack.toString(StandardCharsets.UTF_8);
            } else if (inFrame) {
                if (ack.size() >= MAX_ACK_BYTES) {
                    throw new ProtocolException();
                }
                ack.write(b);
            }
        }
    }

    /** The MSA fields ([0] = "MSA", [1] = MSA-1, [2] = MSA-2), or null when the ACK has none. */
    private static String[] msa(String ack) {
        String separator = ack.startsWith("MSH") && ack.length() > 3 ? String.valueOf(ack.charAt(3)) : "|";
        for (String segment : SEGMENT_END.split(ack)) {
            if (segment.startsWith("MSA" + separator)) {
                return segment.split(Pattern.quote(separator), -1);
            }
        }
        return null;
    }
}
