package dev.weft;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.client.ClientLimits;
import dev.weft.client.ClientTimeout;
import dev.weft.http.ws.WsMessage;
import dev.weft.loop.Loop;
import dev.weft.web.AccessLog;
import dev.weft.web.AppRunner;
import dev.weft.web.Application;
import dev.weft.web.BoundSite;
import dev.weft.web.HttpException;
import dev.weft.web.HttpNotFound;
import dev.weft.web.Reply;
import dev.weft.web.Request;
import dev.weft.web.Response;
import dev.weft.web.RouteTable;
import dev.weft.web.ServerConfig;
import dev.weft.web.ServerLimits;
import dev.weft.web.Site;
import dev.weft.web.Urls;
import dev.weft.web.View;
import dev.weft.web.ws.WebSocketResponse;
import dev.weft.web.ws.WsOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Calls every public method of the API that takes a functional interface, with plain lambdas and method references
 * as a user would write them: no casts, no explicit lambda parameter types, no {@code new Handler() {...}}. If an
 * overload makes one of these ambiguous, this file stops compiling. Its Kotlin twin is
 * {@code ApiUsageKotlin.kt} in dsl-kotlin.
 *
 * <p>The test then runs what it registered, so each form is also seen to work.
 */
class ApiUsageJava {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    /** Something asynchronous a handler might return, completing on another thread. */
    private static CompletionStage<Response> later(String text) {
        return CompletableFuture.supplyAsync(() -> Response.text(text));
    }

    private static RouteTable everyRouteMethod() {
        CompletionStage<Response> ready = CompletableFuture.completedFuture(Response.text("x"));
        return RouteTable.create()
                .get("/get", req -> Response.text("x"))
                .get("/get-async", req -> Reply.async(later("x")))
                .get("/get-named", "named", req -> Response.text("x"))
                .get("/get-named-async", "named-async", req -> Reply.async(ready))
                .post("/post", req -> Response.text("x"))
                .post("/post-async", req -> Reply.async(req.text().thenApply(Response::text)))
                .post("/post-named", "post-named", req -> Reply.async(later("x")))
                .put("/put", req -> Response.text("x"))
                .put("/put-named", "put-named", req -> Reply.async(later("x")))
                .patch("/patch", req -> Response.text("x"))
                .patch("/patch-named", "patch-named", req -> Reply.async(later("x")))
                .delete("/delete", req -> Response.empty(204))
                .delete("/delete-named", "delete-named", req -> Reply.async(later("x")))
                .head("/head", req -> Response.empty(200))
                .options("/options", req -> Reply.async(later("x")))
                .route("*", "/any", req -> Response.text(req.method()))
                .route("GET", "/route-async", req -> Reply.async(later("x")))
                .route("GET", "/route-named", "route-named", req -> Response.text("x"))
                .get("/json", req -> Reply.async(later("x").thenApply(r -> Response.json(List.of(r.text())))))
                .get("/thrown", req -> {
                    throw new HttpNotFound();
                })
                .get("/returned-error", req -> new HttpException(418))
                .get("/checked", ApiUsageJava::handlerThatThrowsChecked)
                .get("/ws", req -> {
                    var ws = new WebSocketResponse(WsOptions.create(o -> o.heartbeat(Duration.ofSeconds(30))));
                    return Reply.async(ws.prepare(req)
                            .thenCompose(v -> ws.forEach(msg -> ws.sendText(WsMessage.text(msg))))
                            .thenApply(v -> ws));
                })
                .get("/ws-quiet", req -> {
                    var ws = new WebSocketResponse();
                    return Reply.async(ws.prepare(req).thenCompose(v -> ws.forEach(msg -> null)).thenApply(v -> ws));
                })
                .view("/view", new View() {
                    @Override
                    public Reply get(Request request) {
                        return Response.text("view");
                    }
                })
                .view("/view-named", "view-named", new View() {
                    @Override
                    public Reply post(Request request) {
                        return Reply.async(later("view"));
                    }
                });
    }

    private static Reply handlerThatThrowsChecked(Request request) throws Exception {
        return Response.text("checked");
    }

    private static Application everyApplicationMethod(List<String> events) {
        Application app = Application.create();
        app.addRoutes(everyRouteMethod());
        app.routes().get("/", req -> Response.text("root"));
        app.use((req, next) -> next.handle(req));
        app.use((req, next) -> next.handle(req).then(res -> res.header("X-Then", "sync")));
        app.use((req, next) -> next.handle(req).then(res -> Reply.async(CompletableFuture.completedFuture(res))));
        app.use((req, next) -> next.handle(req)
                        .recover(error -> error instanceof HttpException h ? h : Response.text("recovered").status(500)),
                (req, next) -> next.handle(req)
                        .recover(error -> error instanceof HttpException ? Reply.failed(error) : Reply.async(later("r"))));
        app.use((req, next) -> next.handle(req.clone(c -> c.header("X-Cloned", "yes"))));
        // Handler.handle declares `throws Exception`, so a middleware that calls next inside a JDK callback needs a
        // try/catch, although Middleware's Javadoc says next never throws (reported; the type does not say so yet).
        app.use((req, next) -> Reply.async(CompletableFuture.supplyAsync(() -> "x").thenCompose(x -> {
            try {
                return next.handle(req).toStage();
            } catch (Exception e) {
                return CompletableFuture.failedStage(e);
            }
        })));
        app.onStartup(a -> null);
        app.onStartup(a -> {
            events.add("startup");
            return CompletableFuture.completedFuture(null);
        });
        app.onShutdown(a -> {
            events.add("shutdown");
            return null;
        });
        app.onCleanup(a -> CompletableFuture.runAsync(() -> events.add("cleanup")));
        app.cleanupContext(a -> () -> null);
        app.cleanupContext(a -> {
            events.add("setup");
            return () -> CompletableFuture.runAsync(() -> events.add("teardown"));
        });
        return app;
    }

    private static void everyLoopMethod(Loop loop) throws Exception {
        CompletableFuture<String> ran = new CompletableFuture<>();
        loop.execute(() -> ran.complete("executed"));
        loop.schedule(Duration.ofMillis(1), () -> ran.complete("scheduled"));
        CompletionStage<Integer> blocking = loop.runBlocking(() -> 42);
        CompletionStage<Void> blockingVoid = loop.runBlocking(() -> null);
        assertThat(ran.get(5, TimeUnit.SECONDS)).isIn("executed", "scheduled");
        assertThat(blocking.toCompletableFuture().get(5, TimeUnit.SECONDS)).isEqualTo(42);
        assertThat(blockingVoid.toCompletableFuture().get(5, TimeUnit.SECONDS)).isNull();
    }

    /** The client's functional parameters, called against {@code site}: request options, builders, tracers. */
    private static void everyClientMethod(Loop loop, BoundSite site) throws Exception {
        List<dev.weft.client.TraceEvent> events = new CopyOnWriteArrayList<>();
        dev.weft.client.TcpConnector connector = dev.weft.client.TcpConnector.create(c -> c.loop(loop).limit(10));
        dev.weft.client.CookieJar jar = dev.weft.client.CookieJar.create(b -> b.unsafe(true));
        jar.clear(c -> c.name().startsWith("x"));
        try (dev.weft.client.ClientSession session = dev.weft.client.ClientSession.create(s -> s
                .connector(connector).cookieJar(jar).baseUrl(site.url() + "/").trace(events::add)
                .trace(e -> { }))) {
            CompletionStage<String> text = session.get("get").thenCompose(r -> r.text());
            CompletionStage<String> posted = session.request("POST", "post", r -> r.json(List.of(1)).header("X", "1")
                    .query("q", "a")).thenCompose(dev.weft.client.ClientResponse::text);
            CompletionStage<byte[]> put = session.put("put", r -> r.text("t")).thenCompose(r -> r.bytes());
            CompletionStage<Integer> deleted = session.delete("delete", r -> { }).thenApply(r -> {
                r.release();
                return r.status();
            });
            assertThat(text.toCompletableFuture().get(5, TimeUnit.SECONDS)).isEqualTo("x");
            assertThat(posted.toCompletableFuture().get(5, TimeUnit.SECONDS)).isEqualTo("x");
            assertThat(put.toCompletableFuture().get(5, TimeUnit.SECONDS)).hasSize(1);
            assertThat(deleted.toCompletableFuture().get(5, TimeUnit.SECONDS)).isEqualTo(204);
            List<String> heard = new CopyOnWriteArrayList<>();
            CompletionStage<Void> ws = session.wsConnect("ws", o -> o.protocols("chat").heartbeat(Duration.ofSeconds(30)))
                    .thenCompose(s -> s.sendText("hi").thenCompose(v -> s.forEach(m -> {
                        heard.add(WsMessage.text(m));
                        return s.close();
                    })));
            ws.toCompletableFuture().get(5, TimeUnit.SECONDS);
            assertThat(heard).containsExactly("hi");
        }
        assertThat(events).isNotEmpty();
    }

    @Test
    void every_functional_parameter_takes_a_plain_lambda_and_each_form_runs() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        Application app = everyApplicationMethod(events);
        ServerConfig config = ServerConfig.create(c -> c.accessLog(AccessLog.off()).shutdownGrace(Duration.ofSeconds(1)));
        try (Loop loop = Loop.create(1)) {
            everyLoopMethod(loop);
            try (AppRunner runner = AppRunner.create(app, config, loop)) {
                BoundSite site = runner.start(Site.tcp("127.0.0.1", 0)).toCompletableFuture().get(10, TimeUnit.SECONDS);

                assertThat(get(site, "/get").body()).isEqualTo("x");
                assertThat(get(site, "/get-async").body()).isEqualTo("x");
                assertThat(get(site, "/get-async").headers().firstValue("X-Then")).contains("sync");
                assertThat(get(site, "/view").body()).isEqualTo("view");
                assertThat(get(site, "/json").body()).isEqualTo("[\"x\"]");
                assertThat(get(site, "/checked").body()).isEqualTo("checked");
                assertThat(get(site, "/thrown").statusCode()).isEqualTo(404);
                assertThat(get(site, "/returned-error").statusCode()).isEqualTo(418);
                everyClientMethod(loop, site);
            }
        }
        assertThat(events).containsExactlyInAnyOrder("setup", "startup", "shutdown", "cleanup", "teardown");
    }

    @Test
    void every_configuration_value_takes_a_plain_lambda_and_the_named_route_reverses() {
        ServerLimits limits = ServerLimits.create(l -> l.maxHeaderBytes(16384).keepAliveTimeout(Duration.ofSeconds(5)));
        ServerConfig config = ServerConfig.create(c -> c.limits(limits).backlog(64));
        WsOptions ws = WsOptions.create(o -> o.maxMessageBytes(1024).protocols("chat"));
        ClientLimits clientLimits = ClientLimits.create(l -> l.maxBodyBytes(1024));
        ClientTimeout timeout = ClientTimeout.create(t -> t.connect(Duration.ofSeconds(2)).total(null));
        assertThat(config.limits().maxHeaderBytes()).isEqualTo(16384);
        assertThat(ws.protocols()).containsExactly("chat");
        assertThat(clientLimits.maxBodyBytes()).isEqualTo(1024);
        assertThat(timeout.total()).isNull();

        Application app = Application.create();
        app.routes().get("/users/{id}", "user", req -> Response.text(req.param("id")));
        Urls urls = app.urls();
        assertThat(urls.url("user", java.util.Map.of("id", "7"))).isEqualTo("/users/7");
    }

    private static HttpResponse<String> get(BoundSite site, String path) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(site.url() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
