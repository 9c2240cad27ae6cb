package dev.weft.examples.hello;

import dev.weft.web.Application;
import dev.weft.web.Response;
import dev.weft.web.Server;

/**
 * The smallest Weft application: two routes, served on 127.0.0.1:8080 (or {@code $PORT}) until Ctrl+C. Run it with
 * {@code mvn -q -pl examples -am compile exec:java}.
 */
public final class HelloApp {
    private HelloApp() {
    }

    /** The application, apart from the server, so that a test can run it on a free port. */
    public static Application app() {
        Application app = Application.create();
        app.routes()
                .get("/", req -> Response.text("Hello, world"))
                .get("/hello/{name}", req -> Response.text("Hello, " + req.param("name")));
        return app;
    }

    public static void main(String[] args) {
        String port = System.getenv("PORT");
        Server.run(app(), "127.0.0.1", port == null ? 8080 : Integer.parseInt(port));
    }
}
