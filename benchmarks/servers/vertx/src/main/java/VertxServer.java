import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

/**
 * Vert.x Web peer for benchmarks/run: one event loop, the Router, the endpoints every server in the run has, and
 * {@code /ws}, a WebSocket text echo (the routed request turned into Vert.x's {@code ServerWebSocket}).
 * Port from the first argument (default 8080).
 */
public final class VertxServer {
    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1).setPreferNativeTransport(true));
        Router router = Router.router(vertx);
        router.get("/plaintext").handler(ctx -> ctx.response()
                .putHeader("Content-Type", "text/plain; charset=utf-8").end("Hello, World!"));
        router.get("/json").handler(ctx -> ctx.response()
                .putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("message", "Hello, World!").toBuffer()));
        router.get("/user/:id").handler(ctx -> ctx.response()
                .putHeader("Content-Type", "text/plain; charset=utf-8").end("user " + ctx.pathParam("id")));
        router.post("/echo").handler(ctx -> ctx.request().body().onSuccess(body -> ctx.response()
                .putHeader("Content-Type", "application/octet-stream").end(body)));
        router.get("/ws").handler(ctx -> ctx.request().toWebSocket()
                .onSuccess(ws -> ws.textMessageHandler(ws::writeTextMessage)));
        vertx.createHttpServer(new HttpServerOptions().setTcpNoDelay(true))
                .requestHandler(router)
                .listen(port, "127.0.0.1")
                .onSuccess(s -> System.out.println("vertx listening on " + s.actualPort()))
                .onFailure(e -> {
                    e.printStackTrace();
                    System.exit(1);
                });
    }
}
