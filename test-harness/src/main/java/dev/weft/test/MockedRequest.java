package dev.weft.test;

import dev.weft.loop.Loop;
import dev.weft.web.Application;
import dev.weft.web.Request;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A request without a socket, to unit-test a handler or a middleware, as aiohttp's {@code make_mocked_request}.
 *
 * <pre>{@code
 * Request req = MockedRequest.get("/users/42").matchInfo("id", "42").app(app).build();
 * Reply reply = handler.handle(req);
 * }</pre>
 *
 * <p>The test-flavoured face of {@link Request#builder}: the request parses its target and reads its body as a
 * served one would; {@link Request#loop()} is the loop given, else the implicit {@link Loop#current()}. Not
 * thread-safe; build on the test's thread.
 */
public final class MockedRequest {
    private final Request.Builder builder;

    private MockedRequest(String method, String target) {
        this.builder = Request.builder(method, target);
    }

    /** A request with {@code method} for {@code target} (raw path and query, such as {@code /a?b=1}). */
    public static MockedRequest of(String method, String target) {
        return new MockedRequest(method, target);
    }

    /** A GET for {@code target}. */
    public static MockedRequest get(String target) {
        return of("GET", target);
    }

    /** A POST for {@code target}. */
    public static MockedRequest post(String target) {
        return of("POST", target);
    }

    /** Adds a header. */
    public MockedRequest header(String name, String value) {
        builder.header(name, value);
        return this;
    }

    /** Sets a placeholder value, as if a route such as {@code /users/{id}} had matched. */
    public MockedRequest matchInfo(String name, String value) {
        builder.matchInfo(name, value);
        return this;
    }

    /** The application the request belongs to (default: a new empty one). */
    public MockedRequest app(Application app) {
        builder.app(app);
        return this;
    }

    /** The loop the request reports (default: the implicit loop). */
    public MockedRequest loop(Loop loop) {
        builder.loop(loop);
        return this;
    }

    /** The body, with its {@code Content-Length}. */
    public MockedRequest body(byte[] body) {
        builder.body(body);
        return this;
    }

    /** A UTF-8 text body. */
    public MockedRequest body(String text) {
        return body(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The protocol version, {@code HTTP/1.1} by default. */
    public MockedRequest version(String version) {
        builder.version(version);
        return this;
    }

    /** The client's address. */
    public MockedRequest remote(String host, int port) {
        builder.remote(new InetSocketAddress(host, port));
        return this;
    }

    /** The request. */
    public Request build() {
        return builder.build();
    }
}
