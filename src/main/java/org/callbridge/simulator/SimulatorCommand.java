package org.callbridge.simulator;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

/**
 * The {@code simulator} sub-command: {@code simulator --port P --fixtures FILE [--host H]} serves the Calls API
 * until the JVM stops. A bad flag or fixture file prints one line to stderr and yields exit code 2.
 * The arguments are those after the sub-command; a leading {@code simulator} is skipped too.
 */
public final class SimulatorCommand {

    static final int USAGE_ERROR = 2;
    private static final String DEFAULT_HOST = "127.0.0.1";
    private static final String USAGE = "usage: callbridge simulator --port P --fixtures FILE [--host H]";

    /** Parsed command line. */
    record Options(String host, int port, Path fixtures) {
    }

    private SimulatorCommand() {
    }

    /** Runs until the JVM is stopped (a shutdown hook closes the server); returns the exit code. */
    public static int run(String[] args) {
        CountDownLatch stop = new CountDownLatch(1);
        return run(args, System.out, System.err, stop, simulator -> Runtime.getRuntime().addShutdownHook(
                new Thread(() -> {
                    simulator.close();
                    stop.countDown();
                }, "calls-api-simulator-shutdown")));
    }

    /** Runs until {@code stop} is released; {@code onStart} sees the running simulator first. */
    static int run(String[] args, PrintStream out, PrintStream err, CountDownLatch stop,
            Consumer<CallsApiSimulator> onStart) {
        Options options;
        SimulatorFixtures fixtures;
        CallsApiSimulator simulator;
        try {
            options = parse(args);
            if (options == null) {
                out.println(USAGE);
                return 0;
            }
            fixtures = SimulatorFixtures.load(options.fixtures());
            simulator = CallsApiSimulator.start(fixtures, options.host(), options.port());
        } catch (IllegalArgumentException | IllegalStateException e) {
            err.println("callbridge simulator: " + oneLine(e.getMessage()));
            return USAGE_ERROR;
        }
        try {
            onStart.accept(simulator);
            out.println("Calls API simulator listening on " + simulator.baseUrl() + " ("
                    + fixtures.organizations().size() + " organizations)");
            out.flush();
            stop.await();
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        } finally {
            simulator.close();
        }
    }

    /** Returns null when help was asked for. */
    static Options parse(String[] args) {
        String host = DEFAULT_HOST;
        Integer port = null;
        Path fixtures = null;
        int i = args.length > 0 && "simulator".equals(args[0]) ? 1 : 0;
        while (i < args.length) {
            String arg = args[i];
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            String value;
            if ("--help".equals(arg) || "-h".equals(arg)) {
                return null;
            }
            if (!name.equals("--port") && !name.equals("--fixtures") && !name.equals("--host")) {
                throw new IllegalArgumentException("unknown option " + arg + " (" + USAGE + ")");
            }
            if (arg.contains("=")) {
                value = arg.substring(arg.indexOf('=') + 1);
                i++;
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                value = args[i + 1];
                i += 2;
            } else {
                throw new IllegalArgumentException(name + " needs a value");
            }
            if (value.isBlank()) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            switch (name) {
                case "--port" -> port = port(value);
                case "--fixtures" -> fixtures = Path.of(value);
                default -> host = value;
            }
        }
        if (port == null) {
            throw new IllegalArgumentException("missing --port");
        }
        if (fixtures == null) {
            throw new IllegalArgumentException("missing --fixtures");
        }
        return new Options(host, port, fixtures);
    }

    private static int port(String value) {
        try {
            int port = Integer.parseInt(value);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below, with the value
        }
        throw new IllegalArgumentException("--port must be a number between 0 and 65535, not '" + value + "'");
    }

    private static String oneLine(String message) {
        return message == null ? "unexpected error" : message.replaceAll("\\s+", " ").trim();
    }
}
