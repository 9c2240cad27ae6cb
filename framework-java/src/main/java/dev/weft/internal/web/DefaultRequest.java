package dev.weft.internal.web;

import dev.weft.http.CookieParser;
import dev.weft.http.Headers;
import dev.weft.http.MediaTypes;
import dev.weft.http.MultiMap;
import dev.weft.http.UrlCodec;
import dev.weft.internal.http.NettyHeaders;
import dev.weft.loop.Loop;
import dev.weft.web.Application;
import dev.weft.web.HttpBadRequest;
import dev.weft.web.Request;
import dev.weft.web.RequestKey;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.reflect.Type;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/** The {@link Request} the server builds for each HTTP request. Loop thread only. */
public final class DefaultRequest implements Request {
    /** How many form fields a urlencoded body may have (aiohttp has no limit; unbounded maps are a DoS). */
    public static final int MAX_FORM_FIELD_COUNT = 10_000;

    private final ConnectionInfo connection;
    private final String method;
    private final String rawTarget;
    private final String rawPath;
    private final String path;
    private final String queryString;
    private final Headers headers;
    private final String version;
    private final boolean keepAlive;
    private final RequestBody body;
    private final long contentLength;
    private final State state;
    private RouteMatch match = RouteMatch.NotFound.INSTANCE;
    private Application app;
    private @Nullable MultiMap query;
    private @Nullable Map<String, String> cookies;

    public DefaultRequest(ConnectionInfo connection, String method, String rawTarget, String rawPath, String path,
                          String queryString, Headers headers, String version, boolean keepAlive, RequestBody body,
                          long contentLength, Application app) {
        this(connection, method, rawTarget, rawPath, path, queryString, headers, version, keepAlive, body,
                contentLength, app, new State());
    }

    private DefaultRequest(ConnectionInfo connection, String method, String rawTarget, String rawPath, String path,
                           String queryString, Headers headers, String version, boolean keepAlive, RequestBody body,
                           long contentLength, Application app, State state) {
        this.connection = connection;
        this.method = method;
        this.rawTarget = rawTarget;
        this.rawPath = rawPath;
        this.path = path;
        this.queryString = queryString;
        this.headers = headers;
        this.version = version;
        this.keepAlive = keepAlive;
        this.body = body;
        this.contentLength = contentLength;
        this.app = app;
        this.state = state;
    }

    /** Records what routing found; the owning application of a found route becomes {@link #app()}. */
    public void route(RouteMatch match) {
        this.match = match;
        if (match instanceof RouteMatch.Found f) {
            this.app = f.route().owner();
        }
    }

    /** The hook that upgrades this request's connection (a WebSocket handshake), or null where there is none. */
    public @Nullable ProtocolSwitch protocolSwitch() {
        return state.protocolSwitch;
    }

    public void protocolSwitch(ProtocolSwitch hook) {
        state.protocolSwitch = hook;
    }

    public RouteMatch match() {
        return match;
    }

    public RequestBody body() {
        return body;
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public String rawPath() {
        return rawPath;
    }

    @Override
    public String queryString() {
        return queryString;
    }

    @Override
    public MultiMap query() {
        MultiMap q = query;
        if (q == null) {
            try {
                q = UrlCodec.parseQuery(queryString);
            } catch (IllegalArgumentException e) {
                throw new HttpBadRequest("400: malformed query string: " + e.getMessage());
            }
            query = q;
        }
        return q;
    }

    @Override
    public String rawTarget() {
        return rawTarget;
    }

    @Override
    public Headers headers() {
        return headers;
    }

    @Override
    public Map<String, String> cookies() {
        Map<String, String> c = cookies;
        if (c == null) {
            var all = headers.getAll("Cookie");
            if (all.isEmpty()) {
                c = Map.of();
            } else {
                Map<String, String> out = new LinkedHashMap<>();
                for (String h : all) {
                    CookieParser.parseInto(h, out);
                }
                c = Collections.unmodifiableMap(out);
            }
            cookies = c;
        }
        return c;
    }

    @Override
    public Map<String, String> matchInfo() {
        return match instanceof RouteMatch.Found f ? f.params() : Map.of();
    }

    @Override
    public String param(String name) {
        String v = matchInfo().get(name);
        if (v == null) {
            throw new IllegalArgumentException("the matched route " + (match instanceof RouteMatch.Found f
                    ? f.route().template().source() : "(none)") + " has no placeholder {" + name + "}");
        }
        return v;
    }

    @Override
    public @Nullable String routeName() {
        return match instanceof RouteMatch.Found f ? f.route().name() : null;
    }

    @Override
    public String host() {
        String host = headers.get("Host");
        if (host != null && !host.isEmpty()) {
            return host;
        }
        SocketAddress local = connection.local();
        if (local instanceof InetSocketAddress inet) {
            String name = inet.getHostString();
            return (name.indexOf(':') >= 0 ? "[" + name + "]" : name) + ":" + inet.getPort(); // RFC 3986 IP-literal
        }
        return "localhost";
    }

    @Override
    public String scheme() {
        return connection.scheme();
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public boolean keepAlive() {
        return keepAlive;
    }

    @Override
    public @Nullable String remote() {
        SocketAddress remote = connection.remote();
        if (remote instanceof InetSocketAddress inet) {
            return inet.getAddress() != null ? inet.getAddress().getHostAddress() : inet.getHostString();
        }
        return null;
    }

    @Override
    public SocketAddress remoteAddress() {
        return connection.remote();
    }

    @Override
    public Application app() {
        return app;
    }

    @Override
    public Loop loop() {
        return connection.loop();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> @Nullable T get(RequestKey<T> key) {
        return state.values == null ? null : (T) state.values.get(key);
    }

    @Override
    public <T> T require(RequestKey<T> key) {
        T v = get(key);
        if (v == null) {
            throw new IllegalStateException(key + " is not set on this request; a middleware must set it first");
        }
        return v;
    }

    @Override
    public <T> Request set(RequestKey<T> key, T value) {
        if (state.values == null) {
            state.values = new IdentityHashMap<>(4);
        }
        state.values.put(key, java.util.Objects.requireNonNull(value, () -> "value for " + key));
        return this;
    }

    @Override
    public long contentLength() {
        return contentLength;
    }

    @Override
    public boolean hasBody() {
        return contentLength > 0 || (contentLength < 0 && !body.complete());
    }

    @Override
    public CompletionStage<byte[]> bytes() {
        return body.bytes();
    }

    @Override
    public CompletionStage<String> text() {
        Charset cs = charset();
        return bytes().thenApply(b -> new String(b, cs));
    }

    @Override
    public <T> CompletionStage<T> json(Class<T> type) {
        return json((Type) type);
    }

    @Override
    public <T> CompletionStage<T> json(Type type) {
        return bytes().thenApply(b -> {
            try {
                return app.jsonCodec().<T>read(new ByteArrayInputStream(b), type);
            } catch (IOException e) {
                throw new HttpBadRequest("400: the body is not valid JSON for " + type.getTypeName());
            }
        });
    }

    @Override
    public CompletionStage<MultiMap> form() {
        String ct = contentType();
        if (ct == null || !MediaTypes.FORM_URLENCODED.equals(MediaTypes.essence(ct))) {
            return bytes().thenApply(b -> MultiMap.empty());
        }
        Charset cs = charset();
        return bytes().thenApply(b -> {
            try {
                return UrlCodec.parseQuery(new String(b, cs), MAX_FORM_FIELD_COUNT);
            } catch (IllegalArgumentException e) {
                throw new HttpBadRequest("400: malformed form body: " + e.getMessage());
            }
        });
    }

    private Charset charset() {
        String ct = contentType();
        if (ct != null) {
            int at = ct.toLowerCase(Locale.ROOT).indexOf("charset=");
            if (at >= 0) {
                String name = ct.substring(at + 8).split(";", 2)[0].trim().replace("\"", "");
                try {
                    return Charset.forName(name);
                } catch (RuntimeException e) {
                    throw new HttpBadRequest("400: unknown charset '" + name + "'");
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    @Override
    public Request clone(Consumer<Change> change) {
        Changes c = new Changes(method, rawTarget, headers);
        change.accept(c);
        String target = c.target;
        int q = target.indexOf('?');
        String newRawPath = q < 0 ? target : target.substring(0, q);
        String newQuery = q < 0 ? "" : target.substring(q + 1);
        String newPath;
        try {
            newPath = UrlCodec.decodePath(newRawPath);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot clone with target '" + target + "': " + e.getMessage(), e);
        }
        DefaultRequest copy = new DefaultRequest(connection, c.method, target, newRawPath, newPath, newQuery,
                c.headers == null ? headers : c.headers, version, keepAlive, body, contentLength, app, state);
        copy.match = match;
        return copy;
    }

    @Override
    public String toString() {
        return method + " " + rawTarget;
    }

    /** Per-request state, shared between a request and its clones. */
    private static final class State {
        @Nullable Map<RequestKey<?>, Object> values;
        @Nullable ProtocolSwitch protocolSwitch;
    }

    private static final class Changes implements Change {
        String method;
        String target;
        final Headers original;
        @Nullable NettyHeaders headers;

        Changes(String method, String target, Headers original) {
            this.method = method;
            this.target = target;
            this.original = original;
        }

        @Override
        public Change method(String m) {
            if (!dev.weft.http.HttpTokens.isToken(m)) {
                throw new IllegalArgumentException("'" + m + "' is not an HTTP method");
            }
            this.method = m.toUpperCase(Locale.ROOT);
            return this;
        }

        @Override
        public Change target(String t) {
            if (!t.startsWith("/")) {
                throw new IllegalArgumentException("a request target starts with '/': " + t);
            }
            this.target = t;
            return this;
        }

        @Override
        public Change header(String name, String value) {
            headers().set(name, value);
            return this;
        }

        @Override
        public Change removeHeader(String name) {
            headers().remove(name);
            return this;
        }

        private NettyHeaders headers() {
            if (headers == null) {
                headers = NettyHeaders.create();
                headers.addAll(original);
            }
            return headers;
        }
    }
}
