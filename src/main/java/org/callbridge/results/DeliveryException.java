package org.callbridge.results;

/**
 * Why a sink could not deliver one report. The message is recorded with the delivery and may be logged, so it
 * names what failed (a status, an ACK code, a timeout) and never carries PHI, a secret or a URL.
 */
public abstract sealed class DeliveryException extends Exception
        permits ReportRejectedException, ReceiverUnavailableException {
    protected DeliveryException(String message) {
        super(message, null, false, false);
    }
}
