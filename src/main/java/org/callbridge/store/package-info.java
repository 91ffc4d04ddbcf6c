/**
 * The outbox: the durable record of what must be called, what was posted and what came back, in
 * plain JDBC on H2 (embedded file, the default) or PostgreSQL (shared), with the same SQL on both
 * ({@code db/migration}).
 *
 * <ul>
 *   <li>{@link org.callbridge.store.Database}: pool, Flyway, transactions (nestable, retried on deadlock).</li>
 *   <li>{@link org.callbridge.store.EventStore}: appointment events once per dedup key; rejected inputs.</li>
 *   <li>{@link org.callbridge.store.CallStore}: one planned call per event, one live call per appointment.</li>
 *   <li>{@link org.callbridge.store.BatchStore}: claims into named batches; SENDING committed before each POST.</li>
 *   <li>{@link org.callbridge.store.ResultStore}: call results once per call id and status; sink deliveries.</li>
 *   <li>{@link org.callbridge.store.Watermarks}, {@link org.callbridge.store.Leases}: poller position, one leader.</li>
 *   <li>{@link org.callbridge.store.Pruning}: finished work older than the retention deleted, in small transactions.</li>
 * </ul>
 *
 * <p>Every public method runs in its own transaction and returns after the commit, unless called
 * inside {@link org.callbridge.store.Database#inTransaction}, whose transaction it then joins. Work
 * is found by state, never by an id cursor, because ids of concurrent transactions commit out of order.
 * Nothing here logs PHI: logs carry ids and counts, and database errors drop the values they quote.
 */
package org.callbridge.store;
