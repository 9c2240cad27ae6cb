package dev.weft.internal.client;

import dev.weft.client.BasicAuth;
import dev.weft.client.ClientException;
import dev.weft.client.ClientResponse;
import dev.weft.client.ClientResponseException;
import dev.weft.client.ClientTimeout;
import dev.weft.client.ClientTimeoutException;
import dev.weft.client.TooManyRedirectsException;
import dev.weft.client.TraceEvent;
import dev.weft.client.Tracer;
import dev.weft.http.Cookie;
import dev.weft.http.MutableHeaders;
import dev.weft.internal.http.NettyHeaders;
import dev.weft.loop.Timer;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import org.jspecify.annotations.Nullable;

/**
 * One call of {@code session.request}: gets a connection, sends, follows redirects, retries once where that is
 * safe, applies the total and connect timeouts, and completes the caller's stage with the final response. Lives on
 * the connector's event loop. Once the response is handed over it keeps no reference to it, so an abandoned
 * response can be garbage-collected and reported.
 */
final class RequestRun implements Exchange.Listener {
    // Pre-encoded: the encoder copies their bytes instead of encoding characters for every request.
    private static final AsciiString ANY_TYPE = AsciiString.cached("*/*");
    private static final AsciiString GZIP_DEFLATE = AsciiString.cached("gzip, deflate");
    private static final AsciiString USER_AGENT = AsciiString.cached(DefaultClientSession.USER_AGENT);

    private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE");

    private final DefaultClientSession session;
    private final PooledConnector connector;
    private final Tracer tracer;
    /** The caller's and the session's headers; null when there are none. */
    private final @Nullable MutableHeaders headers;
    private final ClientTimeout timeout;
    private final boolean allowRedirects;
    private final int maxRedirects;
    private final boolean raiseForStatus;
    private final Origin.@Nullable ProxyTarget proxy;
    private final boolean decompress;
    private String method;
    private URI url;
    private byte @Nullable [] body;
    private Flow.@Nullable Publisher<byte[]> stream;
    private @Nullable Map<String, String> requestCookies;
    private @Nullable BasicAuth auth;
    /** The redirects followed so far; made at the first. */
    private @Nullable List<ClientResponse> history;
    private @Nullable CompletableFuture<ClientResponse> result = new CompletableFuture<>();
    /** The total timeout's timer while the run waits for a connection; during an exchange the connection keeps it. */
    private @Nullable Timer totalTimer;
    /** When the total timeout runs out, on the loop's clock; only if {@link #timed}. */
    private long deadline;
    private boolean timed;
    private @Nullable CompletableFuture<Connection> acquiring;
    private @Nullable Exchange exchange;
    private boolean retried;
    private boolean over;

    RequestRun(DefaultClientSession session, PooledConnector connector, Tracer tracer, String method, URI url,
               @Nullable MutableHeaders headers, byte @Nullable [] body, Flow.@Nullable Publisher<byte[]> stream,
               @Nullable Map<String, String> requestCookies, @Nullable BasicAuth auth, ClientTimeout timeout,
               boolean allowRedirects, int maxRedirects, boolean raiseForStatus,
               Origin.@Nullable ProxyTarget proxy, boolean decompress) {
        this.session = session;
        this.connector = connector;
        this.tracer = tracer;
        this.method = method;
        this.url = url;
        this.headers = headers;
        this.body = body;
        this.stream = stream;
        this.requestCookies = requestCookies;
        this.auth = auth;
        this.timeout = timeout;
        this.allowRedirects = allowRedirects;
        this.maxRedirects = maxRedirects;
        this.raiseForStatus = raiseForStatus;
        this.proxy = proxy;
        this.decompress = decompress;
    }

    CompletableFuture<ClientResponse> result() {
        return java.util.Objects.requireNonNull(result);
    }

    /** Starts the request; on the connector's event loop. */
    void start() {
        Duration total = timeout.total();
        if (total != null) {
            deadline = connector.pool().nanoTime() + total.toNanos();
            timed = true;
        }
        attempt(false);
    }

    private void attempt(boolean fresh) {
        if (over) {
            return;
        }
        Origin origin = session.originOf(url, proxy);
        io.netty.handler.codec.http.HttpRequest request = buildRequest(origin);
        if (tracer != DefaultClientSession.NO_TRACER) {
            tracer.on(new TraceEvent.RequestStart(method, url, NettyHeaders.readOnly(request.headers())));
        }
        Connection idle = fresh ? null : connector.pool().idleFor(origin, tracer);
        if (idle != null) {
            cancelTotal(); // from here on the connection watches the deadline
            send(idle, request); // the usual case: no future, no callback
            return;
        }
        CompletableFuture<Connection> acquire = connector.acquire(origin, fresh, tracer);
        acquiring = acquire;
        if (timed && totalTimer == null && !acquire.isDone()) {
            // Waiting for a connection (a new one, or a turn in the queue) is the one part of the run that no
            // connection watches: it gets a timer of its own, for what is left of the total.
            totalTimer = connector.pool().deadlineAt(deadline, this::onTotalTimeout);
        }
        Duration connect = timeout.connect();
        Timer connectTimer = connect == null || acquire.isDone() ? null : connector.deadline(connect,
                () -> acquire.completeExceptionally(new ClientTimeoutException(ClientTimeoutException.Kind.CONNECT,
                        connect, "getting a connection to " + origin)));
        acquire.whenComplete((conn, error) -> {
            if (connectTimer != null) {
                connectTimer.cancel();
            }
            acquiring = null;
            if (error != null) {
                fail(error);
            } else if (over) {
                connector.pool().release(conn, true);
            } else {
                cancelTotal(); // from here on the connection watches the deadline
                send(conn, request);
            }
        });
    }

    private void send(Connection conn, io.netty.handler.codec.http.HttpRequest request) {
        Exchange x = new Exchange(conn, connector.pool(), this,
                connector.settings().limits().maxBodyBytes(), timeout.sockRead(), decompress);
        exchange = x;
        if (timed) {
            x.deadline(deadline);
        }
        Flow.Publisher<byte[]> s = stream;
        if (s != null) {
            x.send(request, s);
        } else {
            x.send(request);
        }
    }

    private io.netty.handler.codec.http.HttpRequest buildRequest(Origin origin) {
        String target;
        if (origin.absoluteForm()) {
            target = url.toASCIIString();
        } else {
            String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
            target = url.getRawQuery() == null ? path : path + "?" + url.getRawQuery();
        }
        HttpMethod m = HttpMethod.valueOf(method);
        byte[] b = body;
        RequestHead h = new RequestHead();
        MutableHeaders given = headers;
        if (given != null) {
            for (Map.Entry<String, String> e : given) {
                h.add(e.getKey(), e.getValue());
            }
        }
        if (!h.contains(HttpHeaderNames.HOST)) {
            h.add("Host", session.hostHeaderOf(origin));
        }
        if (!h.contains(HttpHeaderNames.ACCEPT)) {
            h.add(HttpHeaderNames.ACCEPT, ANY_TYPE);
        }
        if (decompress && !h.contains(HttpHeaderNames.ACCEPT_ENCODING)) {
            h.add(HttpHeaderNames.ACCEPT_ENCODING, GZIP_DEFLATE);
        }
        if (!h.contains(HttpHeaderNames.USER_AGENT)) {
            h.add(HttpHeaderNames.USER_AGENT, USER_AGENT);
        }
        // RFC 6265 5.4: one Cookie header. Those the caller added (any number) come first, then the jar's, then the
        // request's own cookies.
        StringBuilder cookie = null;
        if (given != null && given.contains("Cookie")) {
            for (String v : given.getAll("Cookie")) {
                if (!v.isEmpty()) {
                    cookie = appendCookie(cookie, v);
                }
            }
        }
        List<Cookie> jar = session.cookieJar().filter(url);
        for (int i = 0; i < jar.size(); i++) { // indexed: no iterator for the usual empty list
            Cookie c = jar.get(i);
            cookie = appendCookie(cookie, c.name() + "=" + c.value());
        }
        Map<String, String> own = requestCookies;
        if (own != null) {
            for (Map.Entry<String, String> e : own.entrySet()) {
                cookie = appendCookie(cookie, e.getKey() + "=" + e.getValue());
            }
        }
        if (cookie != null) {
            h.set("Cookie", cookie.toString());
        }
        BasicAuth a = auth;
        if (a != null && !h.contains(HttpHeaderNames.AUTHORIZATION)) {
            h.add("Authorization", a.encode());
        }
        Origin.ProxyTarget p = origin.proxy();
        if (origin.absoluteForm() && p != null && p.user() != null) {
            String creds = p.user() + ":" + (p.password() == null ? "" : p.password());
            h.set("Proxy-Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(creds.getBytes(StandardCharsets.UTF_8)));
        }
        if (b != null) {
            h.set("Content-Length", String.valueOf(b.length));
        } else if (stream != null) {
            h.remove(HttpHeaderNames.CONTENT_LENGTH);
            h.set("Transfer-Encoding", "chunked");
        } else if (method.equals("POST") || method.equals("PUT") || method.equals("PATCH")) {
            h.set("Content-Length", "0");
        }
        // A request without a streamed body goes out whole (head and last content in one message), which also
        // leaves the encoder ready for the next request on the connection.
        return stream != null
                ? new DefaultHttpRequest(HttpVersion.HTTP_1_1, m, target, h.toNetty())
                : new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, m, target,
                        b == null ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(b), h.toNetty(),
                        EmptyHttpHeaders.INSTANCE);
    }

    private static StringBuilder appendCookie(@Nullable StringBuilder header, String pair) {
        if (header == null) {
            return new StringBuilder(pair);
        }
        return header.append("; ").append(pair);
    }

    @Override
    public void onHead(Exchange x, HttpResponse head, Body responseBody) {
        int status = head.status().code();
        ResponseState state = new ResponseState(method, url, status, responseBody, session.unreleased);
        DefaultClientResponse response = new DefaultClientResponse(x.connection().channel.eventLoop(), head, method,
                url, responseBody, session.jsonCodec(), state);
        DefaultClientSession.CLEANER.register(response, state);
        responseBody.onFinished(() -> {
            state.closed();
            if (result == null) {
                cancelTotal(); // the delivered response is done with; a redirect's is not the end of the run
            }
        });
        try {
            session.cookieJar().update(response.cookies(), url);
        } catch (RuntimeException e) {
            DefaultClientSession.LOG.warn("the cookie jar failed on {}", url, e);
        }
        if (tracer != DefaultClientSession.NO_TRACER) {
            tracer.on(new TraceEvent.RequestEnd(method, url, status));
        }
        String location = head.headers().get(HttpHeaderNames.LOCATION);
        if (allowRedirects && location != null && isRedirect(status)) {
            URI next;
            try {
                next = URI.create(URI.create(url.resolve(location.trim()).toASCIIString()).toASCIIString());
            } catch (IllegalArgumentException e) {
                responseBody.drain();
                fail(new ClientException("the redirect from " + url + " to " + DefaultRequestOptions.printable(location)
                        + " is not a valid URL", e));
                return;
            }
            boolean keepsBody = status == 307 || status == 308;
            boolean http = "http".equalsIgnoreCase(next.getScheme()) || "https".equalsIgnoreCase(next.getScheme());
            if (http && next.getHost() != null && !(keepsBody && stream != null)) {
                List<ClientResponse> h = history;
                if (h == null) {
                    history = h = new ArrayList<>();
                }
                h.add(response);
                if (h.size() > maxRedirects) {
                    responseBody.drain();
                    fail(new TooManyRedirectsException(maxRedirects, next));
                    return;
                }
                tracer.on(new TraceEvent.RequestRedirect(method, url, status, next));
                responseBody.drain().whenComplete((ok, e) -> follow(next, status));
                return;
            }
        }
        if (raiseForStatus && status >= 400) {
            responseBody.drain();
            fail(new ClientResponseException(status, head.status().reasonPhrase(), method, url));
            return;
        }
        if (history != null) {
            response.history(history);
        }
        CompletableFuture<ClientResponse> r = result;
        result = null; // from here on the response belongs to the caller alone
        if (r != null) {
            r.complete(response);
        }
    }

    private void follow(URI next, int status) {
        if (over) {
            return;
        }
        if ((status == 301 || status == 302 || status == 303) && !method.equals("HEAD")) {
            method = "GET";
            body = null;
            stream = null;
            if (headers != null) {
                headers.remove("Content-Type");
                headers.remove("Content-Length");
                headers.remove("Transfer-Encoding");
            }
        }
        Origin from = Origin.of(url, null);
        Origin to = Origin.of(next, null);
        if (!from.sameSiteAs(to)) {
            if (headers != null) {
                headers.remove("Authorization"); // RFC 9110 §15.4: credentials are for the origin they were given to
                headers.remove("Cookie");
            }
            auth = null;
            requestCookies = null;
        }
        if (headers != null) {
            headers.remove("Host");
        }
        url = next;
        retried = false;
        attempt(false);
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    @Override
    public void onFailure(Exchange x, Throwable error, boolean retryable) {
        exchange = null;
        if (retryable && !retried && !over && IDEMPOTENT.contains(method) && stream == null) {
            retried = true;
            attempt(true);
            return;
        }
        fail(error);
    }

    private void fail(Throwable error) {
        if (over) {
            return;
        }
        over = true;
        cancelTotal();
        Throwable e = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                ? error.getCause() : error;
        tracer.on(new TraceEvent.RequestException(method, url, e));
        CompletableFuture<ClientResponse> r = result;
        result = null;
        if (r != null) {
            r.completeExceptionally(e);
        }
    }

    @Override
    public void onDeadline(Exchange x) {
        onTotalTimeout();
    }

    private void onTotalTimeout() {
        totalTimer = null;
        Duration total = java.util.Objects.requireNonNull(timeout.total());
        ClientTimeoutException e = new ClientTimeoutException(ClientTimeoutException.Kind.TOTAL, total,
                "for " + method + " " + url);
        Exchange x = exchange;
        CompletableFuture<Connection> a = acquiring;
        if (result == null && (x == null || x.isDone())) {
            return; // the response was delivered and its body has arrived: nothing left to time out
        }
        if (x != null && !x.isDone()) {
            x.fail(e); // before the head: reaches fail() through onFailure; after it: fails the body's readers
        } else if (a != null) {
            a.completeExceptionally(e);
        }
        fail(e);
    }

    /** Cancels the timer of the wait for a connection: the run got one, or the body ended or was released. */
    private void cancelTotal() {
        Timer t = totalTimer;
        totalTimer = null;
        if (t != null) {
            t.cancel();
        }
    }

    /** Cancels everything: the session closed. */
    void abandon(Throwable why) {
        fail(why);
    }
}
