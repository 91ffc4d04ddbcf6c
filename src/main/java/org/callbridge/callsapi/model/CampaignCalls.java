package org.callbridge.callsapi.model;

/** GET /api/v1/calls/campaigns/{batchId}: the campaign and one page of its calls. */
public record CampaignCalls(Campaign campaign, Page<Call> calls) {
}
