package org.callbridge.callsapi;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.IntFunction;
import org.callbridge.callsapi.model.Page;

/** Walks a 1-based paged list: asks for the next page only while the last one said {@code hasMore}. */
final class PageIterator<T> implements Iterator<Page<T>> {
    private final IntFunction<Page<T>> fetch;
    private int nextStart = 1;
    private boolean more = true;

    PageIterator(IntFunction<Page<T>> fetch) {
        this.fetch = fetch;
    }

    @Override
    public boolean hasNext() {
        return more;
    }

    @Override
    public Page<T> next() {
        if (!more) {
            throw new NoSuchElementException();
        }
        Page<T> page = fetch.apply(nextStart);
        nextStart += page.data().size();
        more = page.pagination().hasMore() && !page.data().isEmpty();
        return page;
    }
}
