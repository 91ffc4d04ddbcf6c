package org.callbridge.results;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * HL7 results as files for the EHR's interface engine to pick up: {@code <dir>/<MSH-10>.hl7}, one message per file,
 * UTF-8, segments ending in CR, each written atomically ({@link AtomicFiles}), so a reader never sees half a
 * message and a result written again replaces its own file.
 */
public final class Hl7FileOutbox implements Hl7Transport {
    private final Path dir;

    public Hl7FileOutbox(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    /** The file a message with this control id goes to. */
    public Path pathOf(String controlId) {
        return dir.resolve(JsonReportWriter.requireSafeId(controlId) + ".hl7");
    }

    @Override
    public void send(String controlId, String message) throws DeliveryException {
        try {
            AtomicFiles.write(dir, pathOf(controlId), message.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ReceiverUnavailableException("cannot write to the HL7 outbox (" + e.getClass().getSimpleName() + ")");
        }
    }
}
