package org.callbridge;

import java.nio.file.Path;
import java.util.Set;

/**
 * The flags of the commands: {@code --config FILE}, {@code --keep-running} and {@code --remove PATIENT_ID} (of
 * {@code do-not-call}).
 */
record CommandLine(Path config, boolean keepRunning, String remove) {

    /** Parses the flags a command accepts; a bad one is an {@link IllegalArgumentException} naming it. */
    static CommandLine parse(String[] args, Set<String> accepted) {
        Path config = null;
        boolean keepRunning = false;
        String remove = null;
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
            } else if (flag.equals("--remove")) {
                if (i + 1 >= args.length || args[i + 1].isBlank()) {
                    throw new IllegalArgumentException("--remove needs a patient id");
                }
                remove = args[++i].trim();
            }
        }
        return new CommandLine(config, keepRunning, remove);
    }
}
