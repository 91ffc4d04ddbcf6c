package org.callbridge.results;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code hl7} sink: builds each call's result ({@link Hl7ResultMessageBuilder}: ORU^R01 or SIU^S14) and hands it
 * to a {@link Hl7Transport}. MSH-10 is derived from the call id, so a result sent again after a crash carries the
 * same control id (and, in a folder, the same file name) and the EHR can drop the repeat.
 */
public final class Hl7Sink extends PerCallSink {
    private static final Logger LOG = LoggerFactory.getLogger(Hl7Sink.class);

    private final Hl7ResultMessageBuilder builder;
    private final Hl7Transport transport;

    public Hl7Sink(Hl7ResultMessageBuilder builder, Hl7Transport transport) {
        this.builder = builder;
        this.transport = transport;
    }

    @Override
    public String name() {
        return "hl7";
    }

    @Override
    protected void send(CallReport report) throws DeliveryException {
        String controlId = builder.controlId(report);
        String message;
        try {
            message = builder.build(report);
        } catch (IllegalStateException e) {
            // HAPI's reason may quote field content, so only the control id is kept
            throw new ReportRejectedException("HL7 result " + controlId + " could not be built");
        }
        transport.send(controlId, message);
        LOG.debug("HL7 result {} delivered for call {}", controlId, report.callId());
    }

    @Override
    protected void endOfPage() {
        transport.endOfPage();
    }
}
