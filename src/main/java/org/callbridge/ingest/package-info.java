/** Intake: the MLLP channel (framing, back-pressure, group commit, ACK after commit) and the file channels (take, accept, finish; done files; re-reading changed files), storing events or rejecting with a reason. */
package org.callbridge.ingest;
