/**
 * An in-memory implementation of the Calls API contract on a real HTTP server, for the demo, the tests and
 * anyone without an account. {@link org.callbridge.simulator.CallsApiSimulator} starts it from
 * {@link org.callbridge.simulator.SimulatorFixtures}; {@link org.callbridge.simulator.SimulatorCommand} is the
 * {@code simulator} sub-command.
 *
 * <p>Where the contract is silent, the simulator answers as follows:
 * <ul>
 *   <li>POST /api/v1/calls answers 200; with queued calls the message reads
 *       "Batch created with N calls queued and M initiated".</li>
 *   <li>started_at is set when a call leaves the queue (enters initiating); duration is the whole seconds from
 *       started_at to ended_at.</li>
 *   <li>Missing phone numbers: 400 {@code {"statusCode":400,"message":"One or more patients are missing a phone
 *       number","patientIds":[...]}}, ids as posted.</li>
 *   <li>A patient id unknown to the organization is a per-patient validation error ("Patient not found").</li>
 *   <li>ended_at is strictly increasing across the server, so polling with ended_after set to the latest
 *       ended_at seen never misses a call.</li>
 *   <li>client_metadata is always null; campaign call listings leave out batch_id, as the contract's example does.</li>
 * </ul>
 */
package org.callbridge.simulator;
