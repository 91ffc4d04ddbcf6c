package org.callbridge.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.spi.Registry;
import org.apache.camel.test.junit5.CamelContextConfiguration;
import org.callbridge.posting.OutboxLease;
import org.callbridge.store.Database;
import org.callbridge.store.Leases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** outbox-to-calls-api: the holder of the outbox lease plans, then posts; any other instance does neither. */
class OutboxToCallsApiRouteTest extends RouteFileTestSupport {
    private final Database database = Database.open("jdbc:h2:mem:outbox-route-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
            "sa", "", 2);
    private final Calls calls = new Calls();
    private final Cycle planning = new Cycle("planningCycle", calls);

    @Override
    protected String[] routeFiles() {
        return new String[] {"outbox-to-calls-api"};
    }

    @Override
    public void configureContext(CamelContextConfiguration context) {
        super.configureContext(context);
        context.replaceRouteFromWith("outbox-to-calls-api", "direct:plan-and-post");
    }

    @Override
    protected void bindToRegistry(Registry registry) {
        registry.bind("outboxLease", new OutboxLease(new Leases(database), "this-instance", Duration.ofMinutes(2)));
        registry.bind("planningCycle", planning);
        registry.bind("postingCycle", new Cycle("postingCycle", calls));
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }

    @Test
    void should_plan_then_post_when_this_instance_takes_the_outbox_lease() {
        NotifyBuilder cycle = new NotifyBuilder(context).fromRoute("outbox-to-calls-api").whenCompleted(1).create();

        template.sendBody("direct:plan-and-post", null);

        assertThat(cycle.matches(5, TimeUnit.SECONDS)).isTrue();
        assertThat(calls.list()).containsExactly("planningCycle.run()", "postingCycle.run()");
        assertThat(new Leases(database).holder(OutboxLease.NAME)).hasValueSatisfying(l ->
                assertThat(l.owner()).isEqualTo("this-instance"));
    }

    @Test
    void should_neither_plan_nor_post_while_another_instance_holds_the_outbox_lease() {
        new Leases(database).acquire(OutboxLease.NAME, "other-instance", Duration.ofMinutes(2));
        NotifyBuilder cycle = new NotifyBuilder(context).fromRoute("outbox-to-calls-api").whenCompleted(1).create();

        template.sendBody("direct:plan-and-post", null);

        assertThat(cycle.matches(5, TimeUnit.SECONDS)).isTrue();
        assertThat(calls.list()).isEmpty();
    }

    @Test
    void should_not_post_when_planning_fails() {
        planning.failing = true;
        NotifyBuilder cycle = new NotifyBuilder(context).fromRoute("outbox-to-calls-api").whenFailed(1).create();

        template.send("direct:plan-and-post", e -> { });

        assertThat(cycle.matches(5, TimeUnit.SECONDS)).isTrue();
        assertThat(calls.list()).containsExactly("planningCycle.run()");
    }

    /** Stands in for PlanningCycle and PostingCycle, whose run() the route calls. */
    static class Cycle {
        private final String name;
        private final Calls calls;
        volatile boolean failing;

        Cycle(String name, Calls calls) {
            this.name = name;
            this.calls = calls;
        }

        public void run() {
            calls.add(name + ".run()");
            if (failing) {
                throw new IllegalStateException(name + " failed");
            }
        }
    }
}
