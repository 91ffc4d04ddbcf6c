package org.callbridge.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Properties;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.spi.Registry;
import org.junit.jupiter.api.Test;

/** reports-to-sink: one route per sink delivers that sink's reports only; stopping one leaves the others delivering. */
class ReportsToSinkRouteTest extends RouteFileTestSupport {
    private final Calls calls = new Calls();

    @Override
    protected String[] routeFiles() {
        return new String[] {"reports-to-sink"};
    }

    @Override
    protected void properties(Properties values) {
        values.setProperty("callbridge.poll.interval-millis", "100");
    }

    @Override
    protected void bindToRegistry(Registry registry) {
        registry.bind("reportDelivery", new Delivery(calls));
    }

    @Test
    void should_deliver_each_sink_on_its_own_route_and_keep_the_others_when_one_stops() throws Exception {
        for (String sink : new String[] {"json", "webhook"}) {
            TemplatedRouteBuilder.builder(context, "reports-to-sink").routeId("reports-to-" + sink).parameter("sink", sink).add();
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> calls.list().contains("deliverPending(json)")
                && calls.list().contains("deliverPending(webhook)"));

        context.getRouteController().stopRoute("reports-to-webhook");
        int stoppedAt = calls.list().size();
        await().atMost(Duration.ofSeconds(20)).until(() -> calls.list().subList(stoppedAt, calls.list().size()).stream()
                .filter("deliverPending(json)"::equals).count() >= 3);

        assertThat(calls.list().subList(stoppedAt, calls.list().size())).doesNotContain("deliverPending(webhook)")
                .allMatch(c -> c.startsWith("deliverPending("));
        assertThat(calls.list()).allMatch(c -> c.equals("deliverPending(json)") || c.equals("deliverPending(webhook)"));
    }

    /** Stands in for ReportDelivery.deliverPending(sink). */
    public static class Delivery {
        private final Calls calls;

        Delivery(Calls calls) {
            this.calls = calls;
        }

        public int deliverPending(String sink) {
            calls.add("deliverPending(" + sink + ")");
            return 0;
        }
    }
}
