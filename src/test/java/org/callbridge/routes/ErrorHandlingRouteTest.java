package org.callbridge.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.Exchange;
import org.apache.camel.spi.Registry;
import org.apache.camel.test.junit5.CamelContextConfiguration;
import org.callbridge.operations.Fatal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * error-handling (the callbridge-errors route configuration), here on processed-files-to-inbox: a failure is left on the
 * exchange (not swallowed) and the route keeps running; an out-of-memory error reaches Fatal, which ends the process.
 */
class ErrorHandlingRouteTest extends RouteFileTestSupport {
    private final AtomicInteger halts = new AtomicInteger();
    private final Failing inboxes = new Failing();

    @Override
    protected String[] routeFiles() {
        return new String[] {"processed-files-to-inbox"};
    }

    @Override
    public void configureContext(CamelContextConfiguration context) {
        super.configureContext(context);
        context.replaceRouteFromWith("processed-files-to-inbox", "direct:recheck");
    }

    @Override
    protected void bindToRegistry(Registry registry) {
        registry.bind("inboxes", inboxes);
    }

    @AfterEach
    void haltForReal() {
        Fatal.haltWith(() -> Runtime.getRuntime().halt(Fatal.OUT_OF_MEMORY));
    }

    @Test
    void should_leave_a_failure_on_the_exchange_and_keep_the_route() {
        inboxes.error = new IllegalStateException("disk gone");

        Exchange failed = template.request("direct:recheck", e -> { });

        assertThat(failed.getException()).isInstanceOf(IllegalStateException.class);
        assertThat(context.getRouteController().getRouteStatus("processed-files-to-inbox").isStarted()).isTrue();
        assertThat(halts).hasValue(0);
    }

    @Test
    void should_hand_an_out_of_memory_error_to_fatal() {
        Fatal.haltWith(halts::incrementAndGet);
        inboxes.error = new OutOfMemoryError("test");

        template.request("direct:recheck", e -> { });

        assertThat(halts).hasValue(1);
    }

    /** Stands in for Inboxes and throws what it is told to. */
    public static class Failing {
        volatile Throwable error;

        public int recheckProcessed() throws Throwable {
            throw error;
        }
    }
}
