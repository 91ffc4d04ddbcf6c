/** The event model: one appointment event (book, reschedule, cancel, no-show) as every reader produces it, its patient identifiers, the zone of its start, and where it came from ({@code SourceRefs}, the one place a source reference is built). No transport, no parser. */
package org.callbridge.appointment;
