package org.callbridge.store;

import java.util.List;

/** A batch just marked SENDING and exactly the calls to post in it (in id order). */
public record BatchToSend(CallBatch batch, List<PlannedCall> calls) {
}
