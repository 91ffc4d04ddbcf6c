package org.callbridge.store;

import ch.qos.logback.classic.Level;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A process for {@link H2CrashTest}: appends events to the database at args[0] and prints
 * {@code ACK <appointment id>} after each append returns, until it is killed.
 */
public final class AppendUntilKilled {

    public static void main(String[] args) {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
        Database db = Database.open(args[0], "sa", "");
        EventStore events = new EventStore(db);
        for (int i = 0; ; i++) {
            String appointmentId = "K" + i;
            events.append(Samples.event(appointmentId));
            System.out.println("ACK " + appointmentId);
            System.out.flush();
        }
    }
}
