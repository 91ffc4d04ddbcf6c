package org.callbridge.results;

import java.util.Map;
import java.util.Set;

/**
 * Thrown by a sink that delivered some reports of a page and not the others: {@link ReportDelivery} marks the
 * delivered ones and counts a failed attempt for the rest, each with its own reason, so one refused report neither
 * holds back nor parks the reports sent beside it.
 */
public final class PartialDeliveryException extends Exception {
    private final transient Set<String> delivered;
    private final transient Map<String, DeliveryException> refused;

    /**
     * @param delivered the call ids that were delivered
     * @param refused   call id to why the receiver refused that report
     * @param stoppedBy why the rest of the page was not sent, or null when every report was tried
     */
    public PartialDeliveryException(Set<String> delivered, Map<String, DeliveryException> refused, DeliveryException stoppedBy) {
        super(delivered.size() + " report(s) delivered, " + refused.size() + " refused"
                + (stoppedBy == null ? "" : ", then stopped"), stoppedBy != null ? stoppedBy
                : refused.values().stream().findFirst().orElseThrow(() -> new IllegalArgumentException("nothing failed")),
                false, false);
        this.delivered = Set.copyOf(delivered);
        this.refused = Map.copyOf(refused);
    }

    /** The call ids that were delivered. */
    public Set<String> delivered() {
        return delivered;
    }

    /** Why a report that was not delivered was not: its own refusal, else what stopped the page. */
    public DeliveryException failureOf(String callId) {
        return refused.getOrDefault(callId, getCause());
    }

    /** What stopped the page, else the first refusal. */
    @Override
    public synchronized DeliveryException getCause() {
        return (DeliveryException) super.getCause();
    }
}
