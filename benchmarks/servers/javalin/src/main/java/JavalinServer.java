import io.javalin.Javalin;
import java.util.Map;

/**
 * Javalin peer for benchmarks/run: Jetty 12 with Javalin's default thread pool (Jetty has no single event-loop mode;
 * the script pins the whole JVM to one core like every other server), the shared endpoints, and {@code /ws}, a
 * WebSocket text echo (Javalin's {@code ws}, on Jetty's WebSocket server).
 */
public final class JavalinServer {
    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
        Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.jetty.host = "127.0.0.1";
            config.jetty.port = port;
            config.routes.get("/plaintext", ctx -> ctx.contentType("text/plain; charset=utf-8")
                    .result("Hello, World!"));
            config.routes.get("/json", ctx -> ctx.json(Map.of("message", "Hello, World!")));
            config.routes.get("/user/{id}", ctx -> ctx.contentType("text/plain; charset=utf-8")
                    .result("user " + ctx.pathParam("id")));
            config.routes.post("/echo", ctx -> ctx.contentType("application/octet-stream").result(ctx.bodyAsBytes()));
            config.routes.ws("/ws", ws -> ws.onMessage(ctx -> ctx.send(ctx.message())));
        }).start();
    }
}
