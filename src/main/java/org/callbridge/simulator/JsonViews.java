package org.callbridge.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The response bodies of the Calls API, field for field as the contract shows them. */
final class JsonViews {

    private JsonViews() {
    }

    /** A call as GET returns it; campaign listings leave out batch_id, as the contract's example does. */
    static ObjectNode call(SimulatedCall call, Organization org, boolean withBatchId) {
        FixturePatient patient = org.patient(call.patientId()).orElse(null);
        ObjectNode node = SimulatorJson.object()
                .put("id", call.callId())
                .put("status", call.status())
                .put("phone_number", patient == null ? null : patient.phoneNumber())
                .put("direction", "outbound")
                .put("created_at", WireFormats.timestamp(call.createdAt()))
                .put("started_at", WireFormats.timestamp(call.startedAt()))
                .put("ended_at", WireFormats.timestamp(call.endedAt()));
        node.set("final_report", finalReport(call));
        if (withBatchId) {
            node.put("batch_id", call.batchId());
        }
        node.put("agent_id", call.agentId());
        if (call.startedAt() != null && call.endedAt() != null) {
            node.put("duration", Duration.between(call.startedAt(), call.endedAt()).getSeconds());
        } else {
            node.putNull("duration");
        }
        node.set("patient", patient == null ? null : patient(patient));
        // The simulator has no organization settings, hence no client metadata.
        node.putNull("client_metadata");
        return node;
    }

    static ObjectNode callList(SimulatedPage<SimulatedCall> page, Organization org, boolean withBatchId, Instant endedAfter) {
        ArrayNode data = SimulatorJson.array();
        page.items().forEach(c -> data.add(call(c, org, withBatchId)));
        ObjectNode body = SimulatorJson.object();
        body.set("data", data);
        body.set("pagination", pagination(page, endedAfter));
        return body;
    }

    static ObjectNode campaignList(SimulatedPage<SimulatedCampaign> page) {
        ArrayNode data = SimulatorJson.array();
        for (SimulatedCampaign campaign : page.items()) {
            data.add(SimulatorJson.object()
                    .put("id", campaign.id())
                    .put("name", campaign.name())
                    .put("agent_id", campaign.agentId())
                    .put("created_at", WireFormats.timestamp(campaign.createdAt())));
        }
        ObjectNode body = SimulatorJson.object();
        body.set("data", data);
        body.set("pagination", pagination(page, null));
        return body;
    }

    /** GET /campaigns/{batchId}: the campaign in camelCase, then its calls in snake_case, as documented. */
    static ObjectNode campaignCalls(SimulatedCampaign campaign, SimulatedPage<SimulatedCall> page, Organization org,
            Instant endedAfter) {
        ObjectNode body = SimulatorJson.object();
        body.set("campaign", SimulatorJson.object()
                .put("id", campaign.id())
                .put("name", campaign.name())
                .put("agentId", campaign.agentId())
                .put("createdAt", WireFormats.timestamp(campaign.createdAt())));
        body.setAll(callList(page, org, false, endedAfter));
        return body;
    }

    static ObjectNode created(SimulatedCallStore.CreatedBatch batch, JsonNode payload) {
        List<SimulatedCall> calls = batch.calls();
        long queued = calls.stream().filter(c -> CallStatus.QUEUED.wireName().equals(c.status())).count();
        long initiated = calls.size() - queued;
        ArrayNode items = SimulatorJson.array();
        for (SimulatedCall call : calls) {
            items.add(SimulatorJson.object()
                    .put("callId", call.callId())
                    .put("roomName", "outbound-" + call.callId())
                    .put("status", call.status()));
        }
        ObjectNode body = SimulatorJson.object()
                .put("success", true)
                .put("batchId", batch.campaign().id())
                .put("totalQueued", queued)
                .put("totalInitiated", initiated);
        body.set("calls", items);
        body.put("message", queued == 0
                ? "Batch created and initiated " + initiated + " calls"
                : "Batch created with " + queued + " calls queued and " + initiated + " initiated");
        body.set("payload", payload);
        return body;
    }

    static ObjectNode hungUp(String callId) {
        return SimulatorJson.object().put("callId", callId).put("message", "Call terminated successfully");
    }

    private static JsonNode finalReport(SimulatedCall call) {
        if (!CallStatus.COMPLETED.wireName().equals(call.status())) {
            return null;
        }
        return call.finalReport() == null ? SimulatorJson.object() : call.finalReport().deepCopy();
    }

    private static ObjectNode patient(FixturePatient patient) {
        return SimulatorJson.object()
                .put("patient_id", patient.patientId())
                .put("first_name", patient.firstName())
                .put("last_name", patient.lastName())
                .put("birth_date", patient.birthDate())
                .put("email", patient.email())
                .put("phone_number", patient.phoneNumber());
    }

    private static ObjectNode pagination(SimulatedPage<?> page, Instant endedAfter) {
        ObjectNode node = SimulatorJson.object()
                .put("start", page.start())
                .put("requested_size", page.size())
                .put("returned_count", page.items().size())
                .put("total", page.total())
                .put("hasMore", page.hasMore());
        if (endedAfter != null) {
            node.put("ended_after", WireFormats.timestamp(endedAfter));
        }
        return node;
    }
}
