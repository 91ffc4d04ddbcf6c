package org.callbridge.ingest;

import java.util.List;

/** Every inbox of the running routes, for what is done to all of them at once. */
public final class Inboxes {
    private final List<InboxFiles> inboxes;

    public Inboxes(List<InboxFiles> inboxes) {
        this.inboxes = List.copyOf(inboxes);
    }

    /** {@link InboxFiles#recheckProcessed()} on each inbox; how many files went back in all. */
    public int recheckProcessed() {
        int back = 0;
        for (InboxFiles inbox : inboxes) {
            back += inbox.recheckProcessed();
        }
        return back;
    }
}
