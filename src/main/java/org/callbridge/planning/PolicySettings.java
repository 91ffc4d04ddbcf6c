package org.callbridge.planning;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;

/**
 * The calling policy's configuration, validated: reminder offset, minimum lead, calling window and days,
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

    public static final String OFFSET = "callbridge.reminder.offset";
    public static final String MIN_LEAD = "callbridge.reminder.min-lead";
    public static final String WINDOW = "callbridge.calling-window";
    public static final String DAYS = "callbridge.calling-days";
    public static final String TIMEZONE = "callbridge.timezone";
    public static final String LOCATION_TIMEZONES = "callbridge.location-timezones";
    public static final String POST_AHEAD = "callbridge.post-ahead";
    public static final String AGENT_ID = "callbridge.agent-id";
    public static final String NO_SHOW_AGENT_ID = "callbridge.noshow.agent-id";

    public PolicySettings {
        if (offset.isZero() || offset.isNegative()) {
            throw new IllegalArgumentException(OFFSET + ": must be more than zero");
        }
        if (minLead.isNegative()) {
            throw new IllegalArgumentException(MIN_LEAD + ": must not be negative");
        }
        if (offset.compareTo(minLead) < 0) {
            throw new IllegalArgumentException(OFFSET + ": " + offset + " is shorter than " + MIN_LEAD + " " + minLead
                    + ", so every reminder would be too late");
        }
        if (postAhead.isNegative()) {
            throw new IllegalArgumentException(POST_AHEAD + ": must not be negative");
        }
        agentId = blankToNull(agentId);
        noShowAgentId = blankToNull(noShowAgentId);
    }

    /** Reads the settings from configuration properties, with the documented defaults for missing keys. */
    public static PolicySettings fromProperties(Map<String, String> props) {
        CallingWindow window = CallingWindow.parse(WINDOW, ConfigValues.text(props, WINDOW, "09:00-19:00"),
                CallingDays.parse(DAYS, ConfigValues.text(props, DAYS, "MON-SAT")));
        String zoneText = ConfigValues.text(props, TIMEZONE, null);
        ZoneId defaultZone = zoneText == null ? ZoneId.systemDefault() : ConfigValues.zone(TIMEZONE, zoneText);
        PatientZones zones = new PatientZones(defaultZone,
                PatientZones.parseLocations(LOCATION_TIMEZONES, props.get(LOCATION_TIMEZONES)));
        return new PolicySettings(
                ConfigValues.duration(props, OFFSET, "P1D"),
                ConfigValues.duration(props, MIN_LEAD, "PT1H"),
                window,
                zones,
                ConfigValues.duration(props, POST_AHEAD, "PT5M"),
                props.get(AGENT_ID),
                props.get(NO_SHOW_AGENT_ID));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
