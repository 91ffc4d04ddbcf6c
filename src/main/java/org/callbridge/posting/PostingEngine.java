package org.callbridge.posting;

import org.callbridge.planning.PostedCallWithdrawer;

import org.callbridge.planning.PostedCalls;

import org.callbridge.planning.EventPlanner;

import org.callbridge.planning.PlanningCycle;

import org.callbridge.callsapi.CallsApi;

import java.time.Clock;
import org.callbridge.callsapi.TransientRetry;
import org.callbridge.planning.CallingPolicy;
import org.callbridge.planning.PolicySettings;
import org.callbridge.planning.ProgramSources;
import org.callbridge.store.BatchStore;
import org.callbridge.store.CallStore;
import org.callbridge.store.Database;
import org.callbridge.store.DoNotCallList;
import org.callbridge.store.EventStore;

/**
 * Wires the posting engine from configuration: the three entry points a timer calls ({@link #planning()},
 * {@link #posting()}, {@link #reconciler()} once at start-up) and the alerts query. One engine per process.
 */
public final class PostingEngine {
    private final PlanningCycle planning;
    private final PostingCycle posting;
    private final Reconciler reconciler;
    private final PostingAlerts alerts;
    private final WithdrawalWatch withdrawals;

    private PostingEngine(PlanningCycle planning, PostingCycle posting, Reconciler reconciler, PostingAlerts alerts,
                          WithdrawalWatch withdrawals) {
        this.planning = planning;
        this.posting = posting;
        this.reconciler = reconciler;
        this.alerts = alerts;
        this.withdrawals = withdrawals;
    }


    public static PostingEngine create(Database db, PolicySettings policySettings, PostingSettings settings,
                                       CallsApi api, Clock clock) {
        return create(db, policySettings, settings, api, clock, ProgramSources.defaults(new DoNotCallList(db, clock)));
    }

    /** @param sources the rules, holidays and do-not-call lists the reminder programs follow */
    public static PostingEngine create(Database db, PolicySettings policySettings, PostingSettings settings,
                                       CallsApi api, Clock clock, ProgramSources sources) {
        EventStore events = new EventStore(db, clock);
        CallStore calls = new CallStore(db, clock);
        BatchStore batches = new BatchStore(db, clock);
        TransientRetry retry = settings.newRetry("calls-api-posting");
        CallingPolicy policy = new CallingPolicy(policySettings, clock);

        PostedCallWithdrawer withdrawer = new PostedCallWithdrawer(api, retry, calls);
        PostedCalls posted = new PostedCalls(calls, events, withdrawer);
        EventPlanner planner = new EventPlanner(db, policy, policySettings.postAhead(), calls, posted, sources);
        PlanningCycle planning = new PlanningCycle(events, calls, planner, settings.maxEventsPerCycle(), clock);

        CampaignAdopter adopter = new CampaignAdopter(batches, new CampaignLookup(api, retry));
        BatchPreparer preparer = new BatchPreparer(db, events, calls, batches, sources, policySettings,
                policySettings.zones().defaultZone(), settings.scheduleLead());
        BatchSender sender = new BatchSender(batches, preparer, new BatchPoster(batches, api, retry, adopter), adopter,
                settings.settleTime(), clock);
        PendingBatches pending = new PendingBatches(batches, sender);
        DueGroups groups = new DueGroups(settings.maxSize(), settings.maxWait(), settings.scheduleLead());
        BatchNames names = new BatchNames(policySettings.agentId(), policySettings.noShowAgentId());
        DryRunWriter dryRun = new DryRunWriter(calls, groups, names, policySettings.window(),
                policySettings.zones().defaultZone(), settings.maxSize(), settings.reportsDir());
        PostingCycle posting = new PostingCycle(calls, batches, groups, names, sender, pending, dryRun, settings, clock);

        return new PostingEngine(planning, posting, new Reconciler(pending, settings.dryRun()),
                new PostingAlerts(calls, batches, events), new WithdrawalWatch(calls,
                // one try each: the watch runs again within a second, a backoff here could let a call ring
                new PostedCallWithdrawer(api, new TransientRetry("calls-api-withdrawal-watch", 1,
                        settings.retryInitial(), settings.retryMax()), calls), clock));
    }

    /** Events to planned calls and withdrawals: {@link PlanningCycle#run()} on a timer. */
    public PlanningCycle planning() {
        return planning;
    }

    /** Due calls to batches at the Calls API: {@link PostingCycle#run()} on a timer. */
    public PostingCycle posting() {
        return posting;
    }

    /** {@link Reconciler#reconcileOnStartup()} once, before the first posting cycle. */
    public Reconciler reconciler() {
        return reconciler;
    }

    /** Posted calls cancelled before they started, hung up as soon as they do: {@link WithdrawalWatch#run()} on a timer. */
    public WithdrawalWatch withdrawals() {
        return withdrawals;
    }

    /** NOT_WITHDRAWN and rejected calls, parked and unsettled batches. */
    public PostingAlerts alerts() {
        return alerts;
    }
}
