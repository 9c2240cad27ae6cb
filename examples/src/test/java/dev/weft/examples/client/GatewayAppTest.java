package dev.weft.examples.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.client.ClientResponse;
import dev.weft.client.ClientSession;
import dev.weft.examples.hello.HelloApp;
import dev.weft.loop.Loop;
import dev.weft.web.AppRunner;
import dev.weft.web.BoundSite;
import dev.weft.web.ServerConfig;
import dev.weft.web.Site;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GatewayAppTest {
    private Loop loop;
    private AppRunner upstream;
    private AppRunner gateway;
    private BoundSite site;

    @BeforeEach
    void start() throws Exception {
        loop = Loop.create(1);
        upstream = AppRunner.create(HelloApp.app(), ServerConfig.create(), loop);
        BoundSite hello = upstream.start(Site.tcp("127.0.0.1", 0)).toCompletableFuture().get(10, TimeUnit.SECONDS);
        gateway = AppRunner.create(GatewayApp.app(hello.url() + "/"), ServerConfig.create(), loop);
        site = gateway.start(Site.tcp("127.0.0.1", 0)).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() {
        gateway.close();
        upstream.close();
        loop.close();
    }

    @Test
    void a_handler_calls_the_upstream_through_the_shared_session() throws Exception {
        try (ClientSession client = ClientSession.create(s -> s.loop(loop).baseUrl(site.url() + "/"))) {
            ClientResponse res = client.get("shout/ada").toCompletableFuture().get(10, TimeUnit.SECONDS);

            assertThat(res.status()).isEqualTo(200);
            assertThat(res.text().toCompletableFuture().get(10, TimeUnit.SECONDS)).isEqualTo("HELLO, ADA");
        }
    }

    @Test
    void the_session_is_closed_with_the_application() {
        ClientSession http = gateway.app().require(GatewayApp.HTTP);
        gateway.close();
        assertThat(http.isClosed()).isTrue();
    }
}
