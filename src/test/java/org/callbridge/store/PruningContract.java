package org.callbridge.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.callbridge.appointment.AppointmentEvent;
import org.junit.jupiter.api.Test;

/**
 * Pruning finished work: whole appointments once over, and the other tables by their own times. Everything here is
 * made at {@link Samples#T0} (appointments two days later) unless said otherwise, and pruned 40 days on with a
 * retention of 30 days: the cutoff is T0 + 10 days.
 */
interface PruningContract extends StoreFixture {

    Period RETENTION = Period.ofDays(30);
    Period AUDIT_RETENTION = Period.ofYears(1);
    Instant CUTOFF = Samples.T0.plus(Duration.ofDays(10));
    Instant PRUNE_AT = Samples.T0.plus(Duration.ofDays(40));
    Instant ENDED = Samples.T0.plusSeconds(600);
    List<String> SINKS = List.of("json", "csv");

    private Pruning pruning() {
        return new Pruning(db(), clock());
    }

    private Pruning.Pruned pruneAt(Instant now) {
        clock().set(now);
        return pruning().prune(RETENTION, AUDIT_RETENTION);
    }

    private static String key(String appointmentId) {
        return "hl7|" + appointmentId;
    }

    private long append(AppointmentEvent event) {
        return events().append(event).id();
    }

    /** Plans a PENDING call for the event, for an agent of the appointment's own, so that claims pick only it. */
    private long plan(String appointmentId, long eventId, String agent) {
        NewCall call = Samples.call(eventId, key(appointmentId), Samples.T0, Samples.T0);
        return calls().plan(new NewCall(eventId, key(appointmentId), agent, call.patientId(), call.callAt(), call.dueAt(),
                call.patientZone(), call.extendedJson())).id();
    }

    private long plan(String appointmentId) {
        return plan(appointmentId, append(Samples.event(appointmentId)), appointmentId);
    }

    private CallBatch claim(String agent) {
        return batches().claim(new BatchClaim("batch-" + agent, agent, null, null, null, 10)).orElseThrow();
    }

    /** Posts the planned call alone in its batch, as {@code call-<appointment id>}. */
    private long post(String appointmentId, long plannedCallId) {
        CallBatch batch = claim(appointmentId);
        batches().markSending(batch.id());
        batches().recordPosted(batch.id(), "api-" + appointmentId,
                List.of(new PostedCall(plannedCallId, "call-" + appointmentId, "queued")));
        return plannedCallId;
    }

    private long posted(String appointmentId) {
        return post(appointmentId, plan(appointmentId));
    }

    private void completed(String appointmentId, List<String> sinks) {
        results().recordResult("call-" + appointmentId, "completed", ENDED, "{\"status\":\"completed\"}", null, sinks);
    }

    private static AppointmentEvent startingAt(AppointmentEvent e, Instant start) {
        return new AppointmentEvent(e.source(), e.sourceRef(), e.feed(), e.appointmentId(), e.kind(), e.identifiers(),
                e.patientId(), e.mrn(), ZonedDateTime.ofInstant(start, ZoneOffset.UTC), e.duration(), e.appointmentType(),
                e.provider(), e.location(), e.status(), e.controlId(), e.phone());
    }

    /** Every row of the tables an appointment spans, named by table, appointment key and id (batches by name). */
    private Set<String> rows() {
        return db().inTransaction(c -> {
            Set<String> rows = new TreeSet<>();
            rows.addAll(Sql.list(c, "SELECT appointment_key, id FROM appointment_event",
                    rs -> "appointment_event " + rs.getString(1) + " " + rs.getLong(2)));
            rows.addAll(Sql.list(c, "SELECT appointment_key, id FROM planned_call",
                    rs -> "planned_call " + rs.getString(1) + " " + rs.getLong(2)));
            rows.addAll(Sql.list(c, "SELECT p.appointment_key, r.call_id FROM call_result r"
                    + " LEFT JOIN planned_call p ON p.id = r.planned_call_id",
                    rs -> "call_result " + rs.getString(1) + " " + rs.getString(2)));
            rows.addAll(Sql.list(c, "SELECT p.appointment_key, d.call_id, d.sink FROM sink_delivery d"
                    + " JOIN call_result r ON r.call_id = d.call_id LEFT JOIN planned_call p ON p.id = r.planned_call_id",
                    rs -> "sink_delivery " + rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3)));
            rows.addAll(Sql.list(c, "SELECT name FROM call_batch", rs -> "call_batch " + rs.getString(1)));
            return rows;
        });
    }

    private static long count(Set<String> rows, String table) {
        return rows.stream().filter(r -> r.startsWith(table + " ")).count();
    }

    private long count(String table) {
        return db().inTransaction(c -> Sql.one(c, "SELECT COUNT(*) FROM " + table, rs -> rs.getLong(1)).orElseThrow());
    }

    /** Builds every situation in which an appointment is not over, all older than the retention. */
    private void unfinishedAppointments() {
        // an event not planned yet
        append(Samples.event("waiting"));
        // calls PENDING, BATCHED (batch OPEN), SENDING (batch SENDING), SENDING in a PARKED batch
        plan("pending");
        plan("batched");
        claim("batched");
        plan("sending");
        batches().markSending(claim("sending").id());
        plan("parked");
        CallBatch parked = claim("parked");
        batches().markSending(parked.id());
        batches().park(parked.id(), "HTTP 503 five times");
        // a call withdrawn before posting from a batch that is parked since: it stays with its batch
        long withdrawn = plan("parked-too", append(Samples.event("parked-too")), "shared");
        plan("parked-also", append(Samples.event("parked-also")), "shared");
        CallBatch shared = claim("shared");
        batches().markSending(shared.id());
        batches().withdrawUnsent(shared.id(), withdrawn, "cancelled");
        batches().park(shared.id(), "HTTP 503 five times");
        // posted, cancelled since, to be hung up when it starts
        calls().markWithdrawing(posted("withdrawing"), "cancelled");
        // posted and no result yet; a result that is not final
        posted("posted");
        posted("in-progress");
        results().recordResult("call-in-progress", "in-progress", null, "{}", null);
        // a final result whose deliveries are not all done: one PENDING, one PARKED
        posted("delivering");
        completed("delivering", SINKS);
        results().markDelivered("call-delivering", "json");
        posted("parked-delivery");
        completed("parked-delivery", List.of("webhook"));
        results().markParked("call-parked-delivery", "webhook", "HTTP 500 five times");
        // an appointment that starts after the cutoff; its event got no call
        long later = append(startingAt(Samples.event("later"), CUTOFF.plus(Duration.ofDays(5))));
        calls().skip(later, key("later"), "too early to plan");
    }

    /** Finished appointments, all older than the retention, with their names containing "done". */
    private void finishedAppointments() {
        // rescheduled before posting, then called, the result written to both sinks
        plan("done-called", append(Samples.event("done-called")), "done-called");
        post("done-called", plan("done-called", append(Samples.reschedule("done-called", 2)), "done-called"));
        completed("done-called", SINKS);
        results().markDelivered("call-done-called", "json");
        results().markDelivered("call-done-called", "csv");
        // cancelled before its call was due
        plan("done-cancelled");
        calls().cancelLive(key("done-cancelled"), "cancelled");
        calls().skip(append(Samples.reschedule("done-cancelled", 1)), key("done-cancelled"), "cancelled");
        // refused by the Calls API for good: REJECTED in a FAILED batch
        plan("done-refused");
        CallBatch refused = claim("done-refused");
        batches().markSending(refused.id());
        batches().fail(refused.id(), "HTTP 400");
        // posted, then hung up after a cancellation; its result came in and was delivered
        long hungUp = posted("done-hung-up");
        calls().markWithdrawn(hungUp, true, "cancelled");
        results().recordResult("call-done-hung-up", "failed", ENDED, "{}", null, List.of("json"));
        results().markDelivered("call-done-hung-up", "json");
    }

    @Test
    default void should_never_prune_an_appointment_that_is_not_over_and_prune_a_finished_one_whole() {
        unfinishedAppointments();
        finishedAppointments();
        // an appointment with one old event and one recent one
        calls().skip(append(Samples.event("old-and-recent")), key("old-and-recent"), "outside the rules");
        clock().set(CUTOFF.plus(Duration.ofDays(10)));
        calls().skip(append(Samples.reschedule("old-and-recent", 3)), key("old-and-recent"), "outside the rules");
        Set<String> before = rows();
        Set<String> finished = before.stream().filter(r -> r.contains("done-")).collect(Collectors.toCollection(TreeSet::new));

        Pruning.Pruned pruned = pruneAt(PRUNE_AT);

        Set<String> expected = new TreeSet<>(before);
        expected.removeAll(finished);
        assertThat(rows()).isEqualTo(expected);
        assertThat(pruned.appointments()).isEqualTo(4);
        assertThat(pruned.appointmentEvents()).isEqualTo(count(finished, "appointment_event")).isEqualTo(6);
        assertThat(pruned.plannedCalls()).isEqualTo(count(finished, "planned_call")).isEqualTo(6);
        assertThat(pruned.callResults()).isEqualTo(count(finished, "call_result")).isEqualTo(2);
        assertThat(pruned.sinkDeliveries()).isEqualTo(count(finished, "sink_delivery")).isEqualTo(3);
        assertThat(pruned.callBatches()).isEqualTo(count(finished, "call_batch")).isEqualTo(3);
        assertThat(pruning().prune(RETENTION, AUDIT_RETENTION).rows()).isZero();
    }

    @Test
    default void should_prune_a_finished_appointment_only_once_its_events_and_its_latest_start_are_older_than_the_retention() {
        finishedAppointments();
        Set<String> before = rows();
        // the appointments start two days after T0, the latest (done-called, moved by two hours) at 17:30 UTC
        Instant latestStart = Instant.parse("2025-08-22T17:30:00Z");
        Duration retention = Duration.ofDays(30);

        assertThat(pruneAt(Samples.T0.plus(retention)).rows()).isZero();
        assertThat(rows()).isEqualTo(before);

        assertThat(pruneAt(latestStart.plus(retention)).appointments()).isEqualTo(3);
        assertThat(rows()).isNotEmpty().allMatch(r -> r.contains("done-called"));

        assertThat(pruneAt(latestStart.plus(retention).plusSeconds(1)).appointments()).isOne();
        assertThat(rows()).isEmpty();
    }

    @Test
    default void should_prune_results_of_calls_not_placed_here_once_ended_before_the_cutoff_and_delivered() {
        results().recordResult("foreign-delivered", "completed", ENDED, "{}", null, SINKS);
        results().markDelivered("foreign-delivered", "json");
        results().markDelivered("foreign-delivered", "csv");
        results().recordResult("foreign-no-sink", "failed", ENDED, "{}", null, List.of());
        results().recordResult("foreign-pending", "completed", ENDED, "{}", null, SINKS);
        results().markDelivered("foreign-pending", "json");
        results().recordResult("foreign-parked", "completed", ENDED, "{}", null, List.of("json"));
        results().markParked("foreign-parked", "json", "HTTP 500");
        results().recordResult("foreign-recent", "completed", CUTOFF.plusSeconds(1), "{}", null, List.of("json"));
        results().markDelivered("foreign-recent", "json");

        Pruning.Pruned pruned = pruneAt(PRUNE_AT);

        assertThat(pruned.callResults()).isEqualTo(2);
        assertThat(pruned.sinkDeliveries()).isEqualTo(2);
        assertThat(rows()).containsExactlyInAnyOrder(
                "call_result null foreign-pending", "sink_delivery null foreign-pending json",
                "sink_delivery null foreign-pending csv",
                "call_result null foreign-parked", "sink_delivery null foreign-parked json",
                "call_result null foreign-recent", "sink_delivery null foreign-recent json");
    }

    @Test
    default void should_prune_a_batch_only_when_it_is_over_and_no_call_refers_to_it() {
        // claimed, every call requeued (so no call refers to the batch), then: EMPTY, left OPEN, PARKED
        long empty = plan("empty");
        CallBatch emptied = claim("empty");
        batches().requeue(emptied.id(), empty, Samples.T0, Samples.T0);
        batches().markSending(emptied.id());
        long open = plan("open");
        batches().requeue(claim("open").id(), open, Samples.T0, Samples.T0);
        long parked = plan("parked");
        CallBatch parkedBatch = claim("parked");
        batches().markSending(parkedBatch.id());
        batches().requeue(parkedBatch.id(), parked, Samples.T0, Samples.T0);
        batches().park(parkedBatch.id(), "HTTP 503");
        // FAILED, its call REJECTED, of an appointment that starts after the cutoff: referred to, so kept
        NewCall later = Samples.call(append(startingAt(Samples.event("later"), CUTOFF.plusSeconds(60))), key("later"),
                Samples.T0, Samples.T0);
        calls().plan(new NewCall(later.eventId(), later.appointmentKey(), "later", later.patientId(), later.callAt(),
                later.dueAt(), later.patientZone(), later.extendedJson()));
        CallBatch refused = claim("later");
        batches().markSending(refused.id());
        batches().fail(refused.id(), "HTTP 400");
        // EMPTY after the cutoff
        clock().set(CUTOFF.plusSeconds(1));
        long recent = plan("recent");
        CallBatch recentBatch = claim("recent");
        batches().requeue(recentBatch.id(), recent, CUTOFF, CUTOFF);
        batches().markSending(recentBatch.id());
        assertThat(batches().find(emptied.id()).orElseThrow().state()).isEqualTo(BatchState.EMPTY);
        assertThat(batches().find(recentBatch.id()).orElseThrow().state()).isEqualTo(BatchState.EMPTY);

        Pruning.Pruned pruned = pruneAt(PRUNE_AT);

        assertThat(pruned.callBatches()).isOne();
        assertThat(batches().find(emptied.id())).isEmpty();
        assertThat(rows()).filteredOn(r -> r.startsWith("call_batch "))
                .containsExactlyInAnyOrder("call_batch batch-open", "call_batch batch-parked", "call_batch batch-later",
                        "call_batch batch-recent");
    }

    @Test
    default void should_prune_old_rejections_and_hand_back_each_kept_file_once_no_rejection_refers_to_it() {
        events().reject("hl7-file", "a.hl7", "not HL7", "/rejected/hl7-file/a.hl7", null);
        events().reject("mllp", "peer", "no MSH", null, null);
        events().rejectAll(List.of(
                new EventStore.RejectedInput("csv:main", "rows.csv:2", "no start", "/rejected/csv/rows.csv", null),
                new EventStore.RejectedInput("csv:main", "rows.csv:3", "no start", "/rejected/csv/rows.csv", null)));
        clock().set(CUTOFF.plusSeconds(1));
        events().rejectAll(List.of(
                new EventStore.RejectedInput("csv:main", "rows.csv:4", "no start", "/rejected/csv/rows.csv", null)));
        events().reject("hl7-file", "b.hl7", "not HL7", "/rejected/hl7-file/b.hl7", null);

        Pruning.Pruned first = pruneAt(PRUNE_AT);

        assertThat(first.rejections()).isEqualTo(4);
        assertThat(first.keptFiles()).containsExactly("/rejected/hl7-file/a.hl7");
        assertThat(events().rejections()).extracting(Rejection::sourceRef).containsExactly("rows.csv:4", "b.hl7");

        Pruning.Pruned second = pruneAt(PRUNE_AT.plus(Duration.ofDays(1)));

        assertThat(second.rejections()).isEqualTo(2);
        assertThat(second.keptFiles()).containsExactly("/rejected/csv/rows.csv", "/rejected/hl7-file/b.hl7");
        assertThat(events().rejectionCount()).isZero();
    }

    @Test
    default void should_prune_watched_files_dealt_with_alerts_and_old_audit_by_their_own_times() {
        ReadFiles readFiles = new ReadFiles(db());
        readFiles.watch("hl7", "/processed/old.hl7", "old.hl7", 10, Samples.T0, Samples.T0.plusSeconds(3600));
        readFiles.watch("hl7", "/processed/new.hl7", "new.hl7", 10, Samples.T0, CUTOFF.plusSeconds(1));
        db().inTransaction(c -> {
            String alert = "INSERT INTO alert (kind, subject, detail, raised_at, last_seen_at, cleared_at,"
                    + " acknowledged_by, acknowledged_at) VALUES (?, ?, 'detail', ?, ?, ?, ?, ?)";
            Instant old = Samples.T0;
            Instant recent = CUTOFF.plusSeconds(1);
            Sql.insert(c, alert, "K", "acknowledged", old, old, null, "admin", old);
            Sql.insert(c, alert, "K", "cleared", old, old, old, null, null);
            Sql.insert(c, alert, "K", "acknowledged and still seen", old, recent, null, "admin", old);
            Sql.insert(c, alert, "K", "open", old, old, null, null, null);
            Sql.insert(c, alert, "K", "acknowledged lately", old, old, null, "admin", recent);
            String audit = "INSERT INTO audit (at, actor, action, object, outcome) VALUES (?, 'admin', 'ack', 'alert', 'ok')";
            Sql.insert(c, audit, Samples.T0);
            Sql.insert(c, audit, PRUNE_AT.minus(Duration.ofDays(366)));
            return null;
        });

        Pruning.Pruned pruned = pruneAt(PRUNE_AT);

        assertThat(pruned.readFiles()).isOne();
        assertThat(readFiles.watched("hl7", Samples.T0)).extracting(ReadFiles.ReadFile::originalName)
                .containsExactly("new.hl7");
        assertThat(pruned.alerts()).isEqualTo(2);
        List<String> alerts = db().inTransaction(c -> Sql.list(c, "SELECT subject FROM alert ORDER BY id",
                rs -> rs.getString(1)));
        assertThat(alerts).containsExactly("acknowledged and still seen", "open", "acknowledged lately");
        assertThat(pruned.audits()).isOne();
        assertThat(count("audit")).isOne();
    }

    @Test
    default void should_look_at_every_old_appointment_in_small_transactions_however_many_must_stay() {
        for (int i = 0; i < 7; i++) {
            // in key order: a finished appointment, then one still waiting to be planned
            String done = "a" + i + "-done";
            calls().skip(append(Samples.event(done)), key(done), "outside the rules");
            append(Samples.event("a" + i + "-waiting"));
            events().reject("mllp", "peer", "no MSH", "/rejected/mllp/" + i, null);
            db().inTransaction(c -> Sql.insert(c, "INSERT INTO audit (at, actor, action, object, outcome)"
                    + " VALUES (?, 'admin', 'ack', 'alert', 'ok')", Samples.T0.minus(Duration.ofDays(400))));
        }

        clock().set(PRUNE_AT);
        Pruning.Pruned pruned = new Pruning(db(), clock(), 2).prune(RETENTION, AUDIT_RETENTION);

        assertThat(pruned.appointments()).isEqualTo(7);
        assertThat(pruned.plannedCalls()).isEqualTo(7);
        assertThat(pruned.rejections()).isEqualTo(7);
        assertThat(pruned.keptFiles()).hasSize(7);
        assertThat(pruned.audits()).isEqualTo(7);
        assertThat(rows()).hasSize(7).allMatch(r -> r.startsWith("appointment_event hl7|a") && r.contains("-waiting "));
        assertThat(count("rejection") + count("audit")).isZero();
    }
}
