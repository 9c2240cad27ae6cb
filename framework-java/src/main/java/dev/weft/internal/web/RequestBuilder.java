package dev.weft.internal.web;

import dev.weft.http.Headers;
import dev.weft.http.HttpTokens;
import dev.weft.http.MutableHeaders;
import dev.weft.loop.Loop;
import dev.weft.web.Application;
import dev.weft.web.Reply;
import dev.weft.web.Request;
import io.netty.buffer.Unpooled;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** Builds a {@link DefaultRequest} that no connection carries; see {@link Request#builder}. */
public final class RequestBuilder implements Request.Builder {
    private final String method;
    private final String target;
    private final MutableHeaders headers = Headers.create();
    private final Map<String, String> matchInfo = new LinkedHashMap<>();
    private @Nullable Application app;
    private @Nullable Loop loop;
    private byte @Nullable [] body;
    private String version = "HTTP/1.1";
    private SocketAddress remote = new InetSocketAddress("127.0.0.1", 40000);
    private SocketAddress local = new InetSocketAddress("127.0.0.1", 8080);
    private String scheme = "http";

    public RequestBuilder(String method, String target) {
        if (!HttpTokens.isToken(method)) {
            throw new IllegalArgumentException("'" + method + "' is not an HTTP method");
        }
        if (!target.startsWith("/")) {
            throw new IllegalArgumentException("a request target starts with '/': " + target);
        }
        this.method = method.toUpperCase(Locale.ROOT);
        this.target = target;
    }

    @Override
    public Request.Builder header(String name, String value) {
        headers.add(name, value);
        return this;
    }

    @Override
    public Request.Builder matchInfo(String name, String value) {
        matchInfo.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
        return this;
    }

    @Override
    public Request.Builder app(Application app) {
        this.app = app;
        return this;
    }

    @Override
    public Request.Builder loop(Loop loop) {
        this.loop = loop;
        return this;
    }

    @Override
    public Request.Builder body(byte[] body) {
        this.body = body.clone();
        headers.set("Content-Length", body.length);
        return this;
    }

    @Override
    public Request.Builder version(String version) {
        if (!"HTTP/1.1".equals(version) && !"HTTP/1.0".equals(version)) {
            throw new IllegalArgumentException("version is HTTP/1.1 or HTTP/1.0, got " + version);
        }
        this.version = version;
        return this;
    }

    @Override
    public Request.Builder remote(SocketAddress remote) {
        this.remote = Objects.requireNonNull(remote, "remote");
        return this;
    }

    @Override
    public Request.Builder local(SocketAddress local) {
        this.local = Objects.requireNonNull(local, "local");
        return this;
    }

    @Override
    public Request.Builder scheme(String scheme) {
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw new IllegalArgumentException("scheme is http or https, got " + scheme);
        }
        this.scheme = scheme;
        return this;
    }

    @Override
    public Request build() {
        if (!headers.contains("Host")) {
            headers.set("Host", "localhost");
        }
        Application owner = app != null ? app : Application.create();
        RequestBody requestBody;
        if (body == null) {
            requestBody = RequestBody.empty(-1);
        } else {
            requestBody = RequestBody.open(owner.clientMaxSize(), body.length);
            requestBody.offer(Unpooled.wrappedBuffer(body), true);
        }
        RequestHead head = RequestHead.of(method, target, headers, version, !"HTTP/1.0".equals(version));
        Loop on = loop != null ? loop : Loop.current();
        DefaultRequest request = new DefaultRequest(new ConnectionInfo(remote, local, scheme, on), head, requestBody,
                owner);
        if (!matchInfo.isEmpty()) {
            CompiledRoute route = new CompiledRoute(method, PathTemplate.parse("/"), null,
                    r -> Reply.failed(new IllegalStateException("a request built without a server has no route")),
                    owner);
            request.route(new RouteMatch.Found(route, Map.copyOf(matchInfo)));
        }
        return request;
    }
}
