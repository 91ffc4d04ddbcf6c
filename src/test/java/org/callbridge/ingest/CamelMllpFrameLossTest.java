package org.callbridge.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.callbridge.testing.FreePorts;
import org.junit.jupiter.api.Test;

/**
 * Why the listener is netty and not camel-mllp: camel-mllp 4.17 keeps only the first of several
 * frames that arrive in one TCP read (CAMEL-24668). When this test fails, the bug is fixed in
 * the Camel version in use and camel-mllp may be reconsidered.
 */
class CamelMllpFrameLossTest {
    @Test
    void camel_mllp_4_17_drops_frames_that_share_a_tcp_read() throws Exception {
        int port = FreePorts.next();
        AtomicInteger received = new AtomicInteger();
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("mllp://127.0.0.1:" + port + "?autoAck=true&validatePayload=false").process(e -> received.incrementAndGet());
                }
            });
            camel.start();
            ByteArrayOutputStream oneWrite = new ByteArrayOutputStream();
            for (int i = 0; i < 5; i++) {
                oneWrite.writeBytes(Mllp.frame("MSH|^~\\&|A|B|C|D|20261125080000||SIU^S12|LOSS-" + i + "|P|2.5\r", true));
            }
            try (Socket socket = new Socket("127.0.0.1", port)) {
                socket.getOutputStream().write(oneWrite.toByteArray());
                socket.getOutputStream().flush();
                await().atMost(Duration.ofSeconds(10)).until(() -> received.get() >= 1);
                await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> true);
            }
        }
        assertThat(received.get()).as("frames camel-mllp delivered out of 5 sent in one write").isLessThan(5);
    }
}
