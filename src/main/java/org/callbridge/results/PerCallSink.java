package org.callbridge.results;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A sink that sends each report on its own (a webhook POST, an HL7 message). A {@link ReportRejectedException}
 * skips to the next report; a {@link ReceiverUnavailableException} stops the page. Either way the page ends in a
 * {@link PartialDeliveryException} naming what was delivered.
 */
abstract class PerCallSink implements ReportSink {

    /** Sends one report; returns only once the receiver has accepted it. */
    protected abstract void send(CallReport report) throws DeliveryException;

    /** Called after each page, whatever its outcome (closes a connection kept for the page). */
    protected void endOfPage() {
    }

    @Override
    public final void deliver(List<CallReport> reports) throws PartialDeliveryException {
        Set<String> delivered = new LinkedHashSet<>();
        Map<String, DeliveryException> refused = new LinkedHashMap<>();
        try {
            for (CallReport report : reports) {
                try {
                    send(report);
                    delivered.add(report.callId());
                } catch (ReportRejectedException e) {
                    refused.put(report.callId(), e);
                } catch (DeliveryException e) {
                    throw new PartialDeliveryException(delivered, refused, e);
                }
            }
        } finally {
            endOfPage();
        }
        if (!refused.isEmpty()) {
            throw new PartialDeliveryException(delivered, refused, null);
        }
    }
}
