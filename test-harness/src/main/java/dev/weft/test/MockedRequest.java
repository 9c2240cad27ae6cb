package dev.weft.test;

import dev.weft.http.Headers;
import dev.weft.http.MutableHeaders;
import dev.weft.loop.Loop;
import dev.weft.web.Application;
import dev.weft.web.Request;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A request without a socket, to unit-test a handler or a middleware, as aiohttp's {@code make_mocked_request}.
 *
 * <pre>{@code
 * Request req = MockedRequest.get("/users/42").matchInfo("id", "42").app(app).build();
 * Reply reply = handler.handle(req);
 * }</pre>
 *
 * <p>The request parses its target and reads its body as a served one would; {@link Request#loop()} is the loop
 * given, else the implicit {@link Loop#current()}. Not thread-safe; build on the test's thread.
 */
public final class MockedRequest {
    private final String method;
    private final String target;
    private final MutableHeaders headers = Headers.create();
    private final Map<String, String> matchInfo = new LinkedHashMap<>();
    private @Nullable Application app;
    private @Nullable Loop loop;
    private byte @Nullable [] body;
    private String version = "HTTP/1.1";
    private InetSocketAddress remote = new InetSocketAddress("127.0.0.1", 40000);

    private MockedRequest(String method, String target) {
        this.method = method;
        this.target = target;
    }

    /** A request with {@code method} for {@code target} (raw path and query, such as {@code /a?b=1}). */
    public static MockedRequest of(String method, String target) {
        if (!target.startsWith("/")) {
            throw new IllegalArgumentException("a target starts with '/': " + target);
        }
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
        headers.add(name, value);
        return this;
    }

    /** Sets a placeholder value, as if a route such as {@code /users/{id}} had matched. */
    public MockedRequest matchInfo(String name, String value) {
        matchInfo.put(name, value);
        return this;
    }

    /** The application the request belongs to (default: a new empty one). */
    public MockedRequest app(Application app) {
        this.app = app;
        return this;
    }

    /** The loop the request reports (default: the implicit loop). */
    public MockedRequest loop(Loop loop) {
        this.loop = loop;
        return this;
    }

    /** The body, with its {@code Content-Length}. */
    public MockedRequest body(byte[] body) {
        this.body = body.clone();
        headers.set("Content-Length", body.length);
        return this;
    }

    /** A UTF-8 text body. */
    public MockedRequest body(String text) {
        return body(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The protocol version, {@code HTTP/1.1} by default. */
    public MockedRequest version(String version) {
        this.version = version;
        return this;
    }

    /** The client's address. */
    public MockedRequest remote(String host, int port) {
        this.remote = new InetSocketAddress(host, port);
        return this;
    }

    /** The request, built with {@link Request#builder}. */
    public Request build() {
        Request.Builder b = Request.builder(method, target).version(version).remote(remote);
        headers.forEach(h -> b.header(h.getKey(), h.getValue()));
        matchInfo.forEach(b::matchInfo);
        if (app != null) {
            b.app(app);
        }
        if (loop != null) {
            b.loop(loop);
        }
        if (body != null) {
            b.body(body);
        }
        return b.build();
    }
}
