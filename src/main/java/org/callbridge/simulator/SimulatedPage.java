package org.callbridge.simulator;

import java.util.List;

/** One page of an ordered result, cut with the API's 1-based {@code start} and {@code size}. */
record SimulatedPage<T>(List<T> items, int total, int start, int size) {

    static <T> SimulatedPage<T> of(List<T> ordered, int start, int size) {
        int from = (int) Math.min((long) start - 1, ordered.size());
        int to = (int) Math.min((long) from + size, ordered.size());
        return new SimulatedPage<>(List.copyOf(ordered.subList(from, to)), ordered.size(), start, size);
    }

    boolean hasMore() {
        return (long) start - 1 + items.size() < total;
    }
}
