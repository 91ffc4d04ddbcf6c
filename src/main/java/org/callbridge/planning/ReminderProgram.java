package org.callbridge.planning;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The reminder calls one appointment gets: the touchpoints (offsets before the start, the longest first), the retries
 * of a touchpoint whose call was not reached, the calling window and the agent. The defaults of the settings, with
 * what the first matching rule of the rules file changes.
 *
 * @param offsets        one touchpoint each, longest first; empty when a rule says {@code call: false}
 * @param retryUnreached the delays after an unreached call before each further try
 * @param window         when calls may start
 * @param agentId        the agent, or null when none is configured
 * @param rule           the number of the rule that applied, or 0 for the defaults
 */
public record ReminderProgram(List<Duration> offsets, List<Duration> retryUnreached, CallingWindow window, String agentId,
                              int rule) {

    public ReminderProgram {
        offsets = offsets.stream().distinct().sorted(Comparator.reverseOrder()).toList();
        retryUnreached = List.copyOf(retryUnreached);
    }

    /** The program of an appointment: the settings' defaults, with what {@code rule} (when one matched) says. */
    public static ReminderProgram of(PolicySettings settings, Optional<ReminderRule> rule) {
        if (rule.isEmpty()) {
            return new ReminderProgram(settings.offsets(), settings.retryUnreached(), settings.window(), settings.agentId(), 0);
        }
        ReminderRule r = rule.get();
        if (!r.call()) {
            return new ReminderProgram(List.of(), List.of(), settings.window(), null, r.index());
        }
        return new ReminderProgram(r.offsets() != null ? r.offsets() : settings.offsets(),
                r.retryUnreached() != null ? r.retryUnreached() : settings.retryUnreached(),
                r.window() != null ? r.window() : settings.window(),
                r.agentId() != null ? r.agentId() : settings.agentId(), r.index());
    }

    /** False when a rule silences these appointments. */
    public boolean calls() {
        return !offsets.isEmpty();
    }
}
