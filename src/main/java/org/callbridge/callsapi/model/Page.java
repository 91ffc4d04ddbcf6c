package org.callbridge.callsapi.model;

import java.util.List;

/** One page of a list endpoint. */
public record Page<T>(List<T> data, Pagination pagination) {
    public Page {
        data = List.copyOf(data);
    }
}
