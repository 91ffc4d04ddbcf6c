package org.callbridge.planning;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * Builds the deterministic batch name {@code callbridge-<flow>-<slot>-<hash>}, by which a batch whose POST had
 * an unknown outcome is looked up before posting again. Same calls, same name; no PHI.
 */
public final class BatchName {

    /** Our own bound on name length; the API states none, and short names are safe in any UI or log. */
    public static final int MAX_LENGTH = 100;

    private static final DateTimeFormatter SLOT = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmm'Z'").withZone(ZoneOffset.UTC);

    private BatchName() {
    }

    /**
     * The name for these calls. The slot is {@code scheduledAt} in UTC to the minute ({@code 20261202T1400Z}) or
     * {@code now}; the hash is the first 10 hex digits of SHA-256 over the planned-call ids and patient ids,
     * sorted by planned-call id, so neither the agent nor the input order changes it.
     */
    public static String of(CallFlow flow, Instant scheduledAt, List<DueCall> calls) {
        String name = "callbridge-" + flow.slug() + "-" + slot(scheduledAt) + "-" + hash(calls);
        if (name.length() > MAX_LENGTH) {
            throw new IllegalStateException("batch name longer than " + MAX_LENGTH + ": " + name);
        }
        return name;
    }

    /** {@code 20261202T1400Z}, or {@code now} for null. */
    public static String slot(Instant scheduledAt) {
        return scheduledAt == null ? "now" : SLOT.format(scheduledAt);
    }

    private static String hash(List<DueCall> calls) {
        StringBuilder content = new StringBuilder();
        calls.stream().sorted(Comparator.comparingLong(DueCall::plannedCallId))
                .forEach(c -> content.append(c.plannedCallId()).append(':').append(c.patientId()).append('\n'));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(content.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
