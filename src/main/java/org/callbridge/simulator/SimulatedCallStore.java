package org.callbridge.simulator;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Every organization's calls and campaigns. One lock guards all of it, so a request or a lifecycle step
 * sees and leaves a consistent state; lookups never cross organizations.
 */
final class SimulatedCallStore {

    /** What a hang-up request came to. */
    enum Hangup { TERMINATED, NOT_FOUND, NOT_HANGABLE }

    /** A created campaign and its calls as they stood when the response was written. */
    record CreatedBatch(SimulatedCampaign campaign, List<SimulatedCall> calls) {
    }

    private static final Comparator<CallRecord> BY_CREATED =
            Comparator.comparing((CallRecord c) -> c.createdAt).thenComparing(c -> c.callId);
    private static final Comparator<CallRecord> BY_ENDED =
            Comparator.comparing((CallRecord c) -> c.endedAt).thenComparing(c -> c.callId);
    private static final Comparator<SimulatedCampaign> CAMPAIGNS_BY_CREATED =
            Comparator.comparing(SimulatedCampaign::createdAt).thenComparing(SimulatedCampaign::id);

    /** One organization's records; {@code live} holds calls not yet ended, in creation order. */
    private static final class Ledger {
        final Map<String, CallRecord> calls = new LinkedHashMap<>();
        final Map<String, SimulatedCampaign> campaigns = new LinkedHashMap<>();
        final List<CallRecord> live = new ArrayList<>();
        /** Calls created so far per patient (lower-case id), across campaigns: picks the patient's next outcome. */
        final Map<String, Integer> callsPerPatient = new HashMap<>();
        int active;
    }

    private final Map<Organization, Ledger> ledgers = new IdentityHashMap<>();
    private final List<Organization> organizations;
    private final CallLifecycle lifecycle;
    private final Clock clock;
    private long sequence;
    private Instant lastEndedAt = Instant.EPOCH;

    SimulatedCallStore(List<Organization> organizations, CallLifecycle lifecycle, Clock clock) {
        this.organizations = List.copyOf(organizations);
        this.lifecycle = lifecycle;
        this.clock = clock;
        organizations.forEach(org -> ledgers.put(org, new Ledger()));
    }

    synchronized CreatedBatch createBatch(Organization org, BatchRequest request) {
        Ledger ledger = ledgers.get(org);
        Instant now = now();
        String batchId = UUID.randomUUID().toString();
        boolean othersWaiting = ledger.live.stream().anyMatch(c -> c.isDue(now));
        FixtureAgent agent = org.agent(request.agentId()).orElse(null);
        List<CallRecord> created = new ArrayList<>();
        for (BatchRequest.Entry entry : request.patients()) {
            CallLifecycle.Outcome outcome = lifecycle.drawOutcome(agent, plannedOutcome(org, ledger, entry.patientId()));
            CallRecord call = new CallRecord(++sequence, org.name(), UUID.randomUUID().toString(), batchId,
                    request.agentId(), entry.patientId(), entry.extended(), now, request.scheduledAt(),
                    outcome.failurePoint(), outcome.finalReport());
            if (call.isDue(now) && lifecycle.mayStart(ledger.active, othersWaiting)) {
                lifecycle.start(call, now);
                ledger.active++;
            } else if (call.isDue(now)) {
                othersWaiting = true;
            }
            ledger.calls.put(call.callId, call);
            ledger.live.add(call);
            created.add(call);
        }
        SimulatedCampaign campaign = new SimulatedCampaign(org.name(), batchId, request.name(), request.agentId(), now,
                created.stream().map(c -> c.callId).toList());
        ledger.campaigns.put(batchId, campaign);
        return new CreatedBatch(campaign, created.stream().map(CallRecord::snapshot).toList());
    }

    synchronized Optional<SimulatedCall> call(Organization org, String callId) {
        return Optional.ofNullable(ledgers.get(org).calls.get(key(callId))).map(CallRecord::snapshot);
    }

    /** An organization's calls, or one campaign's when {@code batchId} is given; ended after {@code endedAfter} if given. */
    synchronized SimulatedPage<SimulatedCall> calls(Organization org, String batchId, Instant endedAfter, int start, int size) {
        Ledger ledger = ledgers.get(org);
        List<CallRecord> selected = new ArrayList<>();
        if (batchId == null) {
            selected.addAll(ledger.calls.values());
        } else {
            SimulatedCampaign campaign = ledger.campaigns.get(key(batchId));
            if (campaign != null) {
                campaign.callIds().forEach(id -> selected.add(ledger.calls.get(id)));
            }
        }
        if (endedAfter != null) {
            selected.removeIf(c -> c.endedAt == null || !c.endedAt.isAfter(endedAfter));
        }
        selected.sort(endedAfter == null ? BY_CREATED : BY_ENDED);
        SimulatedPage<CallRecord> page = SimulatedPage.of(selected, start, size);
        return new SimulatedPage<>(page.items().stream().map(CallRecord::snapshot).toList(), page.total(), start, size);
    }

    synchronized Optional<SimulatedCampaign> campaign(Organization org, String batchId) {
        return Optional.ofNullable(ledgers.get(org).campaigns.get(key(batchId)));
    }

    synchronized SimulatedPage<SimulatedCampaign> campaigns(Organization org, int start, int size) {
        List<SimulatedCampaign> all = new ArrayList<>(ledgers.get(org).campaigns.values());
        all.sort(CAMPAIGNS_BY_CREATED);
        return SimulatedPage.of(all, start, size);
    }

    synchronized Hangup hangUp(Organization org, String callId) {
        Ledger ledger = ledgers.get(org);
        CallRecord call = ledger.calls.get(key(callId));
        if (call == null) {
            return Hangup.NOT_FOUND;
        }
        if (!call.status.canHangUp()) {
            return Hangup.NOT_HANGABLE;
        }
        lifecycle.hangUp(call, endStamp(now()));
        ledger.active--;
        ledger.live.remove(call);
        return Hangup.TERMINATED;
    }

    /** One lifecycle step: advance every active call, then start queued calls that are due and have room. */
    synchronized void tick() {
        Instant now = now();
        Supplier<Instant> endStamp = new Supplier<>() {
            private Instant stamp;

            @Override
            public Instant get() {
                if (stamp == null) {
                    stamp = endStamp(now);
                }
                return stamp;
            }
        };
        for (Ledger ledger : ledgers.values()) {
            for (Iterator<CallRecord> it = ledger.live.iterator(); it.hasNext(); ) {
                CallRecord call = it.next();
                if (!call.status.isActive()) {
                    continue;
                }
                lifecycle.advance(call, now, endStamp);
                if (call.status.isEnded()) {
                    ledger.active--;
                    it.remove();
                }
            }
            for (CallRecord call : ledger.live) {
                if (call.isDue(now) && lifecycle.mayStart(ledger.active, false)) {
                    lifecycle.start(call, now);
                    ledger.active++;
                }
            }
        }
    }

    synchronized List<SimulatedCall> allCalls() {
        List<CallRecord> all = new ArrayList<>();
        ledgers.values().forEach(l -> all.addAll(l.calls.values()));
        all.sort(Comparator.comparingLong(c -> c.sequence));
        return all.stream().map(CallRecord::snapshot).toList();
    }

    synchronized List<SimulatedCampaign> allCampaigns() {
        List<SimulatedCampaign> all = new ArrayList<>();
        organizations.forEach(org -> all.addAll(ledgers.get(org).campaigns.values()));
        all.sort(CAMPAIGNS_BY_CREATED);
        return all;
    }

    /**
     * The patient's fixed outcome for the call being created, or null once the patient's list is used up.
     * Every created call takes its entry, whatever becomes of it (hung up, never started).
     */
    private static FixturePatient.Outcome plannedOutcome(Organization org, Ledger ledger, String patientId) {
        int index = ledger.callsPerPatient.merge(key(patientId), 1, Integer::sum) - 1;
        return org.patient(patientId).map(p -> p.outcome(index)).orElse(null);
    }

    private Instant now() {
        return WireFormats.millis(clock.instant());
    }

    /**
     * ended_at strictly after every earlier one: a client that polls with ended_after = the latest ended_at
     * it saw can then never miss a call that ends in the same millisecond, later.
     */
    private Instant endStamp(Instant now) {
        lastEndedAt = now.isAfter(lastEndedAt) ? now : lastEndedAt.plusMillis(1);
        return lastEndedAt;
    }

    private static String key(String id) {
        return id.toLowerCase(Locale.ROOT);
    }
}
