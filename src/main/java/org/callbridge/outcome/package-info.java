/**
 * Outcome: what a patient answered on an ended call, as one {@link org.callbridge.outcome.Outcome} class decided by
 * {@link org.callbridge.outcome.OutcomeRules} from the call's status and {@code final_report}. Plain Java on Jackson
 * trees only, so results (every report sink) and planning can both use it.
 */
package org.callbridge.outcome;
