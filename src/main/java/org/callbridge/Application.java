package org.callbridge;

import java.util.Arrays;
import java.util.List;
import org.callbridge.config.Configuration;
import org.callbridge.config.InvalidConfiguration;
import org.callbridge.config.Keys;
import org.callbridge.config.Settings;
import org.callbridge.operations.Fatal;
import org.callbridge.store.StoreException;
import org.callbridge.simulator.SimulatorCommand;

/** The command line: {@code run | demo | simulator | check | retry-parked}. A bad flag or setting exits with code 2. */
public final class Application {
    static final String USAGE = "usage: callbridge run [--config FILE] | demo [--keep-running] | simulator --port P --fixtures FILE | check [--config FILE] | retry-parked [--config FILE] | do-not-call [--config FILE] [--remove PATIENT_ID]";

    private Application() {
    }

    public static void main(String[] args) {
        // before the first logger exists: JSON lines instead of text when asked for
        if ("json".equalsIgnoreCase(System.getenv("CALLBRIDGE_LOG_FORMAT")) && System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "logback-json.xml");
        }
        // a JVM out of memory may have lost a thread others wait for: end it, so that its supervisor restarts it
        Fatal.install();
        int code = execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** Runs a command and returns its exit code; long-running commands return when stopped. */
    static int execute(String[] args) {
        if (args.length == 0) {
            return fail(USAGE);
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        return switch (args[0]) {
            case "simulator" -> SimulatorCommand.run(rest);
            case "run" -> run(rest);
            case "demo" -> demo(rest);
            case "check" -> check(rest);
            case "retry-parked" -> new RetryParkedCommand(System.out).run(rest);
            case "do-not-call" -> new DoNotCallCommand(System.out).run(rest);
            case "-h", "--help", "help" -> {
                System.out.println(USAGE);
                yield 0;
            }
            default -> fail("unknown command '" + args[0] + "'; " + USAGE);
        };
    }

    private static int run(String[] args) {
        CallbridgeRuntime runtime;
        try {
            CommandLine flags = CommandLine.parse(args, java.util.Set.of("--config"));
            // exactly what check looks at, before anything is opened or bound
            Configuration config = new ConfigCheck(Settings.load(flags.config(), System.getenv())).beforeRun();
            runtime = new CallbridgeRuntime(config, java.time.Clock.systemUTC());
        } catch (InvalidConfiguration e) {
            e.problems().forEach(p -> System.err.println("callbridge: " + p));
            return 2;
        } catch (StoreException e) {
            return fail(Keys.STATE_URL.key() + ": " + e.getMessage());
        } catch (RuntimeException e) {
            return fail(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
        try (runtime) {
            runtime.runUntilStopped();
            return 0;
        } catch (Exception e) {
            return fail("stopped: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static int check(String[] args) {
        List<String> problems;
        try {
            CommandLine flags = CommandLine.parse(args, java.util.Set.of("--config"));
            problems = new ConfigCheck(Settings.load(flags.config(), System.getenv())).run();
        } catch (IllegalArgumentException e) {
            return fail(e.getMessage());
        }
        problems.forEach(p -> System.err.println("callbridge check: " + p));
        if (!problems.isEmpty()) {
            return 2;
        }
        System.out.println("callbridge check: configuration OK; state database and Calls API reachable, API key accepted");
        return 0;
    }

    private static int demo(String[] args) {
        try {
            return new DemoCommand(System.out).run(args);
        } catch (IllegalArgumentException e) {
            return fail(e.getMessage());
        } catch (Exception e) {
            return fail("demo stopped: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static int fail(String problem) {
        System.err.println("callbridge: " + problem);
        return 2;
    }
}
