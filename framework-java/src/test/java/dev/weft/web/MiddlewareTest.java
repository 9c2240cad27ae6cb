package dev.weft.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

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
    void middlewares_run_in_registration_order_the_first_outermost() {
        Application app = Application.create().use(around("a"), around("b")).use(around("c"));
        app.routes().get("/", req -> {
            events.add("handler");
            return Response.text("ok");
        });
        try (LiveServer server = LiveServer.start(app)) {
            assertThat(server.get("/").body()).isEqualTo("ok");
        }
        assertThat(events).containsExactly("a in", "b in", "c in", "handler", "c out", "b out", "a out");
    }

    @Test
    void middlewares_wrap_async_handlers_alike() {
        Application app = Application.create().use(around("a"), around("b"));
        app.routes().get("/", req -> Reply.async(CompletableFuture.supplyAsync(() -> {
            events.add("handler");
            return Response.text("later");
        })));
        try (LiveServer server = LiveServer.start(app)) {
            assertThat(server.get("/").body()).isEqualTo("later");
        }
        assertThat(events).containsExactly("a in", "b in", "handler", "b out", "a out");
    }

    @Test
    void a_middleware_can_answer_without_calling_the_handler() {
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
        try (LiveServer server = LiveServer.start(app)) {
            HttpResponse<String> res = server.get("/");
            assertThat(res.statusCode()).isEqualTo(401);
            assertThat(res.headers().firstValue("WWW-Authenticate")).contains("Bearer");
            assertThat(server.send(server.request("/").header("Authorization", "Bearer x")).body())
                    .isEqualTo("secret");
        }
        assertThat(events).containsExactly("outer in", "outer in", "handler", "outer out");
    }

    @Test
    void a_middleware_can_change_or_replace_the_response_with_then() {
        Application app = Application.create()
                .use((req, next) -> next.handle(req).then(res -> res.header("X-Frame-Options", "DENY")))
                .use((req, next) -> next.handle(req).then(res -> req.path().equals("/replace")
                        ? Response.text("replaced: " + res.text()).status(202)
                        : res));
        app.routes().get("/keep", req -> Response.text("kept"))
                .get("/replace", req -> Reply.async(CompletableFuture.supplyAsync(() -> Response.text("original"))));
        try (LiveServer server = LiveServer.start(app)) {
            HttpResponse<String> kept = server.get("/keep");
            assertThat(kept.body()).isEqualTo("kept");
            assertThat(kept.headers().firstValue("X-Frame-Options")).contains("DENY");
            HttpResponse<String> replaced = server.get("/replace");
            assertThat(replaced.statusCode()).isEqualTo(202);
            assertThat(replaced.body()).isEqualTo("replaced: original");
            assertThat(replaced.headers().firstValue("X-Frame-Options")).contains("DENY");
        }
    }

    @Test
    void then_can_return_an_async_reply() {
        Application app = Application.create().use((req, next) -> next.handle(req)
                .then(res -> Reply.async(CompletableFuture.supplyAsync(() -> res.header("X-Later", "1")))));
        app.routes().get("/", req -> Response.text("x"));
        try (LiveServer server = LiveServer.start(app)) {
            assertThat(server.get("/").headers().firstValue("X-Later")).contains("1");
        }
    }

    /** Turns any HTTP error into a JSON body with the same status. */
    private static final Middleware JSON_ERRORS = (req, next) -> next.handle(req).recover(error -> {
        if (error instanceof HttpException h) {
            return Response.json(java.util.Map.of("error", h.status())).status(h.status());
        }
        throw (Exception) error;
    });

    @Test
    void a_middleware_can_catch_an_http_exception_from_the_handler_with_recover() {
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
        try (LiveServer server = LiveServer.start(app)) {
            assertJsonError(server.get("/thrown"), 403);
            assertJsonError(server.get("/returned"), 409);
            assertJsonError(server.get("/async"), 410);
            assertJsonError(server.get("/missing"), 404);
            assertJsonError(server.send("POST", "/fine", ""), 405);
            assertThat(server.get("/fine").body()).isEqualTo("fine");
        }
    }

    private static void assertJsonError(HttpResponse<String> res, int status) {
        assertThat(res.statusCode()).isEqualTo(status);
        assertThat(res.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(res.body()).isEqualTo("{\"error\":" + status + "}");
    }

    @Test
    void recover_sees_any_exception_of_the_inner_handler() {
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
        try (LiveServer server = LiveServer.start(app)) {
            assertThat(server.get("/thrown").body()).isEqualTo("recovered IllegalStateException: sync");
            assertThat(server.get("/async").body()).isEqualTo("recovered IllegalArgumentException: async");
            assertThat(server.get("/null").body()).startsWith("recovered NullPointerException");
            assertThat(server.get("/thrown").statusCode()).isEqualTo(503);
        }
    }

    @Test
    void recover_that_rethrows_passes_the_failure_on() {
        Application app = Application.create()
                .use((req, next) -> next.handle(req).recover(error -> Response.text("outer saw "
                        + error.getMessage())))
                .use((req, next) -> next.handle(req).recover(error -> {
                    throw new IllegalStateException("inner rethrew " + error.getMessage());
                }));
        app.routes().get("/", req -> {
            throw new IllegalArgumentException("boom");
        });
        try (LiveServer server = LiveServer.start(app)) {
            assertThat(server.get("/").body()).isEqualTo("outer saw inner rethrew boom");
        }
    }

    @Test
    void an_exception_in_a_handler_is_a_logged_500_without_a_stack_trace_in_the_body() {
        Application app = Application.create();
        app.routes()
                .get("/sync", req -> {
                    throw new IllegalStateException("secret-detail-sync-7f3a");
                })
                .get("/async", req -> Reply.async(CompletableFuture.supplyAsync(() -> {
                    throw new IllegalStateException("secret-detail-async-7f3a");
                })));
        try (LiveServer server = LiveServer.start(app); LogCapture log = LogCapture.start()) {
            for (String path : List.of("/sync", "/async")) {
                HttpResponse<String> res = server.get(path);
                assertThat(res.statusCode()).isEqualTo(500);
                assertThat(res.body()).isEqualTo("500: Internal Server Error");
                assertThat(res.headers().firstValue("Content-Length")).contains("26");
            }
            assertThat(log.text()).contains("Error handling request GET /sync")
                    .contains("IllegalStateException: secret-detail-sync-7f3a")
                    .contains("Error handling request GET /async")
                    .contains("IllegalStateException: secret-detail-async-7f3a")
                    .contains("at dev.weft.web.MiddlewareTest");
        }
    }

    @Test
    void an_exception_in_a_middleware_or_in_then_is_a_500() {
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
        try (LiveServer server = LiveServer.start(app); LogCapture log = LogCapture.start()) {
            assertThat(server.get("/mw").statusCode()).isEqualTo(500);
            assertThat(server.get("/then").statusCode()).isEqualTo(500);
            assertThat(log.text()).contains("middleware failed").contains("then failed");
        }
    }

    @Test
    void a_handler_returning_null_is_a_500() {
        Application app = Application.create();
        app.routes().get("/null", req -> null)
                .get("/null-later", req -> Reply.async(CompletableFuture.completedFuture(null)));
        try (LiveServer server = LiveServer.start(app); LogCapture log = LogCapture.start()) {
            assertThat(server.get("/null").statusCode()).isEqualTo(500);
            assertThat(server.get("/null-later").statusCode()).isEqualTo(500);
            assertThat(log.text()).contains("the handler returned null").contains("completed with null");
        }
    }

    @Test
    void a_middleware_continues_on_the_loop_after_an_async_handler_completes_elsewhere() {
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
        try (LiveServer server = LiveServer.start(app)) {
            assertThat(server.get("/ok").body()).isEqualTo("ok");
            assertThat(server.get("/fail").body()).isEqualTo("recovered");
        }
        assertThat(onLoop).containsExactly(true, true);
    }
}
