package dev.weft.web;

import dev.weft.http.Headers;
import dev.weft.http.MultiMap;
import dev.weft.loop.Loop;
import java.lang.reflect.Type;
import java.net.SocketAddress;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * An HTTP request as a handler sees it: the request line, headers, what the router matched, typed per-request state,
 * and a body read on demand.
 *
 * <p>Use it on the loop thread that handles it. The body is not read until asked for; {@link #bytes()} and the
 * methods built on it complete when the whole body has arrived, and fail with {@link HttpRequestEntityTooLarge} (413)
 * once it grows past the application's {@code clientMaxSize} (default 1 MiB), as it is read.
 */
public interface Request {

    /**
     * Starts a request that did not come from a connection, for calling a handler or a middleware directly: a unit
     * test (the test harness's {@code MockedRequest} is built on it), or an adapter that receives requests some
     * other way. It parses its target and reads its body as a served request does, with the application's limits.
     * It cannot become a WebSocket.
     *
     * @param method an HTTP method, such as {@code GET}
     * @param target the raw path and query, starting with {@code /}, such as {@code /users/42?x=1}
     * @throws IllegalArgumentException if {@code method} is not a token or {@code target} does not start with /
     */
    static Builder builder(String method, String target) {
        return new dev.weft.internal.web.RequestBuilder(method, target);
    }

    /** The method, upper-case as sent: {@code GET}, {@code POST}, … */
    String method();

    /**
     * The percent-decoded path, e.g. {@code /files/a b}. Routes match this path, except that an encoded slash
     * ({@code %2F}) stays inside its segment, as in aiohttp: {@code /users/a%2Fb} gives {@code {name}} the value
     * {@code a/b}.
     */
    String path();

    /** The path as sent, still percent-encoded. */
    String rawPath();

    /** The raw query string after {@code ?}, or {@code ""}. */
    String queryString();

    /** The decoded query parameters ({@code +} is a space). */
    MultiMap query();

    /** The request target as sent: raw path and query. */
    String rawTarget();

    /** The headers (read-only; names ignore case). */
    Headers headers();

    /** The first value of header {@code name}, or null. */
    default @Nullable String header(String name) {
        return headers().get(name);
    }

    /** The cookies sent in {@code Cookie} headers; malformed pairs are skipped. */
    Map<String, String> cookies();

    /** The value of cookie {@code name}, or null. */
    default @Nullable String cookie(String name) {
        return cookies().get(name);
    }

    /** The values the route's placeholders matched, decoded: {@code /users/{id}} gives {@code id}. */
    Map<String, String> matchInfo();

    /**
     * The value of placeholder {@code name} of the matched route.
     *
     * @throws IllegalArgumentException if the route has no such placeholder
     */
    String param(String name);

    /** The name of the matched route, or null (unnamed, or no route matched). */
    @Nullable String routeName();

    /** The host the client asked for: the {@code Host} header (with any port), or the local address. */
    String host();

    /** {@code http} or {@code https}. */
    String scheme();

    /** The protocol version: {@code HTTP/1.1} or {@code HTTP/1.0}. */
    String version();

    /** Whether the connection stays open after the response. */
    boolean keepAlive();

    /** The client's IP address as text, or null for a Unix-domain socket. */
    @Nullable String remote();

    /** The client's socket address. */
    SocketAddress remoteAddress();

    /** The application that owns the matched route: a sub-application for its routes. */
    Application app();

    /** The loop this request is handled on. */
    Loop loop();

    /** Per-request state set by a middleware, or null. */
    <T> @Nullable T get(RequestKey<T> key);

    /**
     * Per-request state set by a middleware.
     *
     * @throws IllegalStateException naming the key if nothing was set for it
     */
    <T> T require(RequestKey<T> key);

    /** Sets per-request state; visible to inner middlewares and the handler. Returns this request. */
    <T> Request set(RequestKey<T> key, T value);

    /** The {@code Content-Type} header, or null. */
    default @Nullable String contentType() {
        return header("Content-Type");
    }

    /** The declared body length, or -1 when unknown (chunked) or absent. */
    long contentLength();

    /** Whether the request carries a body (a non-zero length, or chunked). */
    boolean hasBody();

    /**
     * The whole body. Completes on the loop; may be called more than once. Fails with
     * {@link HttpRequestEntityTooLarge} past the size limit, and with {@link HttpBadRequest} when the client's body
     * framing is malformed (a bad chunk size, say): the server has answered 400 already and closes the connection,
     * so a handler need not catch it (nothing is logged as an error).
     */
    CompletionStage<byte[]> bytes();

    /** The body decoded with the charset of {@code Content-Type} (UTF-8 by default). */
    CompletionStage<String> text();

    /** The body as JSON of {@code type}; malformed JSON fails with {@link HttpBadRequest}. */
    <T> CompletionStage<T> json(Class<T> type);

    /** The body as JSON of a generic {@code type}; malformed JSON fails with {@link HttpBadRequest}. */
    <T> CompletionStage<T> json(Type type);

    /** The body as {@code application/x-www-form-urlencoded} fields; other types give an empty map. */
    CompletionStage<MultiMap> form();

    /**
     * A copy of this request with changes, for a middleware that rewrites method, path or headers for the handlers
     * it wraps. Per-request state and the body are shared with this request.
     *
     * <pre>{@code
     * next.handle(req.clone(c -> c.method("GET").header("X-Original-Method", req.method())));
     * }</pre>
     */
    Request clone(Consumer<Change> change);

    /** The changes {@link #clone} can make. */
    interface Change {
        /** Replaces the method. */
        Change method(String method);

        /** Replaces the raw path and query, e.g. {@code /users?page=2}; it is decoded as a request target is. */
        Change target(String rawTarget);

        /** Replaces every value of header {@code name}. */
        Change header(String name, String value);

        /** Removes header {@code name}. */
        Change removeHeader(String name);
    }

    /**
     * Builds a request without a connection; see {@link Request#builder}. Setters return this builder; not
     * thread-safe.
     */
    interface Builder {
        /** Adds a header. {@code Host} defaults to {@code localhost}. */
        Builder header(String name, String value);

        /** Sets a placeholder value, as if a route such as {@code /users/{id}} had matched. */
        Builder matchInfo(String name, String value);

        /** The application the request belongs to (default: a new, empty one). */
        Builder app(Application app);

        /** The loop the request reports (default: the implicit {@link Loop#current()} when built). */
        Builder loop(Loop loop);

        /** The whole body (copied), with its {@code Content-Length}. */
        Builder body(byte[] body);

        /** The protocol version: {@code HTTP/1.1} (the default) or {@code HTTP/1.0}. */
        Builder version(String version);

        /** The client's address (default {@code 127.0.0.1:40000}). */
        Builder remote(SocketAddress remote);

        /** The server's address (default {@code 127.0.0.1:8080}). */
        Builder local(SocketAddress local);

        /** {@code http} (the default) or {@code https}. */
        Builder scheme(String scheme);

        /**
         * The request.
         *
         * @throws IllegalArgumentException for malformed percent-encoding in the target's path
         */
        Request build();
    }
}
