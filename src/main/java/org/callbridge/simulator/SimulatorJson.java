package org.callbridge.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The simulator's access to the shared JSON mapper; trees are built by hand so the wire shape is visible in the code. */
final class SimulatorJson {

    static final ObjectMapper MAPPER = org.callbridge.json.Json.mapper();

    private SimulatorJson() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static ArrayNode array() {
        return MAPPER.createArrayNode();
    }
}
