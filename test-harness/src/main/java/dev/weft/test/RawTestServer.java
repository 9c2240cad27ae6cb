package dev.weft.test;

import dev.weft.loop.Loop;
import dev.weft.web.Application;
import dev.weft.web.Handler;
import dev.weft.web.RouteTable;

/**
 * A bare handler served for every method and path, as aiohttp's {@code RawTestServer}: handy as a fake upstream
 * that a service under test calls.
 *
 * <pre>{@code
 * try (TestServer backend = RawTestServer.start(req -> Response.json(List.of("hit")), loop)) { ... }
 * }</pre>
 */
public final class RawTestServer {
    private RawTestServer() {
    }

    /** Serves {@code handler} for any request, on a free loopback port. */
    public static TestServer start(Handler handler, Loop loop) {
        return start(handler, loop, TestTransport.TCP);
    }

    /** Serves {@code handler} for any request over {@code transport}; {@code loop} must suit it. */
    public static TestServer start(Handler handler, Loop loop, TestTransport transport) {
        Application app = Application.create();
        app.addRoutes(RouteTable.create()
                .route(RouteTable.ANY_METHOD, "/", handler)
                .route(RouteTable.ANY_METHOD, "/{tail:.+}", handler));
        return TestServer.start(app, loop, TestServer.testConfig(), transport);
    }
}
