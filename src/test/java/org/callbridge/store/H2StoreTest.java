package org.callbridge.store;

import java.nio.file.Path;
import java.util.UUID;

/** The store contract on an H2 file database under target/, one file per test. */
class H2StoreTest extends StoreContract {

    @Override
    String newDatabaseUrl() {
        return Database.h2FileUrl(Path.of("target", "store-tests", UUID.randomUUID().toString(), "callbridge")
                .toAbsolutePath());
    }

    @Override
    String user() {
        return "sa";
    }

    @Override
    String password() {
        return "";
    }
}
