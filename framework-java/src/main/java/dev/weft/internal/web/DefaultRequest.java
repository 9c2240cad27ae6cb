package dev.weft.internal.web;

import dev.weft.http.CookieParser;
import dev.weft.http.Headers;
import dev.weft.http.MultiMap;
import dev.weft.http.UrlCodec;
import dev.weft.loop.Loop;
import dev.weft.web.Application;
import dev.weft.web.HttpBadRequest;
import dev.weft.web.Request;
import dev.weft.web.RequestKey;
import java.lang.reflect.Type;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.Charset;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The {@link Request} the server builds for each HTTP request: its {@link RequestHead}, what routing found, the body
 * and the per-request state (shared with its clones). Loop thread only.
 */
public final class DefaultRequest implements Request {
    private final ConnectionInfo connection;
    private final RequestHead head;
    private final RequestBody body;
    /** Typed state set by middlewares; shared between a request and its clones. */
    private final State state;
    private RouteMatch match = RouteMatch.NotFound.INSTANCE;
    private Application app;
    private @Nullable MultiMap query;
    private @Nullable Map<String, String> cookies;
    /** The exchange a {@code StreamResponse} starts on; null without a connection. Answered for {@link StreamStart#KEY}. */
    private @Nullable StreamStart streamStart;

    /** A request of {@code app} (the root until {@link #route} finds the owner of its route). */
    public DefaultRequest(ConnectionInfo connection, RequestHead head, RequestBody body, Application app) {
        this(connection, head, body, app, new State());
    }

    private DefaultRequest(ConnectionInfo connection, RequestHead head, RequestBody body, Application app,
                           State state) {
        this.connection = connection;
        this.head = head;
        this.body = body;
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

    @Override
    public String method() {
        return head.method();
    }

    @Override
    public String path() {
        return head.path();
    }

    @Override
    public String rawPath() {
        return head.rawPath();
    }

    @Override
    public String queryString() {
        return head.queryString();
    }

    @Override
    public MultiMap query() {
        MultiMap q = query;
        if (q == null) {
            try {
                q = UrlCodec.parseQuery(head.queryString());
            } catch (IllegalArgumentException e) {
                throw new HttpBadRequest("400: malformed query string: " + e.getMessage());
            }
            query = q;
        }
        return q;
    }

    @Override
    public String rawTarget() {
        return head.rawTarget();
    }

    @Override
    public Headers headers() {
        return head.headers();
    }

    @Override
    public Map<String, String> cookies() {
        Map<String, String> c = cookies;
        if (c == null) {
            var all = head.headers().getAll("Cookie");
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
        String host = head.headers().get("Host");
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
        return head.version();
    }

    @Override
    public boolean keepAlive() {
        return head.keepAlive();
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

    /** Sets the exchange a {@code StreamResponse} on this request starts on. */
    public void streamStart(StreamStart start) {
        this.streamStart = start;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> @Nullable T get(RequestKey<T> key) {
        if (key == StreamStart.KEY) {
            return (T) streamStart; // the connection's, not state: nothing stored per request
        }
        Map<RequestKey<?>, Object> values = state.values;
        return values == null ? null : (T) values.get(key);
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
            state.values = new IdentityHashMap<>(4); // made when first needed: most requests carry no state
        }
        state.values.put(key, Objects.requireNonNull(value, () -> "value for " + key));
        return this;
    }

    @Override
    public long contentLength() {
        return body.declaredLength();
    }

    @Override
    public boolean hasBody() {
        long length = body.declaredLength();
        return length > 0 || (length < 0 && !body.complete());
    }

    @Override
    public CompletionStage<byte[]> bytes() {
        return body.bytes();
    }

    @Override
    public CompletionStage<String> text() {
        Charset cs = BodyReading.charset(contentType());
        return bytes().thenApply(b -> new String(b, cs));
    }

    @Override
    public <T> CompletionStage<T> json(Class<T> type) {
        return json((Type) type);
    }

    @Override
    public <T> CompletionStage<T> json(Type type) {
        return bytes().thenApply(b -> BodyReading.json(b, app.jsonCodec(), type));
    }

    @Override
    public CompletionStage<MultiMap> form() {
        String ct = contentType();
        if (!BodyReading.isForm(ct)) {
            return bytes().thenApply(b -> MultiMap.empty());
        }
        Charset cs = BodyReading.charset(ct);
        return bytes().thenApply(b -> BodyReading.form(b, cs));
    }

    @Override
    public Request clone(Consumer<Change> change) {
        RequestChange c = new RequestChange(head);
        change.accept(c);
        DefaultRequest copy = new DefaultRequest(connection, c.apply(), body, app, state);
        copy.match = match;
        copy.streamStart = streamStart;
        return copy;
    }

    @Override
    public String toString() {
        return head.method() + " " + head.rawTarget();
    }

    /** What a request shares with its clones. */
    private static final class State {
        @Nullable Map<RequestKey<?>, Object> values;
    }
}
