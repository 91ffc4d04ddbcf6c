package org.callbridge;

import java.nio.file.Path;
import java.util.Set;

/** The flags of {@code run}, {@code demo} and {@code check}: {@code --config FILE} and {@code --keep-running}. */
record CommandLine(Path config, boolean keepRunning) {

    /** Parses the flags a command accepts; a bad one is an {@link IllegalArgumentException} naming it. */
    static CommandLine parse(String[] args, Set<String> accepted) {
        Path config = null;
        boolean keepRunning = false;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (!accepted.contains(flag)) {
                throw new IllegalArgumentException("unknown flag '" + flag + "'");
            }
            if (flag.equals("--config")) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("--config needs a file");
                }
                config = Path.of(args[++i]);
            } else if (flag.equals("--keep-running")) {
                keepRunning = true;
            }
        }
        return new CommandLine(config, keepRunning);
    }
}
