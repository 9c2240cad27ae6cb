package dev.weft.internal.client;

import dev.weft.client.BasicAuth;
import dev.weft.client.ClientTimeout;
import dev.weft.client.ClientTimeoutException;
import dev.weft.client.ClientWebSocket;
import dev.weft.client.TraceEvent;
import dev.weft.client.Tracer;
import dev.weft.client.WsConnectOptions;
import dev.weft.client.WsHandshakeException;
import dev.weft.http.Cookie;
import dev.weft.http.MutableHeaders;
import dev.weft.http.SetCookieParser;
import dev.weft.internal.http.NettyHeaders;
import dev.weft.internal.ws.Deflate;
import dev.weft.internal.ws.WsConnection;
import dev.weft.internal.ws.WsSettings;
import dev.weft.loop.Timer;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * One {@code session.wsConnect}: gets a connection from the pool (within the connect timeout), sends the opening
 * handshake (RFC 6455 §4.1) with the session's default headers, cookies and auth, checks the {@code 101} answer
 * ({@code Upgrade}, {@code Connection}, {@code Sec-WebSocket-Accept}, the subprotocol and extension chosen), and
 * turns the connection into a {@link WsConnection}, which it never gives back. Lives on the connector's event loop.
 */
final class WsHandshake implements Exchange.Listener {
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final int KEY_BYTES = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final DefaultClientSession session;
    private final PooledConnector connector;
    private final Tracer tracer;
    private final URI wsUrl;
    private final URI httpUrl;
    private final MutableHeaders headers;
    private final @Nullable BasicAuth auth;
    private final WsConnectOptions options;
    private final ClientTimeout timeout;
    private final String key;
    private final CompletableFuture<ClientWebSocket> result = new CompletableFuture<>();
    private @Nullable Timer totalTimer;
    private @Nullable Exchange exchange;
    private @Nullable CompletableFuture<Connection> acquiring;
    private boolean retried;

    WsHandshake(DefaultClientSession session, PooledConnector connector, Tracer tracer, URI wsUrl, URI httpUrl,
                MutableHeaders headers, @Nullable BasicAuth auth, WsConnectOptions options, ClientTimeout timeout) {
        this.session = session;
        this.connector = connector;
        this.tracer = tracer;
        this.wsUrl = wsUrl;
        this.httpUrl = httpUrl;
        this.headers = headers;
        this.auth = auth;
        this.options = options;
        this.timeout = timeout;
        byte[] nonce = new byte[KEY_BYTES];
        RANDOM.nextBytes(nonce);
        this.key = Base64.getEncoder().encodeToString(nonce);
    }

    CompletableFuture<ClientWebSocket> result() {
        return result;
    }

    /** Starts; on the connector's event loop. */
    void start() {
        Duration total = timeout.total();
        if (total != null) {
            totalTimer = connector.deadline(total, () -> {
                totalTimer = null;
                ClientTimeoutException e = new ClientTimeoutException(ClientTimeoutException.Kind.TOTAL, total,
                        "for the WebSocket handshake with " + wsUrl);
                Exchange x = exchange;
                CompletableFuture<Connection> a = acquiring;
                if (x != null && !x.isDone()) {
                    x.fail(e);
                } else if (a != null) {
                    a.completeExceptionally(e);
                }
                fail(e);
            });
        }
        attempt(false);
    }

    private void attempt(boolean fresh) {
        Origin origin = Origin.of(httpUrl, null);
        FullHttpRequest request = buildRequest(origin);
        tracer.on(new TraceEvent.RequestStart("GET", httpUrl, NettyHeaders.readOnly(request.headers())));
        CompletableFuture<Connection> acquire = connector.acquire(origin, fresh, tracer);
        acquiring = acquire;
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
            } else if (result.isDone()) {
                connector.pool().release(conn, true);
            } else {
                Exchange x = new Exchange(conn, connector.pool(), this,
                        connector.settings().limits().maxBodyBytes(), timeout.sockRead(), false);
                exchange = x;
                x.send(request);
            }
        });
    }

    private FullHttpRequest buildRequest(Origin origin) {
        String path = httpUrl.getRawPath() == null || httpUrl.getRawPath().isEmpty() ? "/" : httpUrl.getRawPath();
        String target = httpUrl.getRawQuery() == null ? path : path + "?" + httpUrl.getRawQuery();
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, target,
                Unpooled.EMPTY_BUFFER);
        HttpHeaders h = request.headers();
        for (Map.Entry<String, String> e : headers) {
            h.add(e.getKey(), e.getValue());
        }
        if (!h.contains("Host")) {
            h.set("Host", origin.hostHeader());
        }
        if (!h.contains("User-Agent")) {
            h.set("User-Agent", DefaultClientSession.USER_AGENT);
        }
        h.set("Upgrade", "websocket");
        h.set("Connection", "Upgrade");
        h.set("Sec-WebSocket-Key", key);
        h.set("Sec-WebSocket-Version", "13");
        if (!options.protocols().isEmpty()) {
            h.set("Sec-WebSocket-Protocol", String.join(", ", options.protocols()));
        }
        if (options.compress()) {
            // This client sends uncompressed messages (allowed per message), so it asks nothing of its own side.
            h.set("Sec-WebSocket-Extensions", "permessage-deflate");
        }
        if (options.origin() != null) {
            h.set("Origin", options.origin());
        }
        StringBuilder cookie = new StringBuilder(h.get("Cookie", ""));
        for (Cookie c : session.cookieJar().filter(httpUrl)) {
            if (cookie.length() > 0) {
                cookie.append("; ");
            }
            cookie.append(c.name()).append('=').append(c.value());
        }
        if (cookie.length() > 0) {
            h.set("Cookie", cookie.toString());
        }
        if (auth != null && !h.contains("Authorization")) {
            h.set("Authorization", auth.encode());
        }
        return request;
    }

    @Override
    public void onHead(Exchange x, HttpResponse head, Body body) {
        int status = head.status().code();
        List<Cookie> cookies = new ArrayList<>();
        for (String v : head.headers().getAll("Set-Cookie")) {
            Cookie c = SetCookieParser.parse(v);
            if (c != null) {
                cookies.add(c);
            }
        }
        try {
            session.cookieJar().update(cookies, httpUrl);
        } catch (RuntimeException e) {
            DefaultClientSession.LOG.warn("the cookie jar failed on {}", httpUrl, e);
        }
        tracer.on(new TraceEvent.RequestEnd("GET", httpUrl, status));
        if (status != 101) {
            body.drain();
            fail(new WsHandshakeException(status, wsUrl, "the server answered " + status + " "
                    + head.status().reasonPhrase() + " instead of 101 Switching Protocols"));
            return;
        }
        HttpHeaders h = head.headers();
        String problem = null;
        Deflate deflate = null;
        String protocol = h.get("Sec-WebSocket-Protocol");
        if (!"websocket".equalsIgnoreCase(h.get("Upgrade", "").trim())) {
            problem = "no 'Upgrade: websocket' header";
        } else if (!hasToken(h.getAll("Connection"), "upgrade")) {
            problem = "no 'Connection: upgrade' header";
        } else if (!accept(key).equals(h.get("Sec-WebSocket-Accept", "").trim())) {
            problem = "Sec-WebSocket-Accept does not match the key sent";
        } else if (protocol != null && !options.protocols().contains(protocol.trim())) {
            problem = "the server chose the subprotocol '" + protocol + "', which was not offered";
        } else {
            List<String> extensions = h.getAll("Sec-WebSocket-Extensions");
            if (!extensions.isEmpty()) {
                deflate = options.compress() ? deflate(extensions, options.maxMessageBytes()) : null;
                if (deflate == null) {
                    problem = "the server chose extensions that were not offered: " + extensions;
                }
            }
        }
        if (problem != null) {
            x.fail(new WsHandshakeException(status, wsUrl, problem)); // closes the connection
            fail(new WsHandshakeException(status, wsUrl, problem));
            return;
        }
        x.upgraded();
        exchange = null;
        Connection conn = x.connection();
        WsSettings settings = new WsSettings(options.maxMessageBytes(), options.heartbeat(), options.autoping(),
                options.autoclose(), options.closeTimeout(), true);
        WsConnection.Handlers handlers = WsConnection.handlers(settings, deflate, connector.netty());
        ChannelPipeline p = conn.channel.pipeline();
        p.remove("inflate");
        HttpClientCodec codec = (HttpClientCodec) p.get("http");
        codec.removeOutboundHandler(); // frames may be written as soon as the socket is handed over
        String after = "http";
        for (int i = 0; i < handlers.names().length; i++) {
            p.addAfter(after, handlers.names()[i], handlers.handlers()[i]);
            after = handlers.names()[i];
        }
        // The HTTP decoder passes on the bytes after the 101 unparsed; it goes once this read is over (Netty #4533).
        conn.channel.eventLoop().execute(() -> {
            if (p.get("http") != null) {
                p.remove("http");
            }
        });
        conn.channel.config().setAutoRead(true);
        cancelTotal();
        result.complete(new DefaultClientWebSocket(wsUrl, NettyHeaders.readOnly(h), handlers.connection(),
                protocol == null ? null : protocol.trim(), deflate != null, session.jsonCodec()));
    }

    /** The permessage-deflate the server answered with, or null if it is not one this client can honour. */
    private static @Nullable Deflate deflate(List<String> extensions, int maxMessageBytes) {
        if (extensions.size() != 1 || extensions.get(0).contains(",")) {
            return null;
        }
        String[] parts = extensions.get(0).split(";");
        if (!"permessage-deflate".equals(parts[0].trim())) {
            return null;
        }
        boolean serverNoContext = false;
        for (int i = 1; i < parts.length; i++) {
            String param = parts[i].trim();
            String name = (param.indexOf('=') < 0 ? param : param.substring(0, param.indexOf('='))).trim();
            switch (name) {
                case "server_no_context_takeover" -> serverNoContext = true;
                case "client_no_context_takeover", "server_max_window_bits", "client_max_window_bits" -> {
                    // this client sends uncompressed; any window up to 15 bits inflates
                }
                default -> {
                    return null;
                }
            }
        }
        // Inflating drops its inflater after each message when the peer (here the server) resets its context.
        return new Deflate(serverNoContext, maxMessageBytes, extensions.get(0));
    }

    private static boolean hasToken(List<String> values, String token) {
        for (String v : values) {
            for (String t : v.split(",")) {
                if (t.trim().toLowerCase(Locale.ROOT).equals(token)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String accept(String key) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            return Base64.getEncoder().encodeToString(sha1.digest((key + GUID).getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-1", e);
        }
    }

    @Override
    public void onFailure(Exchange x, Throwable error, boolean retryable) {
        exchange = null;
        if (retryable && !retried && !result.isDone()) {
            retried = true;
            attempt(true);
            return;
        }
        fail(error);
    }

    private void fail(Throwable error) {
        cancelTotal();
        Throwable e = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                ? error.getCause() : error;
        if (result.completeExceptionally(e)) {
            tracer.on(new TraceEvent.RequestException("GET", httpUrl, e));
        }
    }

    private void cancelTotal() {
        Timer t = totalTimer;
        totalTimer = null;
        if (t != null) {
            t.cancel();
        }
    }
}
