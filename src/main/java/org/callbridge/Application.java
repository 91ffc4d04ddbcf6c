package org.callbridge;

/** The command line: run | demo | simulator | check. */
public final class Application {
    public static void main(String[] args) {
        System.err.println("callbridge: not built yet");
        System.exit(2);
    }
}
