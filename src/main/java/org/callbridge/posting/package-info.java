/**
 * The posting engine: stored appointment events become planned calls, and due calls are posted to the Calls API
 * in batches, so that no patient is called twice, at the wrong time, or after a cancellation. Plain Java; a timer
 * calls the entry points, all built by {@link org.callbridge.posting.PostingEngine}:
 * <ul>
 *   <li>{@link org.callbridge.posting.Reconciler#reconcileOnStartup()} once at start-up,</li>
 *   <li>{@link org.callbridge.planning.PlanningCycle#run()} and {@link org.callbridge.posting.PostingCycle#run()}
 *       on a timer (each on one thread at a time; with several instances, only a lease holder), and
 *       {@link org.callbridge.posting.WithdrawalWatch#run()} on a faster one,</li>
 *   <li>{@link org.callbridge.posting.PostingAlerts} for the rejects and alerts report. An operator puts parked
 *       batches back with the {@code retry-parked} command ({@link org.callbridge.store.BatchStore#unparkAll()}).</li>
 * </ul>
 *
 * <h2>Planning</h2>
 * RECEIVED events in id order: the calling policy decides. A call replaces the appointment's pending call; a skip
 * is recorded with its reason and removes the pending call; a cancel or delete removes the pending call, and hangs
 * up a posted one that is initiating, dialing or in-progress, else records it NOT_WITHDRAWN with the reason. An
 * event that moves the appointment's start does the same to posted calls for the old start before planning the
 * new call; a call for a start that a posted call already covers is not planned again. A no-show removes the
 * pending reminder and, with {@code callbridge.noshow.agent-id}, plans a follow-up. While the appointment's call
 * is SENDING, its events wait for the next run. A call posted ahead with {@code scheduledAt} is {@code queued} at
 * the API until it starts and cannot be hung up before: it is kept WITHDRAWING, and
 * {@link org.callbridge.posting.WithdrawalWatch} hangs it up as soon as it starts (the post-ahead horizon, 5 minutes
 * by default, keeps that window short). Only a call that ended first is reported NOT_WITHDRAWN.
 *
 * <h2>Batching</h2>
 * Due calls are grouped by agent and slot ({@link org.callbridge.posting.DueGroups}): a call more than
 * {@code schedule-lead} ahead is posted with {@code scheduledAt} = its time, any other without one. A group is
 * posted when full, or when one of its calls has waited {@code max-wait} since it became due, or when its slot is
 * nearer than {@code max-wait} + {@code schedule-lead}. Each batch is claimed (persisted, with its name) before it
 * is posted. Names: {@link org.callbridge.posting.BatchNames}.
 *
 * <h2>Posting</h2>
 * In the transaction that marks a batch SENDING (committed before the POST), calls whose appointment has a newer
 * event are dropped (a cancel that arrives before that commit wins), calls whose calling window is closed at the
 * time they would ring wait for the next opening, and a patient keeps one call per batch. Outcomes
 * ({@link org.callbridge.posting.BatchPoster}): success records each call id; a 400 for some patients rejects them
 * with the API's reason and posts the rest again under the same name; 5xx, 429 and no connection are retried with
 * backoff, then the batch is parked and retried after {@code park-retry}; no answer: the batch is looked up by name
 * and adopted, or, once {@code settle-time} has passed, posted again; 401 and other refusals park it. A SENDING
 * batch is always looked up by name before it is posted again: after a crash, a restart or an unpark. Dry run
 * ({@link org.callbridge.posting.DryRunWriter}) changes only posting: nothing is claimed, looked up or posted.
 *
 * <h2>Configuration</h2>
 * {@link org.callbridge.posting.PostingSettings} ({@code callbridge.batch.*}, {@code callbridge.post.retry.*},
 * {@code callbridge.dry-run}, {@code callbridge.reports.dir}, {@code callbridge.planning.max-events}) and
 * {@link org.callbridge.planning.PolicySettings}. Logs carry event, planned-call, batch and call ids and counts,
 * never patient data or the API key.
 */
package org.callbridge.posting;
