package dev.weft.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.test.TestClient;
import dev.weft.test.TestClients;
import dev.weft.test.TestServer;
import dev.weft.test.TestServers;
import dev.weft.test.WeftTest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

@WeftTest
class HttpExceptionTest {

    @Test
    void thrown_returned_and_failed_async_give_the_same_response(TestClients clients) {
        Supplier<HttpException> error = () -> new HttpException(418, "short and stout").header("X-Teapot", "yes");
        Application app = Application.create();
        app.routes()
                .get("/thrown", req -> {
                    throw error.get();
                })
                .get("/returned", req -> error.get())
                .get("/async-returned", req -> Reply.async(CompletableFuture.supplyAsync(error::get)))
                .get("/async-failed", req -> Reply.async(CompletableFuture.supplyAsync(() -> {
                    throw error.get();
                })))
                .get("/failed-stage", req -> Reply.async(CompletableFuture.failedFuture(error.get())));
        TestClient client = clients.create(app);
        for (String path : List.of("/thrown", "/returned", "/async-returned", "/async-failed", "/failed-stage")) {
            Answer res = Answer.of(client.get(path));
            assertThat(res.status()).as(path).isEqualTo(418);
            assertThat(res.body()).as(path).isEqualTo("short and stout");
            assertThat(res.header("X-Teapot")).as(path).isEqualTo("yes");
            assertThat(res.header("Content-Type")).as(path).isEqualTo("text/plain; charset=utf-8");
        }
    }

    @Test
    void the_default_body_is_status_and_reason() {
        assertThat(new HttpNotFound().text()).isEqualTo("404: Not Found");
        assertThat(new HttpNotFound("no such user").text()).isEqualTo("no such user");
        assertThat(new HttpException(503).getMessage()).isEqualTo("503: Service Unavailable");
        assertThat(new HttpException(503).reason()).isEqualTo("Service Unavailable");
    }

    @Test
    void http_exceptions_are_stackless() {
        for (HttpException e : List.of(new HttpException(400), new HttpNotFound(), new HttpFound("/x"),
                new HttpMethodNotAllowed("POST", Set.of("GET")), new HttpInternalServerError("x"))) {
            assertThat(e.getStackTrace()).as(e.getClass().getSimpleName()).isEmpty();
            assertThat(e.getCause()).isNull();
            assertThat(e.getSuppressed()).isEmpty();
        }
        HttpException e = new HttpBadRequest();
        e.addSuppressed(new RuntimeException());
        assertThat(e.getSuppressed()).isEmpty();
    }

    @Test
    void each_named_error_has_its_status() {
        Map<HttpException, Integer> expected = Map.ofEntries(
                Map.entry(new HttpBadRequest(), 400), Map.entry(new HttpUnauthorized(), 401),
                Map.entry(new HttpForbidden(), 403), Map.entry(new HttpNotFound(), 404),
                Map.entry(new HttpMethodNotAllowed("X", Set.of("GET")), 405), Map.entry(new HttpConflict(), 409),
                Map.entry(new HttpGone(), 410), Map.entry(new HttpRequestEntityTooLarge(), 413),
                Map.entry(new HttpUnsupportedMediaType(), 415), Map.entry(new HttpUnprocessableEntity(), 422),
                Map.entry(new HttpTooManyRequests(), 429), Map.entry(new HttpInternalServerError(), 500),
                Map.entry(new HttpNotImplemented(), 501), Map.entry(new HttpServiceUnavailable(), 503));
        expected.forEach((e, status) -> {
            assertThat(e.status()).as(e.getClass().getSimpleName()).isEqualTo(status);
            assertThat(e.toResponse().status()).isEqualTo(status);
        });
    }

    @Test
    void redirects_carry_their_location() {
        Map<HttpRedirect, Integer> expected = Map.of(
                new HttpMovedPermanently("/a"), 301, new HttpFound("/a"), 302, new HttpSeeOther("/a"), 303,
                new HttpTemporaryRedirect("/a"), 307, new HttpPermanentRedirect("/a"), 308);
        expected.forEach((e, status) -> {
            assertThat(e.status()).isEqualTo(status);
            assertThat(e.location()).isEqualTo("/a");
            assertThat(e.toResponse().headers().get("Location")).isEqualTo("/a");
        });
        assertThatThrownBy(() -> new HttpRedirect(200, "/a")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_redirect_is_sent_with_its_location(TestClients clients) {
        Application app = Application.create();
        app.routes()
                .get("/old", req -> {
                    throw new HttpMovedPermanently("/new?x=1");
                })
                .post("/form", req -> new HttpSeeOther("/done"));
        TestClient client = clients.create(app);
        Answer moved = Answer.of(client.get("/old", o -> o.allowRedirects(false)));
        assertThat(moved.status()).isEqualTo(301);
        assertThat(moved.header("Location")).isEqualTo("/new?x=1");
        Answer seeOther = Answer.of(client.post("/form", o -> o.text("").allowRedirects(false)));
        assertThat(seeOther.status()).isEqualTo(303);
        assertThat(seeOther.header("Location")).isEqualTo("/done");
    }

    @Test
    void a_method_not_allowed_lists_the_allowed_methods() {
        HttpMethodNotAllowed e = new HttpMethodNotAllowed("DELETE", Set.of("POST", "GET"));
        assertThat(e.allowed()).containsExactlyInAnyOrder("GET", "POST");
        assertThat(e.toResponse().headers().get("Allow")).isEqualTo("GET, POST");
    }

    @Test
    void a_status_without_a_body_is_sent_without_one(TestServers servers) {
        Application app = Application.create();
        app.routes().get("/204", req -> new HttpException(204)).get("/304", req -> new HttpException(304));
        TestServer server = servers.start(app);
        // read raw: a client skips the body of a 204 or 304, so only the socket shows that none was sent
        RawHttp.Response noContent = RawHttp.send(server, "GET /204 HTTP/1.1\r\nHost: localhost");
        assertThat(noContent.status()).isEqualTo(204);
        assertThat(noContent.body()).isEmpty();
        assertThat(noContent.header("Content-Type")).isNull();
        RawHttp.Response notModified = RawHttp.send(server, "GET /304 HTTP/1.1\r\nHost: localhost");
        assertThat(notModified.status()).isEqualTo(304);
        assertThat(notModified.body()).isEmpty();
    }

    @Test
    void a_content_type_header_replaces_the_default_one() {
        Response r = new HttpException(422, "{\"error\":\"bad\"}").header("Content-Type", "application/json")
                .toResponse();
        assertThat(r.contentType()).isEqualTo("application/json");
        assertThat(r.text()).isEqualTo("{\"error\":\"bad\"}");
    }

    @Test
    void a_status_out_of_range_is_refused() {
        assertThatThrownBy(() -> new HttpException(99)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HttpException(1000)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void an_http_exception_is_a_reply_that_then_skips_and_recover_sees() {
        HttpException e = new HttpNotFound();
        assertThat(e.then(res -> Response.text("never"))).isSameAs(e);
        assertThat(e.recover(err -> Response.text("seen " + ((HttpException) err).status())))
                .isInstanceOfSatisfying(Response.class, r -> assertThat(r.text()).isEqualTo("seen 404"));
        assertThat(e.toStage().toCompletableFuture()).isCompletedExceptionally();
    }
}
