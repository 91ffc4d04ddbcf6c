package org.callbridge.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.spi.Registry;
import org.apache.camel.test.junit5.CamelContextConfiguration;
import org.callbridge.results.ResultsLease;
import org.callbridge.store.Database;
import org.callbridge.store.Leases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** calls-api-to-reports: the holder of the results lease polls; any other instance does not. */
class CallsApiToReportsRouteTest extends RouteFileTestSupport {
    private final Database database = Database.open("jdbc:h2:mem:poll-route-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
            "sa", "", 2);
    private final Calls calls = new Calls();

    @Override
    protected String[] routeFiles() {
        return new String[] {"calls-api-to-reports"};
    }

    @Override
    public void configureContext(CamelContextConfiguration context) {
        super.configureContext(context);
        context.replaceRouteFromWith("calls-api-to-reports", "direct:poll-results");
    }

    @Override
    protected void bindToRegistry(Registry registry) {
        registry.bind("resultsLease", new ResultsLease(new Leases(database), "this-instance", Duration.ofMinutes(2)));
        registry.bind("resultsPoller", new Poller(calls));
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }

    @Test
    void should_poll_when_this_instance_takes_the_results_lease() {
        NotifyBuilder cycle = new NotifyBuilder(context).fromRoute("calls-api-to-reports").whenCompleted(1).create();

        template.sendBody("direct:poll-results", null);

        assertThat(cycle.matches(5, TimeUnit.SECONDS)).isTrue();
        assertThat(calls.list()).containsExactly("resultsPoller.poll()");
        assertThat(new Leases(database).holder(ResultsLease.NAME)).hasValueSatisfying(l ->
                assertThat(l.owner()).isEqualTo("this-instance"));
    }

    @Test
    void should_not_poll_while_another_instance_holds_the_results_lease() {
        new Leases(database).acquire(ResultsLease.NAME, "other-instance", Duration.ofMinutes(2));
        NotifyBuilder cycle = new NotifyBuilder(context).fromRoute("calls-api-to-reports").whenCompleted(1).create();

        template.sendBody("direct:poll-results", null);

        assertThat(cycle.matches(5, TimeUnit.SECONDS)).isTrue();
        assertThat(calls.list()).isEmpty();
    }

    /** Stands in for ResultsPoller, whose poll() the route calls; delivery is not this route's job. */
    public static class Poller {
        private final Calls calls;

        Poller(Calls calls) {
            this.calls = calls;
        }

        public void poll() {
            calls.add("resultsPoller.poll()");
        }

        public void pollOnce() {
            calls.add("resultsPoller.pollOnce()");
        }
    }
}
