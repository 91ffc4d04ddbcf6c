package org.callbridge.config;

import java.util.List;

/** The configuration cannot be built: every problem found, one line each, each naming its key. */
public final class InvalidConfiguration extends IllegalArgumentException {
    private final List<String> problems;

    public InvalidConfiguration(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
