package org.callbridge.planning;

import java.time.Duration;
import java.util.List;

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
 * @param offsets     the reminder touchpoints (how long before the appointment, one call each); {@code [offset]} by default
 * @param retryUnreached the delays after a call that ended failed before each further try; empty: no retries
 * @param caps        the most calls per patient per local day and per seven days
 */
public record PolicySettings(Duration offset, Duration minLead, CallingWindow window, PatientZones zones,
                             Duration postAhead, String agentId, String noShowAgentId, List<Duration> offsets,
                             List<Duration> retryUnreached, ContactCaps caps) {

    /** One touchpoint at {@code offset}, no retries, the FCC caps. */
    public PolicySettings(Duration offset, Duration minLead, CallingWindow window, PatientZones zones,
                          Duration postAhead, String agentId, String noShowAgentId) {
        this(offset, minLead, window, zones, postAhead, agentId, noShowAgentId, List.of(offset), List.of(), ContactCaps.FCC);
    }

    public PolicySettings {
        offsets = offsets == null || offsets.isEmpty() ? List.of(offset) : List.copyOf(offsets);
        retryUnreached = retryUnreached == null ? List.of() : List.copyOf(retryUnreached);
        caps = caps == null ? ContactCaps.FCC : caps;
        for (Duration d : offsets) {
            if (d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException("every reminder offset must be more than zero");
            }
            if (d.compareTo(minLead) < 0) {
                throw new IllegalArgumentException("the reminder offset " + d + " is shorter than the minimum lead "
                        + minLead + ", so that reminder would always be too late");
            }
        }
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
