package org.callbridge.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Migrations, transactions and restarts. */
interface DatabaseContract extends StoreFixture {

    @Test
    default void migrations_create_every_outbox_table() {
        List<String> tables = db().inTransaction(c -> Sql.list(c, "SELECT LOWER(table_name) FROM information_schema.tables"
                + " WHERE LOWER(table_schema) = 'public' ORDER BY 1", rs -> rs.getString(1)));
        assertThat(tables).contains("appointment_event", "rejection", "planned_call", "call_batch", "call_result",
                "sink_delivery", "watermark", "lease");
    }

    @Test
    default void no_column_can_hold_a_phone_number() {
        List<String> columns = db().inTransaction(c -> Sql.list(c, "SELECT LOWER(column_name) FROM information_schema.columns"
                + " WHERE LOWER(table_schema) = 'public'", rs -> rs.getString(1)));
        assertThat(columns).isNotEmpty().noneMatch(name -> name.contains("phone"));
    }

    @Test
    default void a_transaction_that_throws_leaves_nothing_behind() {
        assertThatThrownBy(() -> db().inTransaction(c -> {
            events().reject("csv:main", "a.csv:2", "start: not a date", null, null);
            throw new IllegalStateException("boom");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(events().rejectionCount()).isZero();
    }

    @Test
    default void stores_called_inside_a_transaction_join_it() {
        db().inTransaction(c -> {
            events().append(Samples.event("A1"));
            events().reject("csv:main", "a.csv:2", "start: not a date", null, null);
            return null;
        });
        assertThatThrownBy(() -> db().inTransaction(c -> {
            events().append(Samples.event("A2"));
            throw new IllegalStateException("planner failed");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(events().countBySource()).containsEntry("mllp", 1L);
        assertThat(events().latestFor("hl7|A2")).isEmpty();
        assertThat(events().rejectionCount()).isOne();
    }

    @Test
    default void committed_data_survives_a_restart_and_an_open_transaction_does_not() throws Exception {
        long committed = events().append(Samples.event("A1")).id();
        CountDownLatch appended = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        EventStore store = events();
        CompletableFuture<Object> open = CompletableFuture.supplyAsync(() -> db().inTransaction(c -> {
            store.append(Samples.event("A2"));
            appended.countDown();
            try {
                never.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }));
        assertThat(appended.await(10, TimeUnit.SECONDS)).isTrue();

        reopen();
        never.countDown();

        assertThat(open).failsWithin(30, TimeUnit.SECONDS);
        assertThat(events().latestFor("hl7|A1")).get().extracting(StoredEvent::id).isEqualTo(committed);
        assertThat(events().latestFor("hl7|A2")).isEmpty();
        assertThat(events().append(Samples.event("A1")).status()).isEqualTo(AppendResult.Status.DUPLICATE);
    }
}
