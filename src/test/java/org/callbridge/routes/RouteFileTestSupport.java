package org.callbridge.routes;

import java.util.Properties;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.test.junit5.CamelContextConfiguration;
import org.apache.camel.test.main.junit5.CamelMainTestSupport;

/**
 * Starts Camel Main on real files of {@code routes/} (error-handling.camel.yaml always, since every route refers to
 * it), with the placeholders the runtime would set. Subclasses bind their beans and swap consumers that reach
 * outside (timers, file drops, sockets) for direct endpoints.
 */
abstract class RouteFileTestSupport extends CamelMainTestSupport {
    /** The route files under test, by file stem. */
    protected abstract String[] routeFiles();

    /** Placeholders beyond the defaults below. */
    protected void properties(Properties values) {
    }

    @Override
    protected void configure(MainConfigurationProperties configuration) {
        StringBuilder pattern = new StringBuilder("file:routes/error-handling.camel.yaml");
        for (String stem : routeFiles()) {
            pattern.append(",file:routes/").append(stem).append(".camel.yaml");
        }
        configuration.withRoutesIncludePattern(pattern.toString());
    }

    @Override
    public void configureContext(CamelContextConfiguration context) {
        super.configureContext(context);
        Properties values = new Properties();
        values.setProperty("callbridge.poll.interval-millis", "3600000");
        values.setProperty("callbridge.post.interval-millis", "3600000");
        values.setProperty("callbridge.withdrawal.check-interval-millis", "3600000");
        values.setProperty("callbridge.alerts.check-interval-millis", "3600000");
        values.setProperty("callbridge.retention.interval-millis", "3600000");
        values.setProperty("callbridge.inbox.read-lock-min-age-millis", "1000");
        values.setProperty("callbridge.inbox.poll-delay-millis", "3600000");
        values.setProperty("callbridge.inbox.hl7", "target/route-tests/inbox/hl7");
        values.setProperty("callbridge.hl7.mllp.host", "127.0.0.1");
        values.setProperty("callbridge.hl7.mllp.port", "0");
        properties(values);
        context.withUseOverridePropertiesWithPropertiesComponent(values);
    }
}
