package dev.weft.test;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.loop.Loop;
import dev.weft.web.Application;
import dev.weft.web.AppKey;
import dev.weft.web.Handler;
import dev.weft.web.Middleware;
import dev.weft.web.Reply;
import dev.weft.web.Request;
import dev.weft.web.RequestKey;
import dev.weft.web.Response;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MockedRequestTest {
    private static final AppKey<String> GREETING = AppKey.of("greeting", String.class);
    private static final RequestKey<String> USER = RequestKey.of("user", String.class);

    @Test
    void a_handler_is_tested_without_a_socket() throws Exception {
        Application app = Application.create().set(GREETING, "hello");
        Handler greet = r -> Response.text(r.app().require(GREETING) + " " + r.param("name")
                + " from " + r.query().get("via"));
        Request req = MockedRequest.get("/greet/ada?via=mock").matchInfo("name", "ada").app(app).build();
        Reply reply = greet.handle(req);
        assertThat(((Response) reply).text()).isEqualTo("hello ada from mock");
        assertThat(req.path()).isEqualTo("/greet/ada");
        assertThat(req.header("host")).isEqualTo("localhost");
    }

    @Test
    void a_mocked_body_is_read_like_a_real_one() throws Exception {
        Request req = MockedRequest.post("/echo").header("Content-Type", "application/json")
                .body("{\"n\": 3}").build();
        assertThat(req.contentLength()).isEqualTo(8);
        var parsed = req.json(java.util.Map.class).toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertThat(parsed).containsEntry("n", 3);
    }

    @Test
    void a_middleware_is_tested_with_a_fake_next() throws Exception {
        Middleware auth = (r, next) -> r.header("Authorization") == null
                ? Response.text("no").status(401)
                : next.handle(r.set(USER, "ada"));
        Request anonymous = MockedRequest.get("/").build();
        assertThat(((Response) auth.handle(anonymous, r -> Response.text("in"))).status()).isEqualTo(401);
        Request signed = MockedRequest.get("/").header("Authorization", "Bearer x").build();
        Reply reply = auth.handle(signed, r -> Response.text("in as " + r.require(USER)));
        assertThat(((Response) reply).text()).isEqualTo("in as ada");
    }

    @Test
    void the_loop_is_the_given_one_or_the_implicit_one() {
        try (Loop loop = Loop.create(1)) {
            assertThat(MockedRequest.get("/").loop(loop).build().loop()).isSameAs(loop);
        }
        assertThat(MockedRequest.get("/").build().loop()).isSameAs(Loop.current());
    }
}
