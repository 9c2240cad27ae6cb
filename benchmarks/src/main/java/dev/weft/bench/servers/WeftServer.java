package dev.weft.bench.servers;

import dev.weft.http.ws.WsMessage;
import dev.weft.loop.Loop;
import dev.weft.web.AccessLog;
import dev.weft.web.AppRunner;
import dev.weft.web.Application;
import dev.weft.web.Reply;
import dev.weft.web.Response;
import dev.weft.web.ServerConfig;
import dev.weft.web.Site;
import dev.weft.web.ws.WebSocketResponse;
import java.util.Map;

/**
 * Weft (Java API) in the load runs: the endpoints every server in the run has, written as a user would write them,
 * on a loop of one thread with the access log off. {@code GET /ws} is the WebSocket echo of the docs (each text
 * message sent back, the next one read once the send has been written).
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar dev.weft.bench.servers.WeftServer PORT}.
 */
public final class WeftServer {
    private WeftServer() {
    }

    public static Application app() {
        Application app = Application.create();
        app.routes()
                .get("/plaintext", req -> Response.text("Hello, World!"))
                .get("/json", req -> Response.json(Map.of("message", "Hello, World!")))
                .get("/user/{id}", req -> Response.text("user " + req.param("id")))
                .post("/echo", req -> Reply.async(req.bytes()
                        .thenApply(body -> Response.bytes(body, "application/octet-stream"))))
                .get("/ws", req -> {
                    var ws = new WebSocketResponse();
                    return Reply.async(ws.prepare(req)
                            .thenCompose(v -> ws.forEach(msg -> ws.sendText(WsMessage.text(msg))))
                            .thenApply(v -> ws));
                });
        return app;
    }

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
        Loop loop = Loop.create(1);
        AppRunner runner = AppRunner.create(app(), ServerConfig.create(c -> c.accessLog(AccessLog.off())), loop);
        runner.setup().toCompletableFuture().join();
        runner.start(Site.tcp("127.0.0.1", port)).toCompletableFuture().join();
        System.out.println("weft listening on " + port);
        Thread.currentThread().join();
    }
}
