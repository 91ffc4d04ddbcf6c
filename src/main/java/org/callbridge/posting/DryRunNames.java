package org.callbridge.posting;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import org.callbridge.planning.CallFlow;
import org.callbridge.store.PlannedCall;

/**
 * Names a dry-run batch by its content, {@code callbridge-<flow>-<slot>-<10 hex digits>}, so that an unchanged
 * batch keeps its file from one dry run to the next. Only the dry run uses it: a posted batch gets a name that never
 * repeats ({@link BatchNames}), because a content hash repeats when a database is reset. No PHI.
 */
final class DryRunNames {

    /** Our own bound on name length; the API states none, and short names are safe in any UI or log. */
    static final int MAX_LENGTH = 100;

    private DryRunNames() {
    }

    /**
     * The name for these calls: the slot as {@link BatchNames#slot}; the hash is the first 10 hex digits of SHA-256
     * over the planned-call ids and patient ids, sorted by planned-call id, so neither the agent nor the input
     * order changes it.
     */
    static String of(CallFlow flow, Instant slot, List<PlannedCall> calls) {
        String name = "callbridge-" + flow.slug() + "-" + BatchNames.slot(slot) + "-" + hash(calls);
        if (name.length() > MAX_LENGTH) {
            throw new IllegalStateException("batch name longer than " + MAX_LENGTH + ": " + name);
        }
        return name;
    }

    private static String hash(List<PlannedCall> calls) {
        StringBuilder content = new StringBuilder();
        calls.stream().sorted(Comparator.comparingLong(PlannedCall::id))
                .forEach(c -> content.append(c.id()).append(':').append(c.patientId()).append('\n'));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(content.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
