package org.callbridge;

import java.nio.file.Path;
import org.callbridge.config.Configuration;
import org.callbridge.config.InvalidConfiguration;
import org.callbridge.config.Settings;
import org.callbridge.store.Database;

/** The state database of a maintenance command ({@code retry-parked}, {@code do-not-call}), as its configuration names it. */
final class CommandDatabase {

    private CommandDatabase() {
    }

    /**
     * Opens the state database of the configuration file (null: the environment and defaults); null after printing
     * each problem on one line of standard error.
     */
    static Database open(Path config) {
        Configuration.State state;
        try {
            state = Configuration.state(Settings.load(config, System.getenv()));
        } catch (InvalidConfiguration e) {
            e.problems().forEach(CommandDatabase::fail);
            return null;
        } catch (IllegalArgumentException e) {
            fail(e.getMessage());
            return null;
        }
        try {
            return CallbridgeRuntime.openStateDatabase(state);
        } catch (RuntimeException e) {
            fail("cannot open the state database (" + e.getClass().getSimpleName()
                    + "); with the default H2 file, stop `run` first");
            return null;
        }
    }

    static void fail(String problem) {
        System.err.println("callbridge: " + problem);
    }
}
