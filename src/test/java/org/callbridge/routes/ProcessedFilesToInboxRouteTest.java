package org.callbridge.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.spi.Registry;
import org.apache.camel.test.junit5.CamelContextConfiguration;
import org.junit.jupiter.api.Test;

/** processed-files-to-inbox: each tick asks every inbox to look again at the files it moved to processed/. */
class ProcessedFilesToInboxRouteTest extends RouteFileTestSupport {
    private final Calls calls = new Calls();

    @Override
    protected String[] routeFiles() {
        return new String[] {"processed-files-to-inbox"};
    }

    @Override
    public void configureContext(CamelContextConfiguration context) {
        super.configureContext(context);
        context.replaceRouteFromWith("processed-files-to-inbox", "direct:recheck-processed");
    }

    @Override
    protected void bindToRegistry(Registry registry) {
        registry.bind("inboxes", new Inboxes(calls));
    }

    @Test
    void should_recheck_the_processed_files_on_every_tick() {
        NotifyBuilder ticks = new NotifyBuilder(context).fromRoute("processed-files-to-inbox").whenCompleted(2).create();

        template.sendBody("direct:recheck-processed", null);
        template.sendBody("direct:recheck-processed", null);

        assertThat(ticks.matches(5, TimeUnit.SECONDS)).isTrue();
        assertThat(calls.list()).containsExactly("inboxes.recheckProcessed()", "inboxes.recheckProcessed()");
    }

    /** Stands in for Inboxes, whose recheckProcessed() the route calls. */
    public static class Inboxes {
        private final Calls calls;

        Inboxes(Calls calls) {
            this.calls = calls;
        }

        public int recheckProcessed() {
            calls.add("inboxes.recheckProcessed()");
            return 0;
        }
    }
}
