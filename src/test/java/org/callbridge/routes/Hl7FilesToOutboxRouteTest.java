package org.callbridge.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.spi.Registry;
import org.apache.camel.test.junit5.CamelContextConfiguration;
import org.junit.jupiter.api.Test;

/** hl7-files-to-outbox: a dropped file is taken, accepted, then finished, in that order; a failed accept finishes nothing. */
class Hl7FilesToOutboxRouteTest extends RouteFileTestSupport {
    private final Calls calls = new Calls();

    @Override
    protected String[] routeFiles() {
        return new String[] {"hl7-files-to-outbox"};
    }

    @Override
    public void configureContext(CamelContextConfiguration context) {
        super.configureContext(context);
        context.replaceRouteFromWith("hl7-files-to-outbox", "direct:hl7-file");
    }

    @Override
    protected void bindToRegistry(Registry registry) {
        registry.bind("hl7Inbox", new Inbox(calls));
        registry.bind("hl7Intake", new Intake(calls));
    }

    @Test
    void should_take_accept_then_finish_a_dropped_file() {
        NotifyBuilder done = new NotifyBuilder(context).fromRoute("hl7-files-to-outbox").whenCompleted(1).create();

        template.sendBodyAndHeader("direct:hl7-file", "", "CamelFileAbsolutePath", "/drop/a.hl7");

        assertThat(done.matches(5, TimeUnit.SECONDS)).isTrue();
        assertThat(calls.list()).containsExactly("take(/drop/a.hl7)", "acceptFile(taken:/drop/a.hl7)", "finish(taken:/drop/a.hl7)");
    }

    @Test
    void should_not_finish_a_file_whose_accept_failed() {
        Exchange failed = template.request("direct:hl7-file", e -> e.getIn().setHeader("CamelFileAbsolutePath", "/drop/fail.hl7"));

        assertThat(failed.getException()).isInstanceOf(IllegalStateException.class);
        assertThat(calls.list()).containsExactly("take(/drop/fail.hl7)", "acceptFile(taken:/drop/fail.hl7)");
        assertThat(context.getRouteController().getRouteStatus("hl7-files-to-outbox").isStarted()).isTrue();
    }

    /** Stands in for InboxFiles: take gives a token, finish records it. */
    public static class Inbox {
        private final Calls calls;

        Inbox(Calls calls) {
            this.calls = calls;
        }

        public String take(String path) {
            calls.add("take(" + path + ")");
            return "taken:" + path;
        }

        public void finish(String token) {
            calls.add("finish(" + token + ")");
        }
    }

    /** Stands in for Hl7Intake.acceptFile; fails for a file named fail. */
    public static class Intake {
        private final Calls calls;

        Intake(Calls calls) {
            this.calls = calls;
        }

        public void acceptFile(String token) {
            calls.add("acceptFile(" + token + ")");
            if (token.contains("fail")) {
                throw new IllegalStateException("refused");
            }
        }
    }
}
