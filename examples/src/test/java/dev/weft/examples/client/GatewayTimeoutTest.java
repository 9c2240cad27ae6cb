package dev.weft.examples.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.client.ClientResponse;
import dev.weft.loop.ManualClock;
import dev.weft.test.TestClient;
import dev.weft.test.TestClients;
import dev.weft.test.TestServer;
import dev.weft.test.TestServers;
import dev.weft.test.WeftTest;
import dev.weft.web.Application;
import dev.weft.web.Reply;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The gateway's client timeout, tested on a {@link ManualClock}: the test takes the clock as a parameter, so its loop
 * (and the application's session, made on that loop) keeps time only when the test advances it.
 */
@WeftTest
class GatewayTimeoutTest {

    @Test
    void a_silent_upstream_fails_the_call_once_the_sessions_timeout_has_passed(ManualClock clock, TestServers servers,
                                                                               TestClients clients) {
        CompletableFuture<Void> called = new CompletableFuture<>();
        Application silent = Application.create();
        silent.routes().get("/hello/{name}", req -> {
            called.complete(null);
            return Reply.async(new CompletableFuture<>()); // never answers
        });
        TestServer upstream = servers.start(silent);
        TestClient client = clients.create(GatewayApp.app(upstream.url() + "/"));

        var response = client.get("/shout/ada");
        called.join();
        clock.advance(Duration.ofSeconds(10)); // the session's total timeout passes: no real wait
        try (ClientResponse res = response.join()) {
            assertThat(res.status()).isEqualTo(500);
        }
    }
}
