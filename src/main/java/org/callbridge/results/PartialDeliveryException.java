package org.callbridge.results;

import java.util.Set;

/**
 * Thrown by a sink that delivered some reports of a page and not the others: {@link ReportDelivery} marks the
 * delivered ones and counts a failed attempt for the rest, so one refused report neither holds back nor parks
 * the reports sent beside it.
 */
public final class PartialDeliveryException extends Exception {
    private final transient Set<String> delivered;

    /**
     * @param delivered the call ids that were delivered
     * @param cause     why the others were not
     */
    public PartialDeliveryException(Set<String> delivered, DeliveryException cause) {
        super(delivered.size() + " report(s) delivered, the others not: " + cause.getMessage(), cause, false, false);
        this.delivered = Set.copyOf(delivered);
    }

    /** The call ids that were delivered. */
    public Set<String> delivered() {
        return delivered;
    }

    @Override
    public synchronized DeliveryException getCause() {
        return (DeliveryException) super.getCause();
    }
}
