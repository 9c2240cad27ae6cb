package dev.weft.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ViewTest {
    private static LiveServer server;

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

    @BeforeAll
    static void start() {
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
        server = LiveServer.start(app);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void each_method_goes_to_the_view_method_of_its_name() {
        assertThat(server.get("/items/7").body()).isEqualTo("item 7");
        HttpResponse<String> posted = server.send("POST", "/items/7", "data");
        assertThat(posted.statusCode()).isEqualTo(201);
        assertThat(posted.body()).isEqualTo("posted data");
        assertThat(server.send("DELETE", "/items/7").statusCode()).isEqualTo(204);
        assertThat(server.send("PUT", "/async").body()).isEqualTo("put later");
    }

    @Test
    void an_http_exception_from_a_view_method_is_its_response() {
        HttpResponse<String> res = server.send("DELETE", "/items/locked");
        assertThat(res.statusCode()).isEqualTo(403);
        assertThat(res.body()).isEqualTo("locked");
    }

    @Test
    void other_methods_get_405_with_allow_listing_the_overridden_ones() {
        for (String method : new String[] {"PUT", "PATCH", "OPTIONS", "PURGE"}) {
            HttpResponse<String> res = server.send(method, "/items/7");
            assertThat(res.statusCode()).as(method).isEqualTo(405);
            assertThat(res.headers().firstValue("Allow")).as(method).contains("DELETE, GET, HEAD, POST");
        }
        assertThat(server.get("/async").headers().firstValue("Allow")).contains("PUT");
    }

    @Test
    void head_is_answered_by_get_without_a_body() {
        LiveServer.RawResponse res = server.raw("HEAD /items/12345 HTTP/1.1\r\nHost: localhost");
        assertThat(res.status()).isEqualTo(200);
        assertThat(res.header("Content-Length")).isEqualTo("10");
        assertThat(res.body()).isEmpty();
    }

    @Test
    void an_overridden_head_is_used() {
        HttpResponse<String> res = server.send("HEAD", "/own-head");
        assertThat(res.headers().firstValue("X-Own-Head")).contains("yes");
        assertThat(server.get("/own-head").body()).isEqualTo("body of get");
    }

    @Test
    void a_view_route_can_be_named_and_reversed() {
        Application app = Application.create();
        app.routes().view("/items/{id}", "item", new Item());
        assertThat(app.router().url("item", Map.of("id", "a b"))).isEqualTo("/items/a%20b");
    }

    @Test
    void a_view_that_overrides_nothing_is_refused_at_registration() {
        assertThatThrownBy(() -> RouteTable.create().view("/x", new View() { }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("overrides no HTTP method");
    }
}
