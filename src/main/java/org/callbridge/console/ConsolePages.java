package org.callbridge.console;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The console's files, read once from the jar's {@code console/} folder and only from there: Vert.x's static handler
 * would serve a {@code console/} folder of the working directory ahead of the jar's, so a stray folder there could
 * replace the signed-in page. Four files, each with its type; any other path is 404.
 */
final class ConsolePages {
    private record Page(byte[] body, String type) {
    }

    private final Map<String, Page> pages = Map.of(
            "/console/", load("index.html", "text/html; charset=utf-8"),
            "/console/index.html", load("index.html", "text/html; charset=utf-8"),
            "/console/console.css", load("console.css", "text/css; charset=utf-8"),
            "/console/console.js", load("console.js", "text/javascript; charset=utf-8"),
            "/console/favicon.svg", load("favicon.svg", "image/svg+xml"));

    void serve(RoutingContext ctx) {
        Page page = pages.get(ctx.request().path());
        if (page == null) {
            ctx.response().setStatusCode(404).end();
            return;
        }
        ctx.response().putHeader("Content-Type", page.type()).end(Buffer.buffer(page.body()));
    }

    private static Page load(String name, String type) {
        try (InputStream in = ConsolePages.class.getClassLoader().getResourceAsStream("console/" + name)) {
            if (in == null) {
                throw new IllegalStateException("console/" + name + " is missing from the jar");
            }
            return new Page(in.readAllBytes(), type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
