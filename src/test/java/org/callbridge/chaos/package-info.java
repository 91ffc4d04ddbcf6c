/**
 * The chaos harness: randomized runs of the whole application, killed with {@code kill -9} and restarted, against
 * a Calls API that fails, throttles, lags and loses answers; then the guarantees are checked from outside.
 *
 * <h2>Running it</h2>
 * <pre>
 * mvn -o -B verify -Pchaos                                      # 3 runs, a few minutes (CI runs 2)
 * mvn -o -B verify -Pchaos -Dchaos.runs=1000 -Dchaos.minutes=60  # as many as fit in an hour
 * mvn -o -B verify -Pchaos -Dchaos.runs=1000                    # the full batch (35 to 60 s a run: 10 to 16 hours)
 * mvn -o -B verify -Pchaos -Dchaos.seed=-8618950670267102024    # replay one run (its data, faults and kill plan)
 * </pre>
 * Each run prints its seed and a summary, the last line is {@code N passed, M failed}; all of it goes to the test
 * output (surefire keeps it in {@code target/surefire-reports}) and to {@code target/chaos/chaos.log}, with every
 * violation of a failed run; the build fails with {@code N passed, M failed} and the first violation of each failed
 * run. The work folder of a failed run (configuration, the H2 state, inboxes, rejected and report files, one log per
 * process start) stays in {@code target/chaos/run-<seed in hex>}; {@code -Dchaos.keep=true} keeps those of passing
 * runs too. A replay repeats the generated data, the faults' seed and where kills are aimed, not the exact timing.
 *
 * <h2>One run ({@link org.callbridge.chaos.ChaosRun})</h2>
 * <ol>
 *   <li>{@link org.callbridge.chaos.ChaosScenario}: 12 to 23 patients (about one in twelve without a phone) in the
 *       simulator's fixture and, by MRN, in a generated crosswalk; 25 to 50 appointments, HL7 or CSV, each with a
 *       script of events: book, sometimes reschedule, modify (another provider) and cancel.</li>
 *   <li>The simulator runs in the test JVM with random faults: up to 15 % 500s, 8 % 429s, 40 ms latency and 12 %
 *       POSTs whose batch is created but whose answer is lost; demo or production mode (few concurrent calls).</li>
 *   <li>callbridge runs as {@code java -cp <test class path> org.callbridge.Application run --config FILE} on a fresh
 *       H2 file, with fast cycles (posting every 0.3 s, polling every 0.5 s, batches of 2 to 10).</li>
 *   <li>{@link org.callbridge.chaos.DeliveryPlan}: the events arrive in waves (an appointment's next change only
 *       after its previous one was acknowledged or its file taken), over MLLP on up to four connections (several
 *       frames per write at times), as HL7 files (some FHS/BHS batches, CR, LF or CRLF) and CSV files (BOM, CRLF,
 *       blank lines); the same message re-sent with a new MSH-10, files dropped again, a replay of old input at the
 *       end; and input that must be rejected: unknown patients, an ADT message, an unreadable CSV start.
 *       {@link org.callbridge.chaos.MllpSender} re-sends whatever was not acknowledged when a connection drops.</li>
 *   <li>Meanwhile the child is killed 3 to 5 times and started again at once: at random moments, or aimed a few
 *       milliseconds after a log line (a POST going out, an event stored, a report written, a lost answer, a
 *       planning cycle, a parked batch). The last kill waits until all input is in, so every run also kills while
 *       calls are posted and reported.</li>
 *   <li>When all input is in, the last process runs until the run looks finished (every call ended, nothing
 *       changing), is stopped with SIGTERM, and the outbox must confirm it: every event planned, no batch open,
 *       sending or parked, no due call unposted, every result in and every report delivered. If not, it is
 *       started again and the wait goes on.</li>
 * </ol>
 *
 * <h2>What must hold ({@link org.callbridge.chaos.Invariants})</h2>
 * <ul>
 *   <li>Every distinct input event is stored exactly once (nothing lost, re-sends collapse) and has exactly one
 *       decision: a call, a recorded skip or cancel, a refusal by the API; every bad input has its rejection, kept
 *       in the rejected folder with its reason; no good input is rejected; every good MLLP message ends with AA.</li>
 *   <li>Every call at the Calls API is one the outbox recorded (an unrecorded call was posted twice), for the right
 *       appointment and patient; no event and no appointment time has two calls; every booked appointment due in
 *       the run has exactly one standing call for its newest time; a patient without a phone gets the API's refusal.</li>
 *   <li>No call set to start or ringing outside 08:00-21:00 in the patient's zone, and none in the wrong zone.</li>
 *   <li>After a cancellation no call stands, and no call was placed from an event that a newer one (a cancel, a
 *       move) had replaced before the call's batch was committed for sending.</li>
 *   <li>Every ended call has exactly one JSON report and one row in the daily CSV, and no report names another call.</li>
 *   <li>No name, phone, birth date, e-mail, street or MRN of a generated patient, and not the API key, in any line
 *       any process logged (the test class path logs {@code org.callbridge} at DEBUG).</li>
 * </ul>
 *
 * <h2>Time zones and the wall clock</h2>
 * The application takes its policy clock from the wall clock, so the harness picks times around the moment the run
 * starts. The calling window is 08:00-21:00 every day and the reminder offset one hour. A zone is open when its local
 * time is between 08:05 and 20:30: only open zones get appointments whose reminder is due now or within the next
 * half minute. Every zone gets appointments whose reminder falls in a later window (their call must stay pending)
 * and, where it is night (21:00-06:30), appointments due now whose window opens after them (no call may be placed).
 * The four US zones (New York, Chicago, Los Angeles, Honolulu) are always used; when none is open (about 06:30-13:05
 * UTC), Asia/Kolkata, Asia/Tokyo or Europe/Berlin, whichever is open first, joins them.
 */
package org.callbridge.chaos;
