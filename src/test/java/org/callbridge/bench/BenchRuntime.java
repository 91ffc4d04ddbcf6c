package org.callbridge.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.callbridge.CallbridgeRuntime;
import org.callbridge.Settings;
import org.slf4j.LoggerFactory;

/**
 * The runtime as the ingest benches run it: every folder and the H2 file state under one work
 * directory, the sample crosswalk (MRN authority LSG), an unreachable Calls API, and hourly
 * planning and results cycles, so that only ingest uses the machine.
 */
final class BenchRuntime {
    private BenchRuntime() {
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Settings settings(Path work, int mllpPort) {
        Map<String, String> values = new HashMap<>();
        values.put("callbridge.state.url", "jdbc:h2:file:" + work.resolve("state/callbridge").toAbsolutePath()
                + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0");
        values.put("callbridge.hl7.mllp.port", Integer.toString(mllpPort));
        values.put("callbridge.hl7.mllp.max-message-bytes", "65536");
        values.put("callbridge.api.url", "http://127.0.0.1:9");
        values.put("callbridge.api.key", "bench-key");
        values.put("callbridge.poll.interval", "PT1H");
        values.put("callbridge.post.interval", "PT1H");
        values.put("callbridge.inbox.hl7", work.resolve("inbox/hl7").toString());
        values.put("callbridge.inbox.csv", work.resolve("inbox/csv").toString());
        values.put("callbridge.inbox.poll-delay-millis", "100");
        values.put("callbridge.rejected.dir", work.resolve("rejected").toString());
        values.put("callbridge.reports.dir", work.resolve("reports").toString());
        values.put("callbridge.patients.crosswalk", IngestData.CROSSWALK.toString());
        values.put("callbridge.patients.mrn-authority", "LSG");
        values.put("callbridge.timezone", "America/New_York");
        return Settings.load(null, Map.of()).with(values);
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
