package dev.weft.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.test.TestClient;
import dev.weft.test.TestClients;
import dev.weft.test.WeftTest;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@WeftTest
class ViewTest {
    private TestClient client;

    /** A base view; the concrete one below inherits its get. */
    abstract static class Readable extends View {
        @Override
        public Reply get(Request req) {
            return Response.text("item " + req.param("id"));
        }
    }

    static final class Item extends Readable {
        @Override
        public Reply post(Request req) {
            return Reply.async(req.text().thenApply(body -> Response.text("posted " + body).status(201)));
        }

        @Override
        public Reply delete(Request req) {
            if (req.param("id").equals("locked")) {
                throw new HttpForbidden("locked");
            }
            return Response.empty(204);
        }
    }

    static final class OwnHead extends View {
        @Override
        public Reply get(Request req) {
            return Response.text("body of get");
        }

        @Override
        public Reply head(Request req) {
            return Response.empty(200).header("X-Own-Head", "yes");
        }
    }

    @BeforeEach
    void start(TestClients clients) {
        Application app = Application.create();
        app.routes()
                .view("/items/{id}", "item", new Item())
                .view("/own-head", new OwnHead())
                .view("/async", new View() {
                    @Override
                    public Reply put(Request req) {
                        return Reply.async(CompletableFuture.supplyAsync(() -> Response.text("put later")));
                    }
                });
        client = clients.create(app);
    }

    @Test
    void each_method_goes_to_the_view_method_of_its_name() {
        assertThat(Answer.text(client.get("/items/7"))).isEqualTo("item 7");
        Answer posted = Answer.of(client.post("/items/7", o -> o.text("data")));
        assertThat(posted.status()).isEqualTo(201);
        assertThat(posted.body()).isEqualTo("posted data");
        assertThat(Answer.status(client.delete("/items/7"))).isEqualTo(204);
        assertThat(Answer.text(client.put("/async"))).isEqualTo("put later");
    }

    @Test
    void an_http_exception_from_a_view_method_is_its_response() {
        Answer res = Answer.of(client.delete("/items/locked"));
        assertThat(res.status()).isEqualTo(403);
        assertThat(res.body()).isEqualTo("locked");
    }

    @Test
    void other_methods_get_405_with_allow_listing_the_overridden_ones() {
        for (String method : new String[] {"PUT", "PATCH", "OPTIONS", "PURGE"}) {
            Answer res = Answer.of(client.request(method, "/items/7"));
            assertThat(res.status()).as(method).isEqualTo(405);
            assertThat(res.header("Allow")).as(method).isEqualTo("DELETE, GET, HEAD, POST");
        }
        assertThat(Answer.of(client.get("/async")).header("Allow")).isEqualTo("PUT");
    }

    @Test
    void head_is_answered_by_get_without_a_body() {
        // read raw: a client skips the body of a HEAD response, so only the socket shows that none was sent
        RawHttp.Response res = RawHttp.send(client.server(), "HEAD /items/12345 HTTP/1.1\r\nHost: localhost");
        assertThat(res.status()).isEqualTo(200);
        assertThat(res.header("Content-Length")).isEqualTo("10");
        assertThat(res.body()).isEmpty();
    }

    @Test
    void an_overridden_head_is_used() {
        assertThat(Answer.of(client.head("/own-head")).header("X-Own-Head")).isEqualTo("yes");
        assertThat(Answer.text(client.get("/own-head"))).isEqualTo("body of get");
    }

    @Test
    void a_view_route_can_be_named_and_reversed() {
        Application app = Application.create();
        app.routes().view("/items/{id}", "item", new Item());
        assertThat(app.urls().url("item", Map.of("id", "a b"))).isEqualTo("/items/a%20b");
    }

    @Test
    void a_view_that_overrides_nothing_is_refused_at_registration() {
        assertThatThrownBy(() -> RouteTable.create().view("/x", new View() { }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("overrides no HTTP method");
    }
}
