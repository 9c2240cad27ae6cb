package dev.weft.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.client.ClientResponse;
import dev.weft.test.TestClient;
import dev.weft.test.TestClients;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * An application served end to end, through the test harness: {@link ServingTcpTest} runs these over loopback TCP,
 * {@link ServingInMemoryTest} in memory. (Was {@code SmokeTest} in weft-core, on the JDK's HTTP client.)
 */
abstract class ServingContract {

    static Application app() {
        Application app = Application.create();
        app.routes().get("/", r -> Response.text("hello"))
                .get("/u/{id}", r -> Response.json(Map.of("id", r.param("id"))))
                .post("/echo", r -> Reply.async(r.bytes()
                        .thenApply(b -> Response.bytes(b, "application/octet-stream"))))
                .get("/later", r -> Reply.async(CompletableFuture.supplyAsync(() -> Response.text("later"))));
        return app;
    }

    static String text(CompletableFuture<ClientResponse> response) {
        return response.join().text().toCompletableFuture().join();
    }

    @Test
    void a_static_route_answers_with_its_text(TestClients clients) {
        TestClient client = clients.create(app());
        try (ClientResponse res = client.get("/").join()) {
            assertThat(res.status()).isEqualTo(200);
            assertThat(res.text().toCompletableFuture().join()).isEqualTo("hello");
        }
    }

    @Test
    void a_placeholder_reaches_the_handler_and_json_comes_back(TestClients clients) {
        assertThat(text(clients.create(app()).get("/u/42"))).isEqualTo("{\"id\":\"42\"}");
    }

    @Test
    void a_request_body_is_echoed(TestClients clients) {
        assertThat(text(clients.create(app()).post("/echo", o -> o.text("abc")))).isEqualTo("abc");
    }

    @Test
    void a_reply_completed_later_on_another_thread_is_sent(TestClients clients) {
        assertThat(text(clients.create(app()).get("/later"))).isEqualTo("later");
    }

    @Test
    void an_unknown_path_is_404_and_a_wrong_method_is_405_with_allow(TestClients clients) {
        TestClient client = clients.create(app());
        try (ClientResponse res = client.get("/nope").join()) {
            assertThat(res.status()).isEqualTo(404);
        }
        try (ClientResponse res = client.delete("/").join()) {
            assertThat(res.status()).isEqualTo(405);
            assertThat(res.header("Allow")).isEqualTo("GET, HEAD");
        }
    }
}
