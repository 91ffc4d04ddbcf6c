package org.callbridge.posting;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import org.callbridge.planning.CallFlow;

/**
 * Names batches and tells their flow. A name is {@code callbridge-<flow>-<slot>-<12 random hex digits>}
 * ({@code callbridge-reminder-20261202T1400Z-3f9a1c0e2b7d}), fixed when the batch is claimed and stored with it
 * before its first POST.
 *
 * <p>Why not a content hash (as the dry run's {@link DryRunNames}): the name is how a POST with an unknown outcome is found
 * again, so it must stay the same for every retry of one batch and must never be used by another batch. Storing it
 * with the batch gives the first (retries, parking, re-posts after a 400, restarts all reuse the row's name). The
 * random part gives the second: a hash over planned-call ids, or a row id, repeats when a database is reset or
 * several databases post for one Calls API account, and a repeated name would make the look-up adopt someone
 * else's calls. The flow and slot stay in the name for operators.
 */
final class BatchNames {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final DateTimeFormatter SLOT = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmm'Z'").withZone(ZoneOffset.UTC);

    private final String reminderAgentId;
    private final String noShowAgentId;

    BatchNames(String reminderAgentId, String noShowAgentId) {
        this.reminderAgentId = reminderAgentId;
        this.noShowAgentId = noShowAgentId;
    }

    /** A new, never-repeating name for a batch of this agent's calls at this slot (null: at once). */
    String newName(String agentId, Instant slot) {
        byte[] token = new byte[6];
        RANDOM.nextBytes(token);
        return "callbridge-" + flowOf(agentId).slug() + "-" + slot(slot) + "-" + HexFormat.of().formatHex(token);
    }

    /** The slot as it appears in a name: {@code scheduledAt} in UTC to the minute ({@code 20261202T1400Z}), or {@code now}. */
    static String slot(Instant scheduledAt) {
        return scheduledAt == null ? "now" : SLOT.format(scheduledAt);
    }

    /** No-show follow-ups have their own agent; an agent that also places reminders counts as the reminder flow. */
    CallFlow flowOf(String agentId) {
        return agentId.equals(noShowAgentId) && !agentId.equals(reminderAgentId) ? CallFlow.NO_SHOW : CallFlow.REMINDER;
    }
}
