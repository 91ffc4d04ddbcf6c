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

/** withdrawals-to-calls-api: only the instance that held the outbox lease at its last cycle watches withdrawals. */
class WithdrawalsToCallsApiRouteTest extends RouteFileTestSupport {
    private final Database database = Database.open("jdbc:h2:mem:withdrawals-route-" + UUID.randomUUID()
            + ";DB_CLOSE_DELAY=-1", "sa", "", 2);
    private final OutboxLease lease = new OutboxLease(new Leases(database), "this-instance", Duration.ofMinutes(2));
    private final Calls calls = new Calls();

    @Override
    protected String[] routeFiles() {
        return new String[] {"withdrawals-to-calls-api"};
    }

    @Override
    public void configureContext(CamelContextConfiguration context) {
        super.configureContext(context);
        context.replaceRouteFromWith("withdrawals-to-calls-api", "direct:withdrawals");
    }

    @Override
    protected void bindToRegistry(Registry registry) {
        registry.bind("outboxLease", lease);
        registry.bind("withdrawalWatch", new Watch(calls));
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }

    @Test
    void should_watch_withdrawals_once_this_instance_holds_the_outbox_lease() {
        assertThat(lease.hold()).isTrue();
        NotifyBuilder run = new NotifyBuilder(context).fromRoute("withdrawals-to-calls-api").whenCompleted(1).create();

        template.sendBody("direct:withdrawals", null);

        assertThat(run.matches(5, TimeUnit.SECONDS)).isTrue();
        assertThat(calls.list()).containsExactly("withdrawalWatch.run()");
    }

    @Test
    void should_not_watch_withdrawals_nor_take_the_lease_before_this_instance_holds_it() {
        NotifyBuilder run = new NotifyBuilder(context).fromRoute("withdrawals-to-calls-api").whenCompleted(1).create();

        template.sendBody("direct:withdrawals", null);

        assertThat(run.matches(5, TimeUnit.SECONDS)).isTrue();
        assertThat(calls.list()).isEmpty();
        // the route only asks: taking the lease is the plan-and-post cycle's job
        assertThat(new Leases(database).holder(OutboxLease.NAME)).isEmpty();
    }

    /** Stands in for WithdrawalWatch, whose run() the route calls. */
    public static class Watch {
        private final Calls calls;

        Watch(Calls calls) {
            this.calls = calls;
        }

        public int run() {
            calls.add("withdrawalWatch.run()");
            return 0;
        }
    }
}
