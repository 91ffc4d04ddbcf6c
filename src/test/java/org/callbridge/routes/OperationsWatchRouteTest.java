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

/** operations-watch: the alert conditions are looked at by the instance holding the outbox lease, and only by it. */
class OperationsWatchRouteTest extends RouteFileTestSupport {
    private final Database database = Database.open("jdbc:h2:mem:operations-route-" + UUID.randomUUID()
            + ";DB_CLOSE_DELAY=-1", "sa", "", 2);
    private final OutboxLease lease = new OutboxLease(new Leases(database), "this-instance", Duration.ofMinutes(2));
    private final Calls calls = new Calls();

    @Override
    protected String[] routeFiles() {
        return new String[] {"operations-watch"};
    }

    @Override
    public void configureContext(CamelContextConfiguration context) {
        super.configureContext(context);
        context.replaceRouteFromWith("alerts-watch", "direct:alerts");
        context.replaceRouteFromWith("retention-prune", "direct:retention");
    }

    @Override
    protected void bindToRegistry(Registry registry) {
        registry.bind("outboxLease", lease);
        registry.bind("alertWatch", new Watch(calls));
        registry.bind("retention", new Watch(calls));
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }

    @Test
    void should_look_at_alerts_once_this_instance_holds_the_outbox_lease() {
        assertThat(lease.hold()).isTrue();
        NotifyBuilder run = new NotifyBuilder(context).fromRoute("alerts-watch").whenCompleted(1).create();

        template.sendBody("direct:alerts", null);

        assertThat(run.matches(5, TimeUnit.SECONDS)).isTrue();
        assertThat(calls.list()).containsExactly("alertWatch.look()");
    }

    @Test
    void should_not_look_at_alerts_nor_take_the_lease_before_this_instance_holds_it() {
        NotifyBuilder run = new NotifyBuilder(context).fromRoute("alerts-watch").whenCompleted(1).create();

        template.sendBody("direct:alerts", null);

        assertThat(run.matches(5, TimeUnit.SECONDS)).isTrue();
        assertThat(calls.list()).isEmpty();
        // the route only asks: taking the lease is the plan-and-post cycle's job
        assertThat(new Leases(database).holder(OutboxLease.NAME)).isEmpty();
    }

    @Test
    void should_prune_only_on_the_instance_holding_the_outbox_lease() {
        NotifyBuilder before = new NotifyBuilder(context).fromRoute("retention-prune").whenCompleted(1).create();
        template.sendBody("direct:retention", null);
        assertThat(before.matches(5, TimeUnit.SECONDS)).isTrue();
        assertThat(calls.list()).isEmpty();

        assertThat(lease.hold()).isTrue();
        NotifyBuilder after = new NotifyBuilder(context).fromRoute("retention-prune").whenCompleted(1).create();
        template.sendBody("direct:retention", null);

        assertThat(after.matches(5, TimeUnit.SECONDS)).isTrue();
        assertThat(calls.list()).containsExactly("retention.runOnce()");
    }

    /** Stands in for AlertWatch (look) and RetentionWatch (runOnce), which the routes call. */
    public static class Watch {
        private final Calls calls;

        Watch(Calls calls) {
            this.calls = calls;
        }

        public int look() {
            calls.add("alertWatch.look()");
            return 0;
        }

        public int runOnce() {
            calls.add("retention.runOnce()");
            return 0;
        }
    }
}
