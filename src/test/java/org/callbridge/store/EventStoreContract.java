package org.callbridge.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.callbridge.appointment.AppointmentEvent;
import org.callbridge.appointment.PatientIdentifier;
import org.junit.jupiter.api.Test;

/** Appending events once per dedup key, and recording rejections. */
interface EventStoreContract extends StoreFixture {

    @Test
    default void an_appended_event_comes_back_with_every_stored_field() {
        AppointmentEvent event = Samples.event("A1");

        AppendResult result = events().append(event);

        assertThat(result.isStored()).isTrue();
        StoredEvent stored = events().latestFor("hl7|A1").orElseThrow();
        assertThat(stored.id()).isEqualTo(result.id());
        assertThat(stored.dedupKey()).isEqualTo(event.dedupKey());
        assertThat(stored.event().dedupKey()).isEqualTo(event.dedupKey());
        assertThat(stored.event().start()).isEqualTo(event.start());
        assertThat(stored.event().start().getZone().getId()).isEqualTo("America/Chicago");
        assertThat(stored.event()).usingRecursiveComparison().ignoringFields("identifiers", "phone").isEqualTo(event);
        assertThat(stored.event().phone()).isNull();
        assertThat(stored.receivedAt()).isEqualTo(Samples.T0);
        assertThat(stored.state()).isEqualTo(EventStore.RECEIVED);
    }

    @Test
    default void the_mrn_comes_back_with_its_assigning_authority_and_other_identifiers_are_not_kept() {
        AppointmentEvent event = Samples.event("A1");
        AppointmentEvent withOthers = new AppointmentEvent(event.source(), event.sourceRef(), event.feed(),
                event.appointmentId(), event.kind(),
                List.of(new PatientIdentifier("SSN-LIKE-1", "SSA", "SS"), new PatientIdentifier("MRN-A1", "HOSP", "MR")),
                event.patientId(), event.mrn(), event.start(), event.duration(), event.appointmentType(),
                event.provider(), event.location(), event.status(), event.controlId(), event.phone());
        events().append(withOthers);
        events().append(Samples.event("B1").withPatient(event.patientId(), null));

        assertThat(events().latestFor("hl7|A1").orElseThrow().event().identifiers())
                .containsExactly(new PatientIdentifier("MRN-A1", "HOSP", "MR"));
        assertThat(events().latestFor("hl7|A1").orElseThrow().event().mrnAuthority()).isEqualTo("HOSP");
        assertThat(events().latestFor("hl7|B1").orElseThrow().event().identifiers()).isEmpty();
    }

    @Test
    default void the_language_comes_back_and_does_not_make_a_re_sent_event_new() {
        AppointmentEvent event = Samples.event("L1").withLanguage(" ES ");

        AppendResult first = events().append(event);
        AppendResult again = events().append(Samples.event("L1"));

        assertThat(events().latestFor("hl7|L1").orElseThrow().event().language()).isEqualTo("es");
        assertThat(again.isStored()).isFalse();
        assertThat(again.id()).isEqualTo(first.id());
    }

    @Test
    default void appending_the_same_event_again_returns_duplicate_with_the_first_id() {
        long first = events().append(Samples.event("A1")).id();

        AppendResult again = events().append(Samples.event("A1"));

        assertThat(again).isEqualTo(AppendResult.duplicate(first));
        assertThat(events().countBySource()).containsExactly(java.util.Map.entry("mllp", 1L));
    }

    @Test
    default void the_same_event_from_another_channel_is_a_duplicate() {
        long first = events().append(Samples.event("A1")).id();

        AppendResult fromFile = events().append(
                Samples.fromSource(Samples.event("A1"), "hl7-file", "drop.hl7#1 MSH-10=99", "99"));

        assertThat(fromFile).isEqualTo(AppendResult.duplicate(first));
    }

    @Test
    default void a_changed_appointment_is_a_new_event() {
        long first = events().append(Samples.event("A1")).id();

        AppendResult moved = events().append(Samples.reschedule("A1", 2));

        assertThat(moved.isStored()).isTrue();
        assertThat(moved.id()).isNotEqualTo(first);
        assertThat(events().latestFor("hl7|A1")).get().extracting(StoredEvent::id).isEqualTo(moved.id());
    }

    @Test
    default void eight_threads_appending_the_same_event_store_it_exactly_once() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<AppendResult>> futures = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return events().append(Samples.event("A1"));
                }));
            }
            start.countDown();
            List<AppendResult> results = new ArrayList<>();
            for (Future<AppendResult> f : futures) {
                results.add(f.get(30, TimeUnit.SECONDS));
            }

            assertThat(results).filteredOn(AppendResult::isStored).hasSize(1);
            assertThat(results).extracting(AppendResult::id).containsOnly(results.get(0).id());
            assertThat(events().countBySource()).containsEntry("mllp", 1L);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    default void append_all_stores_a_files_events_and_dedups_within_the_file() {
        List<AppendResult> results = events().appendAll(List.of(
                Samples.event("A1"), Samples.event("A2"), Samples.event("A1"), Samples.reschedule("A2", 1)));

        assertThat(results).extracting(AppendResult::status).containsExactly(AppendResult.Status.STORED,
                AppendResult.Status.STORED, AppendResult.Status.DUPLICATE, AppendResult.Status.STORED);
        assertThat(results.get(2).id()).isEqualTo(results.get(0).id());
        assertThat(events().eventsInState(EventStore.RECEIVED, 10)).hasSize(3);
    }

    @Test
    default void append_all_reports_events_stored_before_as_duplicates() {
        long earlier = events().append(Samples.event("A1")).id();

        List<AppendResult> results = events().appendAll(List.of(Samples.event("A2"), Samples.event("A1")));

        assertThat(results.get(0).isStored()).isTrue();
        assertThat(results.get(1)).isEqualTo(AppendResult.duplicate(earlier));
    }

    @Test
    default void append_all_stores_nothing_when_one_event_cannot_be_stored() {
        AppointmentEvent good = Samples.event("A1");
        AppointmentEvent noSource = Samples.fromSource(Samples.event("A2"), null, "x", null);

        assertThatThrownBy(() -> events().appendAll(List.of(good, noSource))).isInstanceOf(StoreException.class);

        assertThat(events().latestFor("hl7|A1")).isEmpty();
        assertThat(events().append(good).isStored()).isTrue();
    }

    @Test
    default void overlapping_files_appended_concurrently_store_each_event_once() throws Exception {
        List<AppointmentEvent> fileA = new ArrayList<>();
        List<AppointmentEvent> fileB = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            fileA.add(Samples.event("A" + i));
            fileB.add(Samples.event("A" + (19 - i)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            Callable<List<AppendResult>> a = () -> {
                start.await();
                return events().appendAll(fileA);
            };
            Callable<List<AppendResult>> b = () -> {
                start.await();
                return events().appendAll(fileB);
            };
            Future<List<AppendResult>> fa = pool.submit(a);
            Future<List<AppendResult>> fb = pool.submit(b);
            start.countDown();
            List<AppendResult> all = new ArrayList<>(fa.get(60, TimeUnit.SECONDS));
            all.addAll(fb.get(60, TimeUnit.SECONDS));

            assertThat(all).filteredOn(AppendResult::isStored).hasSize(20);
            assertThat(events().countBySource()).containsEntry("mllp", 20L);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    default void append_all_stores_a_large_list_once_and_reports_every_repeat_as_a_duplicate() {
        List<AppointmentEvent> first = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            first.add(Samples.event("A" + i));
        }
        List<AppendResult> stored = events().appendAll(first);
        List<AppointmentEvent> again = new ArrayList<>(first.subList(100, 250));
        for (int i = 250; i < 300; i++) {
            again.add(Samples.event("A" + i));
        }

        List<AppendResult> results = events().appendAll(again);

        assertThat(stored).allMatch(AppendResult::isStored);
        assertThat(stored).extracting(AppendResult::id).doesNotHaveDuplicates();
        for (int i = 0; i < 150; i++) {
            assertThat(results.get(i)).isEqualTo(AppendResult.duplicate(stored.get(100 + i).id()));
        }
        assertThat(results.subList(150, 200)).allMatch(AppendResult::isStored);
        assertThat(events().countBySource()).containsEntry("mllp", 300L);
        assertThat(events().find(stored.get(42).id())).get().extracting(e -> e.event().appointmentId()).isEqualTo("A42");
    }

    @Test
    default void append_all_stores_once_an_event_another_writer_commits_after_the_look_up() throws Exception {
        AppointmentEvent contested = Samples.event("A5");
        List<AppointmentEvent> file = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            file.add(Samples.event("A" + i));
        }
        CountDownLatch otherInserted = new CountDownLatch(1);
        CountDownLatch commitOther = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            // the other writer holds its insert of A5 uncommitted while the file is looked up and inserted
            Future<AppendResult> other = pool.submit(() -> db().inTransaction(c -> {
                AppendResult r = events().append(contested);
                otherInserted.countDown();
                try {
                    commitOther.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return r;
            }));
            assertThat(otherInserted.await(30, TimeUnit.SECONDS)).isTrue();
            Future<List<AppendResult>> fileResults = pool.submit(() -> events().appendAll(file));
            Thread.sleep(300); // the file's insert of A5 now waits for the other writer
            commitOther.countDown();

            AppendResult otherResult = other.get(30, TimeUnit.SECONDS);
            List<AppendResult> results = fileResults.get(30, TimeUnit.SECONDS);

            assertThat(otherResult.isStored()).isTrue();
            assertThat(results.get(5)).isEqualTo(AppendResult.duplicate(otherResult.id()));
            assertThat(results).filteredOn(AppendResult::isStored).hasSize(9);
            assertThat(events().countBySource()).containsEntry("mllp", 10L);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    default void rejections_keep_source_reason_and_kept_file() {
        events().reject("csv:dentrix", "appts.csv:17", "start: not a date", "rejected/appts.csv", "csv:dentrix|9");
        events().reject("mllp", "peer 127.0.0.1", "MSH: not an HL7 message", null, null);

        assertThat(events().rejectionCount()).isEqualTo(2);
        assertThat(events().rejections()).extracting(Rejection::source, Rejection::sourceRef, Rejection::reason,
                Rejection::keptFile, Rejection::appointmentKey).containsExactly(
                org.assertj.core.groups.Tuple.tuple("csv:dentrix", "appts.csv:17", "start: not a date",
                        "rejected/appts.csv", "csv:dentrix|9"),
                org.assertj.core.groups.Tuple.tuple("mllp", "peer 127.0.0.1", "MSH: not an HL7 message", null, null));
        assertThat(events().rejections().get(0).receivedAt()).isEqualTo(Samples.T0);
    }

    @Test
    default void rejections_recorded_together_keep_their_order_and_fields() {
        events().reject("mllp", "peer 127.0.0.1", "MSH: not an HL7 message", null, null);
        List<EventStore.RejectedInput> rows = new ArrayList<>();
        for (int line = 2; line < 252; line++) {
            rows.add(new EventStore.RejectedInput("csv:main", "b.csv:" + line, "start: missing appointment start",
                    "rejected/b.csv.rejected-rows.csv", null));
        }

        events().rejectAll(rows);
        events().rejectAll(List.of());

        List<Rejection> all = events().rejections();
        assertThat(all).hasSize(251);
        assertThat(all.subList(1, 251)).extracting(Rejection::sourceRef)
                .containsExactlyElementsOf(rows.stream().map(EventStore.RejectedInput::sourceRef).toList());
        assertThat(all.get(250)).extracting(Rejection::source, Rejection::reason, Rejection::keptFile, Rejection::receivedAt)
                .containsExactly("csv:main", "start: missing appointment start", "rejected/b.csv.rejected-rows.csv", Samples.T0);
    }

    @Test
    default void events_in_a_state_come_oldest_first_up_to_the_limit() {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(events().append(Samples.event("A" + i)).id());
        }
        events().markState(ids.get(1), "PLANNED", null);

        assertThat(events().eventsInState(EventStore.RECEIVED, 3)).extracting(StoredEvent::id)
                .containsExactly(ids.get(0), ids.get(2), ids.get(3));
        assertThat(events().eventsInState("PLANNED", 10)).extracting(StoredEvent::id).containsExactly(ids.get(1));
    }

    @Test
    default void marking_a_state_keeps_the_reason() {
        long id = events().append(Samples.event("A1")).id();

        events().markState(id, "SKIPPED", "appointment already started");

        StoredEvent e = events().find(id).orElseThrow();
        assertThat(e.state()).isEqualTo("SKIPPED");
        assertThat(e.stateReason()).isEqualTo("appointment already started");
        assertThatThrownBy(() -> events().markState(id + 1000, "PLANNED", null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    default void events_are_counted_per_source() {
        events().append(Samples.event("A1"));
        events().append(Samples.fromSource(Samples.event("B1"), "csv:main", "b.csv:2", null));
        events().append(Samples.fromSource(Samples.event("B2"), "csv:main", "b.csv:3", null));

        assertThat(events().countBySource()).containsExactly(java.util.Map.entry("csv:main", 2L),
                java.util.Map.entry("mllp", 1L));
    }

    @Test
    default void database_errors_do_not_quote_the_values_written() {
        long id = events().append(Samples.event("A1")).id();
        String tooLong = "PATIENT-SECRET-" + "x".repeat(40);

        assertThatThrownBy(() -> events().markState(id, tooLong, null))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("SQLState 22")
                .hasMessageNotContaining("PATIENT-SECRET")
                .hasNoCause();
    }

    /** The event of {@code appointmentId}, for another patient (another Calls API id and MRN). */
    private static AppointmentEvent ofAnotherPatient(AppointmentEvent e, String patientId, String mrn) {
        return new AppointmentEvent(e.source(), e.sourceRef(), e.feed(), e.appointmentId(), e.kind(),
                List.of(new PatientIdentifier(mrn, "HOSP", "MR")), patientId, mrn, e.start().plusDays(1), e.duration(),
                e.appointmentType(), e.provider(), e.location(), e.status(), e.controlId(), e.phone());
    }

    @Test
    default void an_event_whose_appointment_id_is_stored_for_another_patient_is_refused_not_merged() {
        long first = events().append(Samples.event("ADS")).id();

        AppendResult other = events().append(ofAnotherPatient(Samples.event("ADS"), "22222222-2222-2222-2222-222222222222",
                "MRN-OTHER"));
        AppendResult sameMrnOtherId = events().append(ofAnotherPatient(Samples.event("ADS"),
                "33333333-3333-3333-3333-333333333333", "MRN-ADS"));

        assertThat(other).isEqualTo(AppendResult.conflict());
        assertThat(sameMrnOtherId).as("another Calls API patient, whatever the MRN").isEqualTo(AppendResult.conflict());
        assertThat(events().latestFor("hl7|ADS").orElseThrow().id()).isEqualTo(first);
        assertThat(events().append(Samples.reschedule("ADS", 2)).isStored()).as("the same patient's next event").isTrue();
    }

    @Test
    default void a_batch_with_two_patients_under_one_appointment_id_stores_the_first_and_refuses_the_second() {
        AppointmentEvent first = Samples.event("ADS");
        AppointmentEvent second = ofAnotherPatient(first, "22222222-2222-2222-2222-222222222222", "MRN-OTHER");

        List<AppendResult> results = events().appendAll(List.of(Samples.event("C1"), first, second, Samples.event("C2")));

        assertThat(results).extracting(AppendResult::status).containsExactly(AppendResult.Status.STORED,
                AppendResult.Status.STORED, AppendResult.Status.CONFLICT, AppendResult.Status.STORED);
        assertThat(events().latestFor("hl7|ADS").orElseThrow().event().patientId()).isEqualTo(first.patientId());
    }

    @Test
    default void two_writers_storing_two_patients_under_one_new_appointment_id_at_once_store_one_of_them() throws Exception {
        for (int round = 0; round < 20; round++) {
            String id = "RACE-" + round;
            AppointmentEvent a = Samples.event(id);
            AppointmentEvent b = ofAnotherPatient(a, "22222222-2222-2222-2222-222222222222", "MRN-OTHER");
            CountDownLatch go = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                Future<List<AppendResult>> first = pool.submit(() -> {
                    go.await();
                    return events().appendAll(List.of(a, Samples.event(id + "-x")));
                });
                Future<AppendResult> second = pool.submit(() -> {
                    go.await();
                    return events().append(b);
                });
                go.countDown();
                List<AppendResult.Status> statuses = List.of(first.get(30, TimeUnit.SECONDS).get(0).status(),
                        second.get(30, TimeUnit.SECONDS).status());

                assertThat(statuses).as(id).containsExactlyInAnyOrder(AppendResult.Status.STORED, AppendResult.Status.CONFLICT);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    default void conflicts_are_found_again_by_their_category() {
        events().reject("mllp", "peer 1 MSH-10=1", "unknown patient", null, null);
        events().reject("mllp", "peer 1 MSH-10=2", "appointment id already stored for another patient", "kept.hl7", null,
                Rejection.APPOINTMENT_CONFLICT);

        assertThat(events().rejections(Rejection.APPOINTMENT_CONFLICT, 10)).singleElement()
                .satisfies(r -> assertThat(r.sourceRef()).isEqualTo("peer 1 MSH-10=2"));
        assertThat(events().rejections()).extracting(Rejection::category).containsExactly(null, Rejection.APPOINTMENT_CONFLICT);
    }
}
