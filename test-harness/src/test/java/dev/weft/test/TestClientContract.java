package dev.weft.test;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.client.ClientResponse;
import dev.weft.loop.Loop;
import dev.weft.web.Application;
import dev.weft.web.Reply;
import dev.weft.web.Response;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * What a {@link TestClient} does, whatever the transport: {@link TestClientTcpTest} and
 * {@link TestClientInMemoryTest} run these same tests over loopback TCP and in memory.
 */
abstract class TestClientContract {

    static Application greeter(List<String> events) {
        Application app = Application.create();
        app.routes()
                .get("/hello/{name}", r -> Response.text("hello, " + r.param("name")))
                .post("/echo", r -> Reply.async(r.text().thenApply(t -> Response.text(r.method() + " " + t))))
                .get("/host", r -> Response.text(String.valueOf(r.header("Host"))));
        app.onCleanup(a -> {
            events.add("cleanup");
            return null;
        });
        return app;
    }

    static String text(ClientResponse res) {
        return res.text().toCompletableFuture().join();
    }

    @Test
    void requests_take_paths_relative_to_the_server(TestClients clients) {
        TestClient client = clients.create(greeter(new CopyOnWriteArrayList<>()));
        ClientResponse res = client.get("/hello/ada").join();
        assertThat(res.status()).isEqualTo(200);
        assertThat(text(res)).isEqualTo("hello, ada");
        assertThat(text(client.post("/echo", o -> o.text("ping")).join())).isEqualTo("POST ping");
        try (ClientResponse missing = client.get("/nowhere").join()) {
            assertThat(missing.status()).isEqualTo(404);
        }
    }

    @Test
    void it_exposes_its_app_server_session_and_urls(TestClients clients, Loop loop) {
        Application app = greeter(new CopyOnWriteArrayList<>());
        TestClient client = clients.create(app);
        assertThat(client.app()).isSameAs(app);
        assertThat(client.loop()).isSameAs(loop);
        assertThat(client.server().transport()).isEqualTo(clients.transport());
        assertThat(client.makeUrl("/hello/ada").toString()).isEqualTo(client.server().url() + "/hello/ada");
        ClientResponse res = client.session().get(client.makeUrl("/hello/bob").toString())
                .toCompletableFuture().join();
        assertThat(text(res)).isEqualTo("hello, bob");
        assertThat(text(client.get("/host").join())).isEqualTo(client.makeUrl("/").getAuthority());
    }

    @Test
    void close_releases_open_responses_and_closes_the_session_and_the_server(TestClients clients) {
        List<String> events = new CopyOnWriteArrayList<>();
        TestClient client = clients.create(greeter(events));
        ClientResponse unread = client.get("/hello/ada").join();
        assertThat(client.unreleasedResponses()).singleElement().asString()
                .startsWith("GET " + client.makeUrl("/hello/ada")).endsWith("(200)");
        client.close();
        assertThat(unread.isReleased()).isTrue();
        assertThat(client.unreleasedResponses()).isEmpty();
        assertThat(client.session().isClosed()).isTrue();
        assertThat(client.isClosed()).isTrue();
        assertThat(events).containsExactly("cleanup");
        client.close(); // idempotent
        assertThat(events).containsExactly("cleanup");
    }

    @Test
    void a_standalone_client_starts_and_stops_its_own_server(TestClients clients, Loop loop) {
        List<String> events = new CopyOnWriteArrayList<>();
        try (TestClient client = TestClient.start(greeter(events), loop, clients.transport())) {
            assertThat(text(client.get("/hello/eve").join())).isEqualTo("hello, eve");
        }
        assertThat(events).containsExactly("cleanup");
    }

    @Test
    void keep_alive_reuses_one_connection_for_sequential_requests(TestClients clients) {
        TestClient client = clients.create(greeter(new CopyOnWriteArrayList<>()));
        for (int i = 0; i < 5; i++) {
            assertThat(text(client.get("/hello/n" + i).join())).isEqualTo("hello, n" + i);
        }
        assertThat(client.session().connector().toString()).isNotEmpty();
    }
}
