package org.callbridge.posting;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.callbridge.planning.CallingWindow;
import org.callbridge.planning.PolicySettings;
import org.callbridge.planning.ProgramSources;
import org.callbridge.store.BatchStore;
import org.callbridge.store.BatchToSend;
import org.callbridge.store.CallBatch;
import org.callbridge.store.CallState;
import org.callbridge.store.CallStore;
import org.callbridge.store.Database;
import org.callbridge.store.EventStore;
import org.callbridge.store.PlannedCall;
import org.callbridge.store.StoredEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last step before a POST, in the transaction that marks the batch SENDING (so nothing can change between the
 * checks and the commit): drops calls whose appointment has a newer event (a cancel or reschedule that arrived after
 * the claim wins), takes back calls whose calling window is closed at the time they would ring (they wait for the
 * next opening), and keeps each patient to one call per batch (so a campaign's calls map to planned calls by
 * patient). A reminder call whose window closed goes back to the planner, which places it again under its holidays,
 * caps and rules. Calls to a patient on a do-not-call list, or of an appointment whose patient already answered, are dropped
 * (an opt-out recorded while a batch waits takes the patient out of it). Only for batches not at the Calls API: OPEN, or SENDING after a look-up by name found nothing.
 */
final class BatchPreparer {
    private static final Logger LOG = LoggerFactory.getLogger(BatchPreparer.class);

    /** What is left to post, and at what {@code scheduledAt} (null: at once, never a time in the past). */
    record Prepared(Optional<BatchToSend> toSend, Instant scheduledAt, int requeued, int withdrawn) {
    }

    private final Database db;
    private final EventStore events;
    private final CallStore calls;
    private final BatchStore batches;
    private final ProgramSources sources;
    private final PolicySettings settings;
    private final CallingWindow window;
    private final ZoneId defaultZone;
    private final Duration lead;

    BatchPreparer(Database db, EventStore events, CallStore calls, BatchStore batches, ProgramSources sources,
                  PolicySettings settings, ZoneId defaultZone, Duration lead) {
        this.db = db;
        this.events = events;
        this.calls = calls;
        this.batches = batches;
        this.sources = sources;
        this.settings = settings;
        this.window = settings.window();
        this.defaultZone = defaultZone;
        this.lead = lead;
    }

    /** The {@code scheduledAt} to send for a batch at {@code now}: its slot when still at least the lead away, else null. */
    Instant scheduledAt(CallBatch batch, Instant now) {
        return batch.scheduledAt() != null && batch.scheduledAt().isAfter(now.plus(lead)) ? batch.scheduledAt() : null;
    }

    /** Why a claimed call must not be posted after all: its patient is on do-not-call, or already answered; else null. */
    private String refusal(PlannedCall call, String mrn) {
        if (sources.doNotCall(call.patientId(), mrn)) {
            return "patient is on the do-not-call list";
        }
        return calls.answerFor(call.id()).map(answer -> "patient answered " + answer).orElse(null);
    }

    Prepared prepare(CallBatch batch, Instant now) {
        Instant scheduledAt = scheduledAt(batch, now);
        Instant ringsAt = scheduledAt != null ? scheduledAt : now;
        Prepared prepared = db.inTransaction(c -> {
            int requeued = 0;
            int withdrawn = 0;
            Set<String> patients = new HashSet<>();
            for (PlannedCall call : batches.callsIn(batch.id())) {
                if (call.state() != CallState.BATCHED && call.state() != CallState.SENDING) {
                    continue;
                }
                Optional<StoredEvent> latest = events.latestFor(call.appointmentKey());
                if (latest.isPresent() && latest.get().id() != call.eventId()) {
                    withdrawn += batches.withdrawUnsent(batch.id(), call.id(),
                            "not posted: event " + latest.get().id() + " of the appointment arrived first") ? 1 : 0;
                    continue;
                }
                String refusal = refusal(call, latest.map(StoredEvent::event).map(e -> e.mrn()).orElse(null));
                if (refusal != null) {
                    withdrawn += batches.withdrawUnsent(batch.id(), call.id(), "not posted: " + refusal) ? 1 : 0;
                    continue;
                }
                ZoneId zone = PlannedPayloads.zone(call, defaultZone);
                // a reminder rings in its program's window (its rule's, else the configured one); when that closed
                // the planner places it again at the next opening its holidays, caps and rules allow, or skips it
                boolean program = calls.inProgram(call.id());
                CallingWindow own = program && latest.isPresent()
                        ? sources.programFor(latest.get().event(), settings).window() : window;
                if (program && !own.contains(ringsAt, zone)) {
                    if (batches.withdrawUnsent(batch.id(), call.id(), "not posted: its calling window closed first")) {
                        calls.followUpAt(call.id(), now);
                        requeued++;
                    }
                } else if (!program && !window.contains(ringsAt, zone)) {
                    Instant opening = window.earliestFrom(ringsAt, zone);
                    requeued += batches.requeue(batch.id(), call.id(), opening, opening) ? 1 : 0;
                } else if (!patients.add(call.patientId())) {
                    requeued += batches.requeue(batch.id(), call.id(), call.callAt(), call.dueAt()) ? 1 : 0;
                }
            }
            return new Prepared(batches.markSending(batch.id()), scheduledAt, requeued, withdrawn);
        });
        if (prepared.requeued() > 0 || prepared.withdrawn() > 0) {
            LOG.info("batch {}: {} call(s) back to wait, {} dropped (newer event, do-not-call or answered)", batch.id(), prepared.requeued(),
                    prepared.withdrawn());
        }
        return prepared;
    }
}
