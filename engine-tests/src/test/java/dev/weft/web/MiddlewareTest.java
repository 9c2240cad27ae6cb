package dev.weft.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.client.ClientResponse;
import dev.weft.test.TestClient;
import dev.weft.test.TestClients;
import dev.weft.test.WeftTest;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

@WeftTest
class MiddlewareTest {
    private final List<String> events = new CopyOnWriteArrayList<>();

    private Middleware around(String name) {
        return (req, next) -> {
            events.add(name + " in");
            return next.handle(req).then(res -> {
                events.add(name + " out");
                return res;
            });
        };
    }

    @Test
    void middlewares_run_in_registration_order_the_first_outermost(TestClients clients) {
        Application app = Application.create().use(around("a"), around("b")).use(around("c"));
        app.routes().get("/", req -> {
            events.add("handler");
            return Response.text("ok");
        });
        TestClient client = clients.create(app);
        assertThat(Answer.text(client.get("/"))).isEqualTo("ok");
        assertThat(events).containsExactly("a in", "b in", "c in", "handler", "c out", "b out", "a out");
    }

    @Test
    void middlewares_wrap_async_handlers_alike(TestClients clients) {
        Application app = Application.create().use(around("a"), around("b"));
        app.routes().get("/", req -> Reply.async(CompletableFuture.supplyAsync(() -> {
            events.add("handler");
            return Response.text("later");
        })));
        TestClient client = clients.create(app);
        assertThat(Answer.text(client.get("/"))).isEqualTo("later");
        assertThat(events).containsExactly("a in", "b in", "handler", "b out", "a out");
    }

    @Test
    void a_middleware_can_answer_without_calling_the_handler(TestClients clients) {
        Application app = Application.create().use(around("outer")).use((req, next) -> {
            if (req.header("Authorization") == null) {
                return new HttpUnauthorized().header("WWW-Authenticate", "Bearer");
            }
            return next.handle(req);
        });
        app.routes().get("/", req -> {
            events.add("handler");
            return Response.text("secret");
        });
        TestClient client = clients.create(app);
        Answer res = Answer.of(client.get("/"));
        assertThat(res.status()).isEqualTo(401);
        assertThat(res.header("WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(Answer.text(client.get("/", o -> o.header("Authorization", "Bearer x"))))
                .isEqualTo("secret");
        assertThat(events).containsExactly("outer in", "outer in", "handler", "outer out");
    }

    @Test
    void a_middleware_can_change_or_replace_the_response_with_then(TestClients clients) {
        Application app = Application.create()
                .use((req, next) -> next.handle(req).then(res -> res.header("X-Frame-Options", "DENY")))
                .use((req, next) -> next.handle(req).then(res -> req.path().equals("/replace")
                        ? Response.text("replaced: " + res.text()).status(202)
                        : res));
        app.routes().get("/keep", req -> Response.text("kept"))
                .get("/replace", req -> Reply.async(CompletableFuture.supplyAsync(() -> Response.text("original"))));
        TestClient client = clients.create(app);
        Answer kept = Answer.of(client.get("/keep"));
        assertThat(kept.body()).isEqualTo("kept");
        assertThat(kept.header("X-Frame-Options")).isEqualTo("DENY");
        Answer replaced = Answer.of(client.get("/replace"));
        assertThat(replaced.status()).isEqualTo(202);
        assertThat(replaced.body()).isEqualTo("replaced: original");
        assertThat(replaced.header("X-Frame-Options")).isEqualTo("DENY");
    }

    @Test
    void then_can_return_an_async_reply(TestClients clients) {
        Application app = Application.create().use((req, next) -> next.handle(req)
                .then(res -> Reply.async(CompletableFuture.supplyAsync(() -> res.header("X-Later", "1")))));
        app.routes().get("/", req -> Response.text("x"));
        TestClient client = clients.create(app);
        assertThat(Answer.of(client.get("/")).header("X-Later")).isEqualTo("1");
    }

    /** Turns any HTTP error into a JSON body with the same status. */
    private static final Middleware JSON_ERRORS = (req, next) -> next.handle(req).recover(error -> {
        if (error instanceof HttpException h) {
            return Response.json(java.util.Map.of("error", h.status())).status(h.status());
        }
        throw (Exception) error;
    });

    @Test
    void a_middleware_can_catch_an_http_exception_from_the_handler_with_recover(TestClients clients) {
        Application app = Application.create().use(JSON_ERRORS);
        app.routes()
                .get("/thrown", req -> {
                    throw new HttpForbidden();
                })
                .get("/returned", req -> new HttpConflict())
                .get("/async", req -> Reply.async(CompletableFuture.supplyAsync(() -> {
                    throw new HttpGone();
                })))
                .get("/fine", req -> Response.text("fine"));
        TestClient client = clients.create(app);
        assertJsonError(client.get("/thrown"), 403);
        assertJsonError(client.get("/returned"), 409);
        assertJsonError(client.get("/async"), 410);
        assertJsonError(client.get("/missing"), 404);
        assertJsonError(client.post("/fine", o -> o.text("")), 405);
        assertThat(Answer.text(client.get("/fine"))).isEqualTo("fine");
    }

    private static void assertJsonError(CompletableFuture<ClientResponse> response, int status) {
        Answer res = Answer.of(response);
        assertThat(res.status()).isEqualTo(status);
        assertThat(res.header("Content-Type")).isEqualTo("application/json");
        assertThat(res.body()).isEqualTo("{\"error\":" + status + "}");
    }

    @Test
    void recover_sees_any_exception_of_the_inner_handler(TestClients clients) {
        Application app = Application.create().use((req, next) -> next.handle(req)
                .recover(error -> Response.text("recovered " + error.getClass().getSimpleName() + ": "
                        + error.getMessage()).status(503)));
        app.routes()
                .get("/thrown", req -> {
                    throw new IllegalStateException("sync");
                })
                .get("/async", req -> Reply.async(CompletableFuture.supplyAsync(() -> {
                    throw new IllegalArgumentException("async");
                })))
                .get("/null", req -> null);
        TestClient client = clients.create(app);
        assertThat(Answer.text(client.get("/thrown"))).isEqualTo("recovered IllegalStateException: sync");
        assertThat(Answer.text(client.get("/async"))).isEqualTo("recovered IllegalArgumentException: async");
        assertThat(Answer.text(client.get("/null"))).startsWith("recovered NullPointerException");
        assertThat(Answer.status(client.get("/thrown"))).isEqualTo(503);
    }

    @Test
    void recover_that_rethrows_passes_the_failure_on(TestClients clients) {
        Application app = Application.create()
                .use((req, next) -> next.handle(req).recover(error -> Response.text("outer saw "
                        + error.getMessage())))
                .use((req, next) -> next.handle(req).recover(error -> {
                    throw new IllegalStateException("inner rethrew " + error.getMessage());
                }));
        app.routes().get("/", req -> {
            throw new IllegalArgumentException("boom");
        });
        TestClient client = clients.create(app);
        assertThat(Answer.text(client.get("/"))).isEqualTo("outer saw inner rethrew boom");
    }

    @Test
    void an_exception_in_a_handler_is_a_logged_500_without_a_stack_trace_in_the_body(TestClients clients) {
        Application app = Application.create();
        app.routes()
                .get("/sync", req -> {
                    throw new IllegalStateException("secret-detail-sync-7f3a");
                })
                .get("/async", req -> Reply.async(CompletableFuture.supplyAsync(() -> {
                    throw new IllegalStateException("secret-detail-async-7f3a");
                })));
        TestClient client = clients.create(app);
        try (LogCapture log = LogCapture.start()) {
            for (String path : List.of("/sync", "/async")) {
                Answer res = Answer.of(client.get(path));
                assertThat(res.status()).isEqualTo(500);
                assertThat(res.body()).isEqualTo("500: Internal Server Error");
                assertThat(res.header("Content-Length")).isEqualTo("26");
            }
            assertThat(log.text()).contains("Error handling request GET /sync")
                    .contains("IllegalStateException: secret-detail-sync-7f3a")
                    .contains("Error handling request GET /async")
                    .contains("IllegalStateException: secret-detail-async-7f3a")
                    .contains("at dev.weft.web.MiddlewareTest");
        }
    }

    @Test
    void an_exception_in_a_middleware_or_in_then_is_a_500(TestClients clients) {
        Application app = Application.create().use((req, next) -> {
            if (req.path().equals("/mw")) {
                throw new IllegalStateException("middleware failed");
            }
            if (req.path().equals("/then")) {
                return next.handle(req).then(res -> {
                    throw new IllegalStateException("then failed");
                });
            }
            return next.handle(req);
        });
        app.routes().get("/mw", req -> Response.text("x")).get("/then", req -> Response.text("x"));
        TestClient client = clients.create(app);
        try (LogCapture log = LogCapture.start()) {
            assertThat(Answer.status(client.get("/mw"))).isEqualTo(500);
            assertThat(Answer.status(client.get("/then"))).isEqualTo(500);
            assertThat(log.text()).contains("middleware failed").contains("then failed");
        }
    }

    @Test
    void a_handler_returning_null_is_a_500(TestClients clients) {
        Application app = Application.create();
        app.routes().get("/null", req -> null)
                .get("/null-later", req -> Reply.async(CompletableFuture.completedFuture(null)));
        TestClient client = clients.create(app);
        try (LogCapture log = LogCapture.start()) {
            assertThat(Answer.status(client.get("/null"))).isEqualTo(500);
            assertThat(Answer.status(client.get("/null-later"))).isEqualTo(500);
            assertThat(log.text()).contains("the handler returned null").contains("completed with null");
        }
    }

    @Test
    void a_middleware_continues_on_the_loop_after_an_async_handler_completes_elsewhere(TestClients clients) {
        List<Boolean> onLoop = new CopyOnWriteArrayList<>();
        Application app = Application.create().use((req, next) -> next.handle(req)
                .then(res -> {
                    onLoop.add(req.loop().inLoop());
                    return res;
                })
                .recover(error -> {
                    onLoop.add(req.loop().inLoop());
                    return Response.text("recovered");
                }));
        app.routes()
                .get("/ok", req -> Reply.async(CompletableFuture.supplyAsync(() -> Response.text("ok"))))
                .get("/fail", req -> Reply.async(CompletableFuture.supplyAsync(() -> {
                    throw new IllegalStateException("x");
                })));
        TestClient client = clients.create(app);
        assertThat(Answer.text(client.get("/ok"))).isEqualTo("ok");
        assertThat(Answer.text(client.get("/fail"))).isEqualTo("recovered");
        assertThat(onLoop).containsExactly(true, true);
    }
}
