package org.callbridge.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A request the API refuses. Rendered as the error envelope from {@code status} and {@code message},
 * unless it carries its own {@code body} (the per-patient validation and missing-phone shapes).
 */
final class ApiException extends RuntimeException {

    private final int status;
    private final transient ObjectNode body;

    ApiException(int status, String message) {
        this(status, message, null);
    }

    ApiException(int status, String message, ObjectNode body) {
        super(message, null, false, false);
        this.status = status;
        this.body = body;
    }

    int status() {
        return status;
    }

    ObjectNode body() {
        return body;
    }
}
