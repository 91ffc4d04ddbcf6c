package org.callbridge.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.callbridge.store.AlertStore;
import org.callbridge.store.Database;
import org.callbridge.store.Watermarks;
import org.callbridge.testing.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each alert condition raises one alert, seen again it is not raised again, gone it is cleared, back it is raised again. */
class AlertWatchTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-02T10:00:00Z"));
    private final Database db = Database.open("jdbc:h2:mem:alerts-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "", 2);
    private final AlertStore alerts = new AlertStore(db, clock);
    private final Watermarks watermarks = new Watermarks(db, clock);
    private final FlowActivity flows = new FlowActivity(clock);
    private CamelContext camel;

    @TempDir
    Path state;

    @AfterEach
    void close() throws Exception {
        if (camel != null) {
            camel.close();
        }
        db.close();
    }

    private AlertWatch watch(long minFreeBytes) {
        return new AlertWatch(alerts, watermarks, flows, () -> camel, new AlertWatch.Settings(Duration.ofMinutes(15), minFreeBytes,
                state, "results"), clock);
    }

    @Test
    void should_raise_a_parked_batch_once_clear_it_when_unparked_and_raise_it_again_when_parked_again() throws Exception {
        long batch;
        try (var c = db.dataSource().getConnection(); var ps = c.prepareStatement("INSERT INTO call_batch (name, agent_id, state,"
                + " attempts, last_error, created_at, updated_at) VALUES ('b-1', 'a', 'PARKED', 3, 'HTTP 503', ?, ?)", new String[] {"id"})) {
            ps.setObject(1, java.time.OffsetDateTime.now());
            ps.setObject(2, java.time.OffsetDateTime.now());
            ps.executeUpdate();
            var keys = ps.getGeneratedKeys();
            keys.next();
            batch = keys.getLong(1);
            if (!c.getAutoCommit()) {
                c.commit();
            }
        }
        AlertWatch watch = watch(0);

        assertThat(watch.look()).isEqualTo(1);
        assertThat(watch.look()).isZero();
        AlertStore.Alert alert = alerts.unacknowledged().get(0);
        assertThat(alert.kind()).isEqualTo("BATCH_PARKED");
        assertThat(alert.detail()).contains("b-1").contains("HTTP 503");
        alerts.acknowledge(alert.id(), "admin");
        assertThat(watch.look()).isZero();
        assertThat(alerts.unacknowledged()).isEmpty();

        new org.callbridge.store.BatchStore(db, clock).unpark(batch);
        watch.look();
        assertThat(alerts.get(alert.id()).orElseThrow().clearedAt()).isNotNull();
        new org.callbridge.store.BatchStore(db, clock).noteFailure(batch, "HTTP 503");
        try (var c = db.dataSource().getConnection(); var ps = c.prepareStatement("UPDATE call_batch SET state = 'PARKED' WHERE id = ?")) {
            ps.setLong(1, batch);
            ps.executeUpdate();
            if (!c.getAutoCommit()) {
                c.commit();
            }
        }
        assertThat(watch.look()).isEqualTo(1);
        assertThat(alerts.unacknowledged()).extracting(AlertStore.Alert::id).containsExactly(alert.id());
    }

    @Test
    void should_raise_poll_lag_over_its_limit_only() {
        watermarks.set("results", clock.instant().minus(Duration.ofMinutes(10)));
        assertThat(watch(0).look()).isZero();

        watermarks.set("results", clock.instant().minus(Duration.ofMinutes(20)));

        assertThat(watch(0).look()).isEqualTo(1);
        assertThat(alerts.unacknowledged().get(0).kind()).isEqualTo("POLL_LAG");
    }

    @Test
    void should_raise_a_nearly_full_disk_under_the_free_space_asked_for() {
        assertThat(watch(1).look()).isZero();

        assertThat(watch(Long.MAX_VALUE).look()).isEqualTo(1);
        assertThat(alerts.unacknowledged().get(0).kind()).isEqualTo("DISK_NEARLY_FULL");
    }

    @Test
    void should_raise_a_stopped_flow_and_a_failing_one() throws Exception {
        camel = new DefaultCamelContext();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:a").routeId("flow-a").log("a");
                from("direct:b").routeId("flow-b").log("b");
            }
        });
        camel.start();
        camel.getRouteController().stopRoute("flow-a");
        flows.record("flow-b", "IllegalStateException");

        assertThat(watch(0).look()).isEqualTo(2);
        assertThat(alerts.unacknowledged()).extracting(AlertStore.Alert::kind, AlertStore.Alert::subject)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("FLOW_STOPPED", "flow-a"),
                        org.assertj.core.groups.Tuple.tuple("FLOW_FAILING", "flow-b"));

        clock.advance(AlertWatch.FAILING_WITHIN.plusSeconds(1));
        camel.getRouteController().startRoute("flow-a");
        watch(0).look();
        assertThat(alerts.latest(10)).allMatch(a -> a.clearedAt() != null);
    }
}
