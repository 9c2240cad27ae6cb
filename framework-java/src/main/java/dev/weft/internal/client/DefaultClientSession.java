package dev.weft.internal.client;

import dev.weft.client.BasicAuth;
import dev.weft.client.ClientException;
import dev.weft.client.ClientResponse;
import dev.weft.client.ClientSession;
import dev.weft.client.ClientTimeout;
import dev.weft.client.ClientWebSocket;
import dev.weft.client.CookieJar;
import dev.weft.client.RequestOptions;
import dev.weft.client.TcpConnector;
import dev.weft.client.Tracer;
import dev.weft.client.WsConnectOptions;
import dev.weft.http.Headers;
import dev.weft.http.MutableHeaders;
import dev.weft.http.UrlCodec;
import dev.weft.json.JsonCodec;
import dev.weft.loop.Loop;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.ref.Cleaner;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link ClientSession}: checks and assembles each request on the calling thread, then runs it on the loop. */
public final class DefaultClientSession implements ClientSession {
    static final Logger LOG = LoggerFactory.getLogger(ClientSession.class);
    static final Cleaner CLEANER = Cleaner.create();
    static final String USER_AGENT = "Weft-client/0.1";
    /** The tracer of a session without tracers: events for it are not even made. */
    static final Tracer NO_TRACER = event -> { };

    private final PooledConnector connector;
    private final boolean connectorOwner;
    private final @Nullable URI baseUrl;
    private final MutableHeaders defaultHeaders;
    private final CookieJar cookieJar;
    private final ClientTimeout timeout;
    private final boolean raiseForStatus;
    private final @Nullable BasicAuth auth;
    private final int maxRedirects;
    private final boolean autoDecompress;
    private final Origin.@Nullable ProxyTarget proxy;
    private final JsonCodec jsonCodec;
    private final Tracer tracer;
    private volatile boolean closed;
    /**
     * The last URL given without query options and what it resolved to: a client calls the same URL over and over,
     * and parsing it is the larger part of a request's own work. Any thread; a URI is immutable.
     */
    private volatile @Nullable Resolved lastUrl;

    /** A URL as given, parsed, and where it goes through the session's proxy, with its Host header. */
    private record Resolved(String given, URI uri, Origin origin, String hostHeader) {
    }
    /** This session's responses that are neither read nor released. */
    final Set<ResponseState> unreleased = ConcurrentHashMap.newKeySet();

    public DefaultClientSession(@Nullable Loop loop, @Nullable TcpConnector connector, boolean connectorOwner,
                                @Nullable String baseUrl, Headers headers, CookieJar cookieJar, ClientTimeout timeout,
                                boolean raiseForStatus, @Nullable BasicAuth auth, int maxRedirects,
                                boolean autoDecompress, @Nullable String proxy, JsonCodec jsonCodec,
                                List<Tracer> tracers) {
        TcpConnector c = connector;
        if (c == null) {
            c = TcpConnector.create(b -> {
                if (loop != null) {
                    b.loop(loop);
                }
            });
        } else if (loop != null && c.loop() != loop) {
            throw new IllegalArgumentException("the connector runs on " + c.loop() + ", not on the session's loop "
                    + loop + "; give the session the connector's loop, or no loop");
        }
        if (!(c instanceof PooledConnector pooled)) {
            throw new IllegalArgumentException("unsupported connector " + c.getClass().getName());
        }
        this.connector = pooled;
        this.connectorOwner = connector == null || connectorOwner;
        this.baseUrl = baseUrl == null ? null : checkedUri(baseUrl);
        if (this.baseUrl != null && (!this.baseUrl.isAbsolute() || this.baseUrl.getHost() == null)) {
            throw new IllegalArgumentException("baseUrl must be an absolute http(s) URL with a host, got " + baseUrl);
        }
        this.defaultHeaders = Headers.create().addAll(headers);
        this.cookieJar = cookieJar;
        this.timeout = timeout;
        this.raiseForStatus = raiseForStatus;
        this.auth = auth;
        this.maxRedirects = maxRedirects;
        this.autoDecompress = autoDecompress;
        this.proxy = proxy == null ? null : Origin.ProxyTarget.parse(proxy);
        this.jsonCodec = jsonCodec;
        this.tracer = tracers.isEmpty() ? NO_TRACER : event -> {
            for (Tracer t : tracers) {
                try {
                    t.on(event);
                } catch (RuntimeException ex) {
                    LOG.warn("a client tracer failed on {}", event.getClass().getSimpleName(), ex);
                }
            }
        };
    }

    @Override
    public List<String> unreleasedResponses() {
        List<String> out = new ArrayList<>();
        for (ResponseState s : unreleased) {
            out.add(s.description());
        }
        return out;
    }

    JsonCodec jsonCodec() {
        return jsonCodec;
    }

    @Override
    public CompletionStage<ClientResponse> request(String method, String url, Consumer<RequestOptions> options) {
        DefaultRequestOptions.checkMethod(method);
        DefaultRequestOptions o = new DefaultRequestOptions();
        options.accept(o);
        URI target = resolve(url, o);
        MutableHeaders given = o.headers;
        MutableHeaders headers = null; // none: the request has only the client's own
        if (given != null || !defaultHeaders.isEmpty() || o.contentType != null) {
            headers = Headers.create();
            for (Map.Entry<String, String> e : defaultHeaders) {
                if (given == null || !given.contains(e.getKey())) {
                    headers.add(e.getKey(), e.getValue());
                }
            }
            if (given != null) {
                headers.addAll(given);
            }
        }
        byte[] body = o.body;
        if (o.hasJson) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                jsonCodec.write(o.json, out);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot write the JSON body: " + e.getMessage(), e);
            }
            body = out.toByteArray();
        }
        if (o.contentType != null && headers != null && !headers.contains("Content-Type")) {
            headers.set("Content-Type", o.contentType);
        }
        BasicAuth a = o.auth != null ? o.auth : auth;
        String info = target.getRawUserInfo();
        if (info != null) {
            int colon = info.indexOf(':');
            a = new BasicAuth(UrlCodec.decodePath(colon < 0 ? info : info.substring(0, colon)),
                    colon < 0 ? "" : UrlCodec.decodePath(info.substring(colon + 1)));
            target = withoutUserInfo(target);
        }
        if (closed) {
            return CompletableFuture.failedFuture(new ClientException("the session is closed"));
        }
        RequestRun run = new RequestRun(this, connector, tracer, method, target, headers, body, o.stream,
                o.cookies == null ? null : Map.copyOf(o.cookies), a, o.timeout != null ? o.timeout : timeout,
                o.allowRedirects == null || o.allowRedirects, o.maxRedirects != null ? o.maxRedirects : maxRedirects,
                o.raiseForStatus != null ? o.raiseForStatus : raiseForStatus,
                o.proxy != null ? Origin.ProxyTarget.parse(o.proxy) : proxy, autoDecompress);
        CompletableFuture<ClientResponse> result = run.result();
        if (connector.eventLoop().inEventLoop()) {
            run.start();
        } else {
            try {
                connector.eventLoop().execute(run::start);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                return CompletableFuture.failedFuture(new ClientException("the loop " + connector.loop()
                        + " is closed", e));
            }
        }
        return result;
    }

    @Override
    public CompletionStage<ClientWebSocket> wsConnect(String url, Consumer<WsConnectOptions> options) {
        WsConnectOptions o = new WsConnectOptions();
        options.accept(o);
        URI given = checkedUri(url);
        String scheme = given.getScheme() == null ? null : given.getScheme().toLowerCase(java.util.Locale.ROOT);
        String httpForm = url;
        if ("ws".equals(scheme) || "wss".equals(scheme)) {
            httpForm = ("ws".equals(scheme) ? "http" : "https") + url.substring(scheme.length());
        }
        URI target = resolve(httpForm, new DefaultRequestOptions());
        URI wsUrl = URI.create(("https".equals(target.getScheme()) ? "wss" : "ws")
                + target.toString().substring(target.getScheme().length()));
        MutableHeaders headers = Headers.create();
        for (Map.Entry<String, String> e : defaultHeaders) {
            if (!o.headers().contains(e.getKey())) {
                headers.add(e.getKey(), e.getValue());
            }
        }
        headers.addAll(o.headers());
        BasicAuth a = o.auth() != null ? o.auth() : auth;
        if (closed) {
            return CompletableFuture.failedFuture(new ClientException("the session is closed"));
        }
        WsHandshake run = new WsHandshake(this, connector, tracer, wsUrl, target, headers, a, o,
                o.timeout() != null ? o.timeout() : timeout);
        CompletableFuture<ClientWebSocket> result = run.result();
        if (connector.eventLoop().inEventLoop()) {
            run.start();
        } else {
            try {
                connector.eventLoop().execute(run::start);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                return CompletableFuture.failedFuture(new ClientException("the loop " + connector.loop()
                        + " is closed", e));
            }
        }
        return result;
    }

    private URI resolve(String url, DefaultRequestOptions o) {
        if (o.query != null) {
            return resolveNew(url, o);
        }
        Resolved last = lastUrl;
        if (last != null && last.given.equals(url)) {
            return last.uri;
        }
        URI u = resolveNew(url, o);
        Origin origin = Origin.of(u, proxy);
        lastUrl = new Resolved(url, u, origin, origin.hostHeader());
        return u;
    }

    /**
     * The origin of {@code url} through {@code proxy}: the last URL's, kept, when it is that one (the same instance,
     * so the pool finds its connections by identity, and the Host header is not built again), else a new one.
     */
    Origin originOf(URI url, Origin.@Nullable ProxyTarget proxy) {
        Resolved last = lastUrl;
        if (last != null && last.uri == url && last.origin.proxy() == proxy) {
            return last.origin;
        }
        return Origin.of(url, proxy);
    }

    /** {@code origin.hostHeader()}, kept for the last URL's origin. */
    String hostHeaderOf(Origin origin) {
        Resolved last = lastUrl;
        return last != null && last.origin == origin ? last.hostHeader : origin.hostHeader();
    }

    private URI resolveNew(String url, DefaultRequestOptions o) {
        URI u = checkedUri(url);
        if (!u.isAbsolute()) {
            if (baseUrl == null) {
                throw new IllegalArgumentException("the URL " + DefaultRequestOptions.printable(url)
                        + " is relative and the session has no baseUrl");
            }
            u = baseUrl.resolve(u);
        }
        String scheme = u.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || u.getHost() == null) {
            throw new IllegalArgumentException("the URL " + DefaultRequestOptions.printable(url)
                    + " is not an http or https URL with a host");
        }
        var extra = o.query == null ? null : o.query.build();
        if ((extra == null || extra.isEmpty()) && u.getRawFragment() == null) {
            return u; // nothing to add or drop: no second parse
        }
        String query = u.getRawQuery();
        if (extra != null && !extra.isEmpty()) {
            String more = UrlCodec.encodeQuery(extra);
            query = query == null || query.isEmpty() ? more : query + "&" + more;
        }
        try {
            // without the fragment, which is never sent
            return new URI(u.getScheme() + "://" + u.getRawAuthority() + (u.getRawPath() == null ? ""
                    : u.getRawPath()) + (query == null ? "" : "?" + query));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("invalid URL " + DefaultRequestOptions.printable(url), e);
        }
    }

    private static URI withoutUserInfo(URI u) {
        String authority = u.getRawAuthority();
        return URI.create(u.getScheme() + "://" + authority.substring(authority.indexOf('@') + 1)
                + (u.getRawPath() == null ? "" : u.getRawPath()) + (u.getRawQuery() == null ? "" : "?"
                + u.getRawQuery()));
    }

    /** Parses {@code url}, refusing controls (CR, LF, NUL, …) and spaces with a message that shows them. */
    private static URI checkedUri(String url) {
        boolean ascii = true;
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c <= 0x20 || c == 0x7f) {
                throw new IllegalArgumentException("the URL " + DefaultRequestOptions.printable(url)
                        + " contains a space or control character (CR, LF, ...); percent-encode it");
            }
            ascii &= c < 0x80;
        }
        try {
            URI parsed = URI.create(url);
            return ascii ? parsed : URI.create(parsed.toASCIIString()); // non-ASCII characters percent-encoded
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid URL " + DefaultRequestOptions.printable(url) + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public Loop loop() {
        return connector.loop();
    }

    @Override
    public TcpConnector connector() {
        return connector;
    }

    @Override
    public CookieJar cookieJar() {
        return cookieJar;
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (ResponseState s : new ArrayList<>(unreleased)) {
            if (s.releaseUnread()) {
                LOG.warn("ClientSession closed with an unreleased response for {}; it is released now. Read its body "
                        + "or call release().", s.description());
            }
        }
        if (connectorOwner) {
            connector.close();
        }
    }

    @Override
    public String toString() {
        return "ClientSession[" + (baseUrl == null ? "" : baseUrl + ", ") + connector + (closed ? ", closed]" : "]");
    }
}
