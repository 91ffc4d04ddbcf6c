package org.callbridge.routes;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The calls the beans of a route received, in order, as "bean.method(arguments)". */
final class Calls {
    private final List<String> calls = new CopyOnWriteArrayList<>();

    void add(String call) {
        calls.add(call);
    }

    List<String> list() {
        return List.copyOf(calls);
    }

    long count(String call) {
        return calls.stream().filter(call::equals).count();
    }
}
