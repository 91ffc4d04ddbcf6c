package org.callbridge.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The ops API's OpenAPI document, {@code ops/openapi.json} in the jar, read once. */
final class OpenApi {
    static final String RESOURCE = "ops/openapi.json";
    private static final byte[] DOCUMENT = load();

    private OpenApi() {
    }

    static byte[] document() {
        return DOCUMENT.clone();
    }

    private static byte[] load() {
        try (InputStream in = OpenApi.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
