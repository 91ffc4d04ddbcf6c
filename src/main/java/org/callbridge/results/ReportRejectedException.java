package org.callbridge.results;

/**
 * The receiver answered and refused this one report (HTTP 4xx, an HL7 AE or AR). Not retried at once; the next
 * report of the page is still sent, and this one again on a later cycle until it is parked.
 */
public final class ReportRejectedException extends DeliveryException {
    public ReportRejectedException(String message) {
        super(message);
    }
}
