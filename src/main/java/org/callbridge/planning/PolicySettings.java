package org.callbridge.planning;

import java.time.Duration;

/**
 * The calling policy's configuration (built by the configuration from its declared keys), validated: reminder offset, minimum lead, calling window and days,
 * patient time zones, post-ahead horizon and the agents to use.
 *
 * @param offset      how long before the appointment the reminder is meant to start
 * @param minLead     a reminder must start at least this long before the appointment
 * @param window      calling hours and days, already clamped to 08:00–21:00
 * @param zones       how a patient's time zone is found
 * @param postAhead   calls are posted to the API only this long before their time; later ones wait locally
 * @param agentId     the reminder agent, or null when not configured here
 * @param noShowAgentId the agent for no-show follow-ups, or null for no follow-up
 */
public record PolicySettings(Duration offset, Duration minLead, CallingWindow window, PatientZones zones,
                             Duration postAhead, String agentId, String noShowAgentId) {

    public PolicySettings {
        if (offset.isZero() || offset.isNegative()) {
            throw new IllegalArgumentException("the reminder offset must be more than zero");
        }
        if (minLead.isNegative()) {
            throw new IllegalArgumentException("the minimum lead must not be negative");
        }
        if (offset.compareTo(minLead) < 0) {
            throw new IllegalArgumentException("the reminder offset " + offset + " is shorter than the minimum lead " + minLead
                    + ", so every reminder would be too late");
        }
        if (postAhead.isNegative()) {
            throw new IllegalArgumentException("the post-ahead horizon must not be negative");
        }
        agentId = blankToNull(agentId);
        noShowAgentId = blankToNull(noShowAgentId);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
