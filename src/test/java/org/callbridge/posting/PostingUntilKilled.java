package org.callbridge.posting;

import org.callbridge.callsapi.CallsApi;

import org.callbridge.config.Configuration;
import ch.qos.logback.classic.Level;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.callbridge.callsapi.CallsApiClient;
import org.callbridge.callsapi.CallsApiSettings;
import org.callbridge.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A process for {@link KilledPosterTest}: reconciles, then runs planning and posting cycles against the Calls API
 * at args[1] on the test database in directory args[0] until it is killed. args[2] are the test's settings as
 * {@code key=value} pairs separated by {@code ;}.
 */
public final class PostingUntilKilled {

    public static void main(String[] args) {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("org.callbridge")).setLevel(Level.INFO);
        Path dir = Path.of(args[0]);
        Map<String, String> settings = Harness.settings(dir.resolve("reports"));
        for (String pair : args[2].split(";")) {
            int eq = pair.indexOf('=');
            settings.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        Database db = Database.open(Harness.url(dir), "sa", "");
        CallsApi api = CallsApi.of(new CallsApiClient(CallsApiSettings.of(args[1], Clinic.KEY)));
        PostingEngine engine = PostingEngine.create(db, Configuration.policy(settings), Configuration.posting(settings), api, Clock.systemUTC());
        engine.reconciler().reconcileOnStartup();
        while (true) {
            engine.planning().run();
            engine.posting().run();
        }
    }
}
