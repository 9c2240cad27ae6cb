package dev.weft.internal.http;

import dev.weft.http.Headers;
import dev.weft.http.MutableHeaders;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** {@link Headers} over Netty's headers, so a decoded request's headers are used as they are, without a copy. */
public final class NettyHeaders implements MutableHeaders {
    private final HttpHeaders headers;
    private final boolean readOnly;

    private NettyHeaders(HttpHeaders headers, boolean readOnly) {
        this.headers = headers;
        this.readOnly = readOnly;
    }

    /** New validating headers: names and values with CR, LF or other controls are refused. */
    public static NettyHeaders create() {
        return new NettyHeaders(DefaultHttpHeadersFactory.headersFactory().newHeaders(), false);
    }

    public static NettyHeaders readOnly(HttpHeaders headers) {
        return new NettyHeaders(headers, true);
    }

    public static NettyHeaders mutable(HttpHeaders headers) {
        return new NettyHeaders(headers, false);
    }

    /** The Netty headers behind these; internal code only. */
    public HttpHeaders unwrap() {
        return headers;
    }

    @Override
    public @Nullable String get(CharSequence name) {
        return headers.get(name);
    }

    @Override
    public List<String> getAll(CharSequence name) {
        return headers.getAll(name);
    }

    @Override
    public boolean contains(CharSequence name) {
        return headers.contains(name);
    }

    @Override
    public boolean containsValue(CharSequence name, CharSequence value) {
        return headers.containsValue(name, value, true);
    }

    @Override
    public Set<String> names() {
        return headers.names();
    }

    @Override
    public int size() {
        return headers.size();
    }

    @Override
    public Iterator<Map.Entry<String, String>> iterator() {
        return headers.iteratorAsString();
    }

    @Override
    public MutableHeaders set(CharSequence name, Object value) {
        checkWritable();
        try {
            headers.set(name, value);
        } catch (IllegalArgumentException e) {
            throw invalid(name, value, e);
        }
        return this;
    }

    @Override
    public MutableHeaders add(CharSequence name, Object value) {
        checkWritable();
        try {
            headers.add(name, value);
        } catch (IllegalArgumentException e) {
            throw invalid(name, value, e);
        }
        return this;
    }

    @Override
    public MutableHeaders addAll(Headers other) {
        checkWritable();
        for (Map.Entry<String, String> e : other) {
            add(e.getKey(), e.getValue());
        }
        return this;
    }

    @Override
    public MutableHeaders remove(CharSequence name) {
        checkWritable();
        headers.remove(name);
        return this;
    }

    @Override
    public MutableHeaders clear() {
        checkWritable();
        headers.clear();
        return this;
    }

    private void checkWritable() {
        if (readOnly) {
            throw new UnsupportedOperationException(
                    "request headers are read-only; use request.clone(...) to change them for inner handlers");
        }
    }

    private static IllegalArgumentException invalid(CharSequence name, Object value, IllegalArgumentException cause) {
        return new IllegalArgumentException("invalid header " + printable(name) + ": " + printable(value.toString())
                + " (" + cause.getMessage() + ")", cause);
    }

    private static String printable(CharSequence s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                b.append(String.format("\\x%02x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return headers.toString();
    }
}
