package org.callbridge.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.nio.file.Path;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.callbridge.CallbridgeRuntime;
import org.callbridge.config.Settings;
import org.callbridge.ingest.IngestTestRuntime;
import org.slf4j.LoggerFactory;

/**
 * The runtime as the ingest benches run it: every folder and the H2 file state under one work
 * directory, the sample crosswalk (MRN authority LSG), an unreachable Calls API, and hourly
 * planning and results cycles, so that only ingest uses the machine.
 */
final class BenchRuntime {
    private BenchRuntime() {
    }

    /** The ingest tests' runtime ({@link IngestTestRuntime}), without the vendor feed and with hourly planning. */
    static Settings settings(Path work, int mllpPort) {
        return IngestTestRuntime.settings(work, mllpPort)
                .with(Map.of("callbridge.post.interval", "PT1H", "callbridge.csv.feeds", ""));
    }

    /** A bean the runtime bound (e.g. {@code hl7Intake}), once started. */
    static <T> T bean(CallbridgeRuntime runtime, String name, Class<T> type) {
        T bean = runtime.main().getCamelContext().getRegistry().lookupByNameAndType(name, type);
        if (bean == null) {
            throw new IllegalStateException("no bean " + name + " in the runtime");
        }
        return bean;
    }

    /** Throws unless every route of the runtime is started. */
    static int requireRoutesStarted(CallbridgeRuntime runtime) {
        CamelContext camel = runtime.main().getCamelContext();
        if (camel.getRoutes().isEmpty()) {
            throw new IllegalStateException("no route started");
        }
        for (Route route : camel.getRoutes()) {
            if (!camel.getRouteController().getRouteStatus(route.getRouteId()).isStarted()) {
                throw new IllegalStateException("route " + route.getRouteId() + " is not started");
            }
        }
        return camel.getRoutes().size();
    }

    static long stored(CallbridgeRuntime runtime, String source) {
        return runtime.events().countBySource().getOrDefault(source, 0L);
    }

    /**
     * Sets the application's loggers to INFO, the level of the shipped logback.xml (the test
     * configuration says DEBUG), so that the figures carry the production logging cost. Returns
     * what restores the previous level.
     */
    static Runnable productionLogLevel() {
        Logger logger = (Logger) LoggerFactory.getLogger("org.callbridge");
        Level previous = logger.getLevel();
        logger.setLevel(Level.INFO);
        return () -> logger.setLevel(previous);
    }
}
