package org.callbridge.planning;

import java.time.Duration;
import java.util.List;

/**
 * What one rule of the rules file ({@link ReminderRules}) says for the appointments it matches. Each null means
 * "as configured" (the default of the setting).
 *
 * @param index          the rule's number in the file, from 1
 * @param call           false: no reminder calls for these appointments
 * @param offsets        how long before the appointment to call, one call each; null: the default
 * @param agentId        the agent that places the calls (a UUID, lower case); null: the default
 * @param window         the calling window (clamped to 08:00-21:00, on the default calling days); null: the default
 * @param retryUnreached how long after an unreached call to try again, one try each; null: the default
 */
public record ReminderRule(int index, boolean call, List<Duration> offsets, String agentId, CallingWindow window,
                           List<Duration> retryUnreached) {

    public ReminderRule {
        offsets = offsets == null ? null : List.copyOf(offsets);
        retryUnreached = retryUnreached == null ? null : List.copyOf(retryUnreached);
    }
}
