package org.callbridge.simulator;

import com.fasterxml.jackson.databind.JsonNode;

/** An AI agent configuration of a simulated organization; its final report template is copied into completed calls. */
public record FixtureAgent(String id, String name, JsonNode finalReport) {
}
