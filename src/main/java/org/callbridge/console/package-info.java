/**
 * The operator console and the ops API behind it, on the management server: {@link org.callbridge.console.ConsoleServer}
 * mounts the static pages of the jar's {@code console/} folder at {@code /console/} and the JSON endpoints of
 * {@link org.callbridge.console.OpsApi} under {@code /ops/v1/}, both behind {@link org.callbridge.console.ConsoleAccess}
 * (HTTP Basic, slowed repeated failures, actions only as same-origin POSTs with the action header). What they read
 * lives in {@code store} ({@code OpsQueries}, {@code AlertStore}, {@code AuditLog}); the timers that raise alerts and
 * prune old work are in {@code operations}.
 */
package org.callbridge.console;
