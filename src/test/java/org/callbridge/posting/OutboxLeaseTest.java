package org.callbridge.posting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.callbridge.posting.PlanningCycleTest.newYork;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.callbridge.store.Leases;
import org.junit.jupiter.api.Test;

/** Two instances on one database: only the holder of the outbox lease plans and posts, and no patient is called twice. */
class OutboxLeaseTest extends ClinicFixture {
    private static final Duration TTL = Duration.ofMinutes(2);

    @Override
    int patients() {
        return 40;
    }

    /** One instance: its lease and its engine, on the shared database. */
    private record Instance(OutboxLease lease, PostingEngine engine, AtomicInteger cycles) {
        void cycle() {
            if (lease.hold()) {
                engine.planning().run();
                engine.posting().run();
                cycles.incrementAndGet();
            }
        }
    }

    private Instance instance(String owner) {
        return new Instance(new OutboxLease(new Leases(h.db, clock), owner, TTL), h.engine(clinic.api()), new AtomicInteger());
    }

    private List<String> book(int from, int to) {
        List<String> ids = new ArrayList<>();
        IntStream.rangeClosed(from, to).forEach(p -> {
            h.append(Visits.booked("A" + p, Clinic.patient(p), newYork("2030-03-13T09:30")));
            ids.add("A" + p);
        });
        return ids;
    }

    /** Both instances run their cycles at the same time, as their timers would. */
    private static void runTogether(Instance a, Instance b, int cycles) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (Instance i : List.of(a, b)) {
                runs.add(pool.submit(() -> IntStream.range(0, cycles).forEach(n -> i.cycle())));
            }
            for (Future<?> run : runs) {
                run.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void should_let_only_the_lease_holder_post_while_both_run_and_call_each_patient_once() throws Exception {
        Instance a = instance("host-a-1");
        Instance b = instance("host-b-2");
        List<String> booked = book(1, 30);
        assertThat(a.lease().hold()).isTrue();

        runTogether(a, b, 5);

        assertThat(b.cycles()).hasValue(0);
        assertThat(a.cycles()).hasValue(5);
        CallChecks.everyAppointmentCalledExactlyOnce(clinic, booked);
        assertThat(h.settled()).isTrue();
    }

    @Test
    void should_hand_over_at_once_when_the_holder_stops_and_after_the_ttl_when_it_dies() throws Exception {
        Instance a = instance("host-a-1");
        Instance b = instance("host-b-2");
        List<String> booked = book(1, 10);
        a.cycle();
        assertThat(b.lease().hold()).isFalse();

        a.lease().release(); // a stops cleanly: b takes over at its next cycle, without waiting for the ttl
        booked.addAll(book(11, 20));
        IntStream.range(0, 3).forEach(n -> b.cycle());

        assertThat(b.cycles()).hasValue(3);
        assertThat(a.lease().hold()).as("a started again while b holds the lease").isFalse();

        Instance c = instance("host-c-3"); // b dies: its lease runs out, no release
        booked.addAll(book(21, 30));
        assertThat(c.lease().hold()).isFalse();
        clock.advance(TTL.plusSeconds(1));
        c.cycle();

        assertThat(c.cycles()).hasValue(1);
        CallChecks.everyAppointmentCalledExactlyOnce(clinic, booked);
        assertThat(h.settled()).isTrue();
    }

    @Test
    void should_settle_what_the_previous_holder_left_each_time_the_lease_is_taken_and_not_at_renewals() {
        AtomicInteger settledA = new AtomicInteger();
        AtomicInteger settledB = new AtomicInteger();
        OutboxLease a = new OutboxLease(new Leases(h.db, clock), "host-a-1", TTL, settledA::incrementAndGet);
        OutboxLease b = new OutboxLease(new Leases(h.db, clock), "host-b-2", TTL, settledB::incrementAndGet);

        assertThat(a.hold()).isTrue();
        assertThat(a.hold()).isTrue();
        assertThat(b.hold()).isFalse();
        assertThat(settledA).as("taken once, renewed once").hasValue(1);

        clock.advance(TTL.plusSeconds(1)); // a died: b takes over after the ttl and settles first
        assertThat(b.hold()).isTrue();
        assertThat(b.hold()).isTrue();
        assertThat(settledB).hasValue(1);

        b.release();
        assertThat(a.hold()).isTrue();
        assertThat(settledA).as("taken again after b stopped").hasValue(2);
    }

    @Test
    void should_settle_again_at_the_next_cycle_when_settling_failed() {
        AtomicInteger tries = new AtomicInteger();
        OutboxLease lease = new OutboxLease(new Leases(h.db, clock), "host-a-1", TTL, () -> {
            if (tries.incrementAndGet() == 1) {
                throw new IllegalStateException("Calls API down");
            }
        });

        org.assertj.core.api.Assertions.assertThatThrownBy(lease::hold).hasMessage("Calls API down");
        assertThat(lease.hold()).isTrue();

        assertThat(tries).hasValue(2);
    }
}
