package org.callbridge.planning;



import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.callbridge.store.CallStore;
import org.callbridge.store.EventStore;
import org.callbridge.store.StoredEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One planning run, for a timer: every RECEIVED event, oldest first, becomes a planned call, a recorded skip or a
 * withdrawal; then every appointment whose reminder program is due a fresh look (a call of it ended, or its next
 * touchpoint came) gets its next step. An event that cannot be applied yet (its appointment's call is being sent, or the Calls API failed
 * while hanging up) stays RECEIVED for the next run, and so do the later events of its appointment, so an
 * appointment's events always apply in order and none is lost. Runs on one thread at a time.
 */
public final class PlanningCycle {
    private static final Logger LOG = LoggerFactory.getLogger(PlanningCycle.class);

    private final EventStore events;
    private final CallStore calls;
    private final EventPlanner planner;
    private final int maxEvents;
    private final Clock clock;

    public PlanningCycle(EventStore events, CallStore calls, EventPlanner planner, int maxEvents, Clock clock) {
        this.events = events;
        this.calls = calls;
        this.planner = planner;
        this.maxEvents = maxEvents;
        this.clock = clock;
    }

    /** Applies the waiting events; returns the counts. */
    public PlanningSummary run() {
        Instant now = clock.instant();
        PlanningSummary.Tally tally = new PlanningSummary.Tally();
        Set<String> waiting = new HashSet<>();
        for (StoredEvent event : events.eventsInState(EventStore.RECEIVED, maxEvents)) {
            tally.event();
            if (waiting.contains(event.appointmentKey())) {
                tally.deferred();
                continue;
            }
            try {
                if (planner.apply(event, now, tally) == EventPlanner.Outcome.DEFERRED) {
                    waiting.add(event.appointmentKey());
                }
            } catch (RuntimeException e) {
                waiting.add(event.appointmentKey());
                tally.deferred();
                LOG.warn("event {}: kept for the next run after {}", event.id(), e.toString());
            }
        }
        for (String key : calls.followupsDue(now, maxEvents)) {
            if (waiting.contains(key)) {
                continue;
            }
            Optional<StoredEvent> latest = events.latestFor(key);
            if (latest.isEmpty() || EventStore.RECEIVED.equals(latest.get().state())) {
                continue; // a newer event waits: deciding it plans the program afresh
            }
            try {
                planner.followUp(latest.get(), now, tally);
            } catch (RuntimeException e) {
                LOG.warn("event {}: program follow-up kept for the next run after {}", latest.get().id(), e.toString());
            }
        }
        PlanningSummary summary = tally.summary();
        if (summary.events() > 0) {
            LOG.info("planning cycle: {}", summary);
        }
        return summary;
    }
}
