package org.callbridge.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The console's sign-in on a bare Vert.x server (no callbridge behind it, only {@code /ops/v1/me}): how it holds up
 * against a guesser who sends many attempts side by side.
 */
class ConsoleAccessTest {
    private static final String PASSWORD = "s3cret-console-password";

    private Vertx vertx;
    private HttpServer server;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        ConsoleServer.mount(router, "admin", PASSWORD, null, Clock.systemUTC());
        server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void should_check_one_attempt_at_a_time_from_a_slowed_address_however_many_are_sent_side_by_side() throws Exception {
        for (int i = 0; i < SignInThrottle.FREE; i++) {
            assertThat(me("wrong-" + i).statusCode()).isEqualTo(401);
        }

        List<CompletableFuture<HttpResponse<String>>> sideBySide = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            sideBySide.add(http.sendAsync(request("guess-" + i), HttpResponse.BodyHandlers.ofString()));
        }
        List<Integer> statuses = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> answer : sideBySide) {
            statuses.add(answer.get(30, TimeUnit.SECONDS).statusCode());
        }

        // 20 guesses in the time of one delay would make the delay worthless: one is checked, the others refused unchecked
        assertThat(statuses).containsOnly(401, 429);
        assertThat(statuses.stream().filter(s -> s == 401).count()).isLessThanOrEqualTo(1);
        // the real user still gets in once the wait is over, and that clears the address
        Thread.sleep(SignInThrottle.FIRST_DELAY.multipliedBy(2).toMillis());
        assertThat(me(PASSWORD).statusCode()).isEqualTo(200);
        assertThat(me(PASSWORD).statusCode()).isEqualTo(200);
    }

    @Test
    void should_let_in_a_browser_that_signed_in_before_while_a_guesser_on_its_address_keeps_the_throttle_busy() throws Exception {
        HttpResponse<String> signedIn = me(PASSWORD);
        String cookie = signedIn.headers().firstValue("Set-Cookie").map(c -> c.split(";", 2)[0]).orElse("none=none");
        for (int i = 0; i <= SignInThrottle.FREE; i++) {
            assertThat(me("wrong-" + i).statusCode()).isEqualTo(401);
        }
        CompletableFuture<HttpResponse<String>> waiting = http.sendAsync(request("guess"), HttpResponse.BodyHandlers.ofString());
        Thread.sleep(100);

        long start = System.nanoTime();
        HttpResponse<String> browser = http.send(HttpRequest.newBuilder(request(PASSWORD), (n, v) -> true).header("Cookie", cookie)
                .build(), HttpResponse.BodyHandlers.ofString());
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(signedIn.statusCode()).isEqualTo(200);
        assertThat(browser.statusCode()).as(browser.body()).isEqualTo(200);
        assertThat(took).isLessThan(SignInThrottle.FIRST_DELAY);
        assertThat(waiting.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(401);
        // the browser's sign-in did not clear the address: the guesser beside it is still slowed
        long guessStart = System.nanoTime();
        assertThat(me("another-guess").statusCode()).isEqualTo(401);
        assertThat(Duration.ofNanos(System.nanoTime() - guessStart)).isGreaterThanOrEqualTo(SignInThrottle.FIRST_DELAY);
    }

    private HttpResponse<String> me(String password) throws Exception {
        return http.send(request(password), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest request(String password) {
        String basic = Base64.getEncoder().encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort() + "/ops/v1/me"))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Basic " + basic).GET().build();
    }
}
