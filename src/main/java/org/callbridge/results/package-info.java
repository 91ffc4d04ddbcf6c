/**
 * Results: the poller of ended calls and report delivery, one route per sink. The sinks are grouped by name:
 * {@code Json*} and {@code Csv*} (report files), {@code Webhook*} (the signed POST), {@code Hl7*}, {@code OruR01Content},
 * {@code SiuS14Content} and {@code MllpSender} (HL7 back to the EHR).
 */
package org.callbridge.results;
