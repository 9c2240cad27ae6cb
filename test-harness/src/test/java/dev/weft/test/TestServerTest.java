package dev.weft.test;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.loop.Loop;
import dev.weft.web.Application;
import dev.weft.web.Response;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

@WeftTest
class TestServerTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void serves_the_app_on_a_loopback_port_with_its_signals_run(TestServers servers) throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        Application app = Application.create();
        app.routes().get("/hello/{name}", r -> Response.text("hello " + r.param("name")));
        app.onStartup(a -> {
            events.add("startup");
            return null;
        });
        app.onCleanup(a -> {
            events.add("cleanup");
            return null;
        });
        TestServer server = servers.start(app);
        assertThat(events).containsExactly("startup");
        assertThat(server.url()).startsWith("http://127.0.0.1:");
        assertThat(server.makeUrl("/hello/ada").toString()).isEqualTo(server.url() + "/hello/ada");
        var res = HTTP.send(HttpRequest.newBuilder(server.makeUrl("/hello/ada")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(res.body()).isEqualTo("hello ada");
        server.close();
        assertThat(events).containsExactly("startup", "cleanup");
    }

    @Test
    void a_raw_server_answers_every_method_and_path(TestServers servers) throws Exception {
        TestServer backend = servers.raw(r -> Response.text(r.method() + " " + r.path()));
        var res = HTTP.send(HttpRequest.newBuilder(backend.makeUrl("/any/deep/path"))
                .method("PUT", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(res.body()).isEqualTo("PUT /any/deep/path");
        res = HTTP.send(HttpRequest.newBuilder(backend.makeUrl("/")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(res.body()).isEqualTo("GET /");
    }

    @Test
    void each_test_gets_a_fresh_open_loop_and_a_free_port(Loop loop, @UnusedPort int port) throws Exception {
        assertThat(loop.isClosed()).isFalse();
        assertThat(loop.threads()).isEqualTo(1);
        assertThat(port).isBetween(1, 65535);
        try (var s = new java.net.ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
            assertThat(s.getLocalPort()).isEqualTo(port);
        }
    }

    @Test
    void starting_from_a_loop_thread_is_refused_with_a_clear_message(Loop loop) throws Exception {
        var refused = new java.util.concurrent.CompletableFuture<Throwable>();
        loop.execute(() -> {
            try {
                TestServer.start(Application.create(), loop);
                refused.complete(null);
            } catch (IllegalStateException e) {
                refused.complete(e);
            }
        });
        assertThat(refused.get(10, java.util.concurrent.TimeUnit.SECONDS))
                .hasMessageContaining("not from a loop thread");
    }
}
