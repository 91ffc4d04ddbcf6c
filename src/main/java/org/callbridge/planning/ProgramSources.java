package org.callbridge.planning;

import java.time.LocalDate;
import java.util.Optional;
import java.util.function.Function;
import org.callbridge.appointment.AppointmentEvent;
import org.callbridge.store.DoNotCallList;

/**
 * What shapes the reminder programs beside the settings, each as it is now: the rules file, the holidays file, the
 * do-not-call file and the do-not-call list of patients who opted out. Thread-safe.
 */
public final class ProgramSources {
    private final RulesFile rules;
    private final HolidayCalendar holidays;
    private final DoNotCallFile doNotCallFile;
    private final DoNotCallList doNotCallList;
    private final Function<String, Optional<String>> patientIdOfMrn;

    public ProgramSources(RulesFile rules, HolidayCalendar holidays, DoNotCallFile doNotCallFile, DoNotCallList doNotCallList) {
        this(rules, holidays, doNotCallFile, doNotCallList, mrn -> Optional.empty());
    }

    /**
     * @param patientIdOfMrn the crosswalk: an MRN the do-not-call file lists also stops calls to its Calls API patient
     *                       on appointments that carry only the patient id
     */
    public ProgramSources(RulesFile rules, HolidayCalendar holidays, DoNotCallFile doNotCallFile, DoNotCallList doNotCallList,
                          Function<String, Optional<String>> patientIdOfMrn) {
        this.rules = rules;
        this.holidays = holidays;
        this.doNotCallFile = doNotCallFile;
        this.doNotCallList = doNotCallList;
        this.patientIdOfMrn = patientIdOfMrn;
    }

    /** No rules, holidays or do-not-call file; the stored do-not-call list still applies. */
    public static ProgramSources defaults(DoNotCallList list) {
        return new ProgramSources(RulesFile.of(ReminderRules.none()), HolidayCalendar.of(Holidays.none()),
                DoNotCallFile.none(), list);
    }

    /** The appointment's program: the settings, with what its first matching rule says. */
    public ReminderProgram programFor(AppointmentEvent event, PolicySettings settings) {
        return ReminderProgram.of(settings, rules.current().match(event));
    }

    /** True when no reminder call may be placed on this local date at this location. */
    public boolean holiday(LocalDate date, String location) {
        return holidays.current().closed(date, location);
    }

    /** True when the patient is on the do-not-call file or the stored list. */
    public boolean doNotCall(String patientId, String mrn) {
        return doNotCallFile.listed(patientId, mrn, patientIdOfMrn) || doNotCallList.contains(patientId);
    }
}
