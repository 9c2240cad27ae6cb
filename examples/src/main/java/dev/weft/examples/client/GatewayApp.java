package dev.weft.examples.client;

import dev.weft.client.ClientResponse;
import dev.weft.client.ClientSession;
import dev.weft.client.ClientTimeout;
import dev.weft.web.AppKey;
import dev.weft.web.Application;
import dev.weft.web.Reply;
import dev.weft.web.Response;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * An application that calls another service: the aiohttp pattern of one client session per application. The
 * session is made when the application starts (a cleanup context) and closed when it stops; handlers share it and
 * its connection pool through an {@link AppKey}.
 */
public final class GatewayApp {
    /** The application's client session. */
    public static final AppKey<ClientSession> HTTP = AppKey.of("http", ClientSession.class);

    private GatewayApp() {
    }

    /** The gateway in front of {@code upstream}, a base URL such as {@code http://127.0.0.1:8080/}. */
    public static Application app(String upstream) {
        Application app = Application.create();
        app.cleanupContext(a -> {
            ClientSession http = ClientSession.create(s -> s
                    .baseUrl(upstream)
                    .timeout(ClientTimeout.ofTotal(Duration.ofSeconds(10)))
                    .raiseForStatus(true));
            a.set(HTTP, http);
            return () -> {
                http.close();
                return CompletableFuture.completedFuture(null);
            };
        });
        app.routes().get("/shout/{name}", req -> Reply.async(req.app().require(HTTP)
                .get("hello/" + req.param("name"))
                .thenCompose(ClientResponse::text)
                .thenApply(text -> Response.text(text.toUpperCase(java.util.Locale.ROOT)))));
        return app;
    }
}
