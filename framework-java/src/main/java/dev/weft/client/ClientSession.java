package dev.weft.client;

import dev.weft.http.Headers;
import dev.weft.http.MutableHeaders;
import dev.weft.internal.client.DefaultClientSession;
import dev.weft.json.JsonCodec;
import dev.weft.loop.Loop;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * An HTTP client session (aiohttp's {@code ClientSession}): made once per application and shared by every handler,
 * it holds the pooled {@link TcpConnector}, a {@link CookieJar}, default headers, a base URL and the request
 * defaults (timeouts, redirects, auth, {@code raiseForStatus}, decompression).
 *
 * <pre>{@code
 * ClientSession http = ClientSession.create(s -> s.baseUrl("https://api.example.com/v1/"));
 * http.get("users/7").thenCompose(r -> r.raiseForStatus().json(User.class));
 * http.request("POST", "users", r -> r.json(user).header("X-Trace", id));
 * }</pre>
 *
 * <p>What a request does:
 * <ul>
 *   <li>The URL is resolved against {@code baseUrl}; query parameters are appended. A method, URL, header name or
 *       value with CR, LF or another control character throws {@link IllegalArgumentException} from the call:
 *       nothing is sent.</li>
 *   <li>Redirects (up to {@code maxRedirects}, default {@value #DEFAULT_MAX_REDIRECTS}) are followed: 301, 302 and
 *       303 become GET without a body (HEAD stays HEAD), 307 and 308 keep the method and body. When the origin
 *       changes, {@code Authorization} and the request's own cookies are dropped. More redirects fail with
 *       {@link TooManyRedirectsException}.</li>
 *   <li>Cookies set by responses go to the jar; the jar's matching cookies are sent.</li>
 *   <li>gzip and deflate bodies are decompressed (on by default), up to {@link ClientLimits#maxBodyBytes()}.</li>
 *   <li>{@link ClientTimeout} limits apply; each fails with {@link ClientTimeoutException} naming its kind.</li>
 * </ul>
 *
 * <p>Any thread may call. The returned stage completes on the connector's loop thread when the response head has
 * arrived (the body is read later, see {@link ClientResponse}), or fails with a {@link ClientException}.
 */
public interface ClientSession extends AutoCloseable {
    int DEFAULT_MAX_REDIRECTS = 10;

    /** A session with its own connector on {@link Loop#current()}. */
    static ClientSession create() {
        return builder().build();
    }

    /** A session with the defaults changed by {@code config}. */
    static ClientSession create(Consumer<Builder> config) {
        Builder b = builder();
        config.accept(b);
        return b.build();
    }

    /** A builder with the defaults. */
    static Builder builder() {
        return new Builder();
    }

    /** Sends a request with {@code method} to {@code url} (absolute, or relative to the base URL). */
    default CompletionStage<ClientResponse> request(String method, String url) {
        return request(method, url, r -> { });
    }

    /** Sends a request, with {@code options} adding headers, query, body and per-request settings. */
    CompletionStage<ClientResponse> request(String method, String url, Consumer<RequestOptions> options);

    default CompletionStage<ClientResponse> get(String url) {
        return request("GET", url);
    }

    default CompletionStage<ClientResponse> get(String url, Consumer<RequestOptions> options) {
        return request("GET", url, options);
    }

    default CompletionStage<ClientResponse> post(String url, Consumer<RequestOptions> options) {
        return request("POST", url, options);
    }

    default CompletionStage<ClientResponse> post(String url) {
        return request("POST", url);
    }

    default CompletionStage<ClientResponse> put(String url, Consumer<RequestOptions> options) {
        return request("PUT", url, options);
    }

    default CompletionStage<ClientResponse> put(String url) {
        return request("PUT", url);
    }

    default CompletionStage<ClientResponse> patch(String url, Consumer<RequestOptions> options) {
        return request("PATCH", url, options);
    }

    default CompletionStage<ClientResponse> patch(String url) {
        return request("PATCH", url);
    }

    default CompletionStage<ClientResponse> delete(String url) {
        return request("DELETE", url);
    }

    default CompletionStage<ClientResponse> delete(String url, Consumer<RequestOptions> options) {
        return request("DELETE", url, options);
    }

    default CompletionStage<ClientResponse> head(String url) {
        return request("HEAD", url);
    }

    default CompletionStage<ClientResponse> head(String url, Consumer<RequestOptions> options) {
        return request("HEAD", url, options);
    }

    default CompletionStage<ClientResponse> options(String url) {
        return request("OPTIONS", url);
    }

    default CompletionStage<ClientResponse> options(String url, Consumer<RequestOptions> options) {
        return request("OPTIONS", url, options);
    }

    /**
     * Opens a WebSocket to {@code url} ({@code ws://}, {@code wss://}, {@code http://} or {@code https://}, absolute
     * or relative to the base URL) with the default {@link WsConnectOptions}; see
     * {@link #wsConnect(String, Consumer)}.
     */
    default CompletionStage<ClientWebSocket> wsConnect(String url) {
        return wsConnect(url, o -> { });
    }

    /**
     * Opens a WebSocket (aiohttp's {@code ws_connect}): the opening handshake goes out on a connection of the
     * connector (within its limits and the session's or {@code options}' {@link ClientTimeout}), with the default
     * headers, the jar's cookies and the auth of the session, and cookies the answer sets go to the jar. The stage
     * completes on the connector's loop thread with the open socket once the server has answered
     * {@code 101 Switching Protocols} with the right {@code Sec-WebSocket-Accept}, an offered subprotocol (if any)
     * and no extension that was not offered; it fails with {@link WsHandshakeException} otherwise, or with the
     * {@link ClientException} of a connection failure or timeout. The connection then belongs to the socket: it is
     * never given back to the pool, and it counts against the connector's limits until the socket is closed (closing
     * the connector closes it). The session's proxy is not used for WebSockets. Any thread.
     */
    CompletionStage<ClientWebSocket> wsConnect(String url, Consumer<WsConnectOptions> options);

    /** The loop the session runs on (its connector's). */
    Loop loop();

    /** The connector (shared or owned). */
    TcpConnector connector();

    /** The cookie jar. */
    CookieJar cookieJar();

    /** Whether {@link #close()} was called. */
    boolean isClosed();

    /**
     * The responses of this session that are neither read to the end nor {@link ClientResponse#release() released},
     * one line per response naming its request, such as {@code "GET http://127.0.0.1:8080/big (200)"}, in no
     * particular order; empty when there are none. Instrumentation: a test harness fails a test that leaks a
     * response with it, and an application may log it at shutdown. A snapshot; any thread.
     */
    List<String> unreleasedResponses();

    /**
     * Closes the session: every response not yet read or released is logged by request and released, and the
     * connector is closed if the session owns it. New requests then fail. Idempotent; any thread; does not block.
     */
    @Override
    void close();

    /** Builds a {@link ClientSession}. Not thread-safe. */
    final class Builder {
        private @Nullable Loop loop;
        private @Nullable TcpConnector connector;
        private boolean connectorOwner = true;
        private @Nullable String baseUrl;
        private final MutableHeaders headers = Headers.create();
        private CookieJar cookieJar = CookieJar.create();
        private ClientTimeout timeout = ClientTimeout.create();
        private boolean raiseForStatus;
        private @Nullable BasicAuth auth;
        private int maxRedirects = DEFAULT_MAX_REDIRECTS;
        private boolean autoDecompress = true;
        private @Nullable String proxy;
        private JsonCodec jsonCodec = JsonCodec.jackson();
        private final List<Tracer> tracers = new ArrayList<>();

        private Builder() {
        }

        /** The loop; default the connector's, else {@link Loop#current()}. A given connector must be on it. */
        public Builder loop(Loop loop) {
            this.loop = loop;
            return this;
        }

        /** The connector; default a new one with its defaults, owned by the session. */
        public Builder connector(TcpConnector connector) {
            this.connector = connector;
            return this;
        }

        /**
         * Whether {@link ClientSession#close()} closes the connector; default true. Set false when sessions share
         * a connector: closing one leaves the others working.
         */
        public Builder connectorOwner(boolean connectorOwner) {
            this.connectorOwner = connectorOwner;
            return this;
        }

        /** The URL relative request URLs are resolved against (RFC 3986), e.g. {@code http://host/api/}. */
        public Builder baseUrl(String baseUrl) {
            this.baseUrl = baseUrl;
            return this;
        }

        /** A header sent with every request unless the request sets it. */
        public Builder header(String name, Object value) {
            headers.add(name, value);
            return this;
        }

        /** The cookie jar; default a new {@link CookieJar#create()}. {@link DummyCookieJar} stores nothing. */
        public Builder cookieJar(CookieJar cookieJar) {
            this.cookieJar = cookieJar;
            return this;
        }

        /** Time limits; default {@link ClientTimeout#create()}. */
        public Builder timeout(ClientTimeout timeout) {
            this.timeout = timeout;
            return this;
        }

        /** Whether a status of 400 or more fails requests with {@link ClientResponseException}; default false. */
        public Builder raiseForStatus(boolean raiseForStatus) {
            this.raiseForStatus = raiseForStatus;
            return this;
        }

        /** Basic credentials for every request; dropped on a redirect to another origin. */
        public Builder auth(BasicAuth auth) {
            this.auth = auth;
            return this;
        }

        /** How many redirects to follow at most; default {@value ClientSession#DEFAULT_MAX_REDIRECTS}. */
        public Builder maxRedirects(int maxRedirects) {
            if (maxRedirects < 0) {
                throw new IllegalArgumentException("maxRedirects must not be negative, got " + maxRedirects);
            }
            this.maxRedirects = maxRedirects;
            return this;
        }

        /** Whether to ask for and decompress gzip and deflate bodies; default true. */
        public Builder autoDecompress(boolean autoDecompress) {
            this.autoDecompress = autoDecompress;
            return this;
        }

        /** An HTTP proxy for every request, {@code http://[user:password@]host[:port]}; https goes by CONNECT. */
        public Builder proxy(String proxyUrl) {
            this.proxy = proxyUrl;
            return this;
        }

        /** The codec for JSON bodies; default {@link JsonCodec#jackson()}. */
        public Builder jsonCodec(JsonCodec codec) {
            this.jsonCodec = codec;
            return this;
        }

        /** Adds a tracer that is told of each request's events. */
        public Builder trace(Tracer tracer) {
            tracers.add(tracer);
            return this;
        }

        public ClientSession build() {
            return new DefaultClientSession(loop, connector, connectorOwner, baseUrl, headers, cookieJar, timeout,
                    raiseForStatus, auth, maxRedirects, autoDecompress, proxy, jsonCodec, List.copyOf(tracers));
        }
    }
}
