package dev.weft.internal.web;

import dev.weft.http.Headers;
import dev.weft.http.HttpTokens;
import dev.weft.internal.http.NettyHeaders;
import dev.weft.web.Request;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** The changes a {@link Request#clone} makes, collected, then applied to a request's head. */
final class RequestChange implements Request.Change {
    private final RequestHead original;
    private String method;
    private String target;
    private @Nullable NettyHeaders headers;

    RequestChange(RequestHead original) {
        this.original = original;
        this.method = original.method();
        this.target = original.rawTarget();
    }

    @Override
    public Request.Change method(String m) {
        if (!HttpTokens.isToken(m)) {
            throw new IllegalArgumentException("'" + m + "' is not an HTTP method");
        }
        this.method = m.toUpperCase(Locale.ROOT);
        return this;
    }

    @Override
    public Request.Change target(String t) {
        if (!t.startsWith("/")) {
            throw new IllegalArgumentException("a request target starts with '/': " + t);
        }
        this.target = t;
        return this;
    }

    @Override
    public Request.Change header(String name, String value) {
        headers().set(name, value);
        return this;
    }

    @Override
    public Request.Change removeHeader(String name) {
        headers().remove(name);
        return this;
    }

    /** The head with the changes made. */
    RequestHead apply() {
        Headers h = headers == null ? original.headers() : headers;
        try {
            return RequestHead.of(method, target, h, original.version(), original.keepAlive());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot clone with target '" + target + "': " + e.getMessage(), e);
        }
    }

    private NettyHeaders headers() {
        if (headers == null) {
            headers = NettyHeaders.create();
            headers.addAll(original.headers());
        }
        return headers;
    }
}
