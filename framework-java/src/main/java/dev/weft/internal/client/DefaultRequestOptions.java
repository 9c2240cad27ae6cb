package dev.weft.internal.client;

import dev.weft.client.BasicAuth;
import dev.weft.client.ClientTimeout;
import dev.weft.client.RequestOptions;
import dev.weft.http.Headers;
import dev.weft.http.HttpTokens;
import dev.weft.http.MediaTypes;
import dev.weft.http.MultiMap;
import dev.weft.http.MutableHeaders;
import dev.weft.http.UrlCodec;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Flow;
import org.jspecify.annotations.Nullable;

/**
 * What a request's options lambda set; read once by {@link DefaultClientSession}. Calling thread only. The headers,
 * query and cookies are made when first set: most requests set none, and need not pay for three empty collections.
 */
final class DefaultRequestOptions implements RequestOptions {
    @Nullable MutableHeaders headers;
    MultiMap.@Nullable Builder query;
    @Nullable Map<String, String> cookies;
    boolean hasJson;
    @Nullable Object json;
    byte @Nullable [] body;
    @Nullable String contentType;
    Flow.@Nullable Publisher<byte[]> stream;
    @Nullable BasicAuth auth;
    @Nullable ClientTimeout timeout;
    @Nullable Boolean allowRedirects;
    @Nullable Integer maxRedirects;
    @Nullable Boolean raiseForStatus;
    @Nullable String proxy;

    @Override
    public RequestOptions header(String name, Object value) {
        headers().add(name, value); // validating headers: CR, LF and other controls are refused here
        return this;
    }

    @Override
    public RequestOptions headers(Headers more) {
        headers().addAll(more);
        return this;
    }

    private MutableHeaders headers() {
        MutableHeaders h = headers;
        if (h == null) {
            headers = h = Headers.create();
        }
        return h;
    }

    @Override
    public RequestOptions query(String name, Object value) {
        query().add(name, String.valueOf(value));
        return this;
    }

    @Override
    public RequestOptions query(MultiMap more) {
        MultiMap.Builder q = query();
        more.asMap().forEach((k, vs) -> vs.forEach(v -> q.add(k, v)));
        return this;
    }

    private MultiMap.Builder query() {
        MultiMap.Builder q = query;
        if (q == null) {
            query = q = MultiMap.builder();
        }
        return q;
    }

    @Override
    public RequestOptions cookie(String name, String value) {
        dev.weft.http.Cookie.of(name, value); // validates: a token name, cookie-octet value
        Map<String, String> c = cookies;
        if (c == null) {
            cookies = c = new LinkedHashMap<>();
        }
        c.put(name, value);
        return this;
    }

    private void clearBody() {
        hasJson = false;
        json = null;
        body = null;
        stream = null;
        contentType = null;
    }

    @Override
    public RequestOptions json(@Nullable Object value) {
        clearBody();
        hasJson = true;
        json = value;
        contentType = MediaTypes.APPLICATION_JSON;
        return this;
    }

    @Override
    public RequestOptions form(MultiMap fields) {
        return body(UrlCodec.encodeQuery(fields).getBytes(StandardCharsets.US_ASCII), MediaTypes.FORM_URLENCODED);
    }

    @Override
    public RequestOptions form(Map<String, String> fields) {
        return form(MultiMap.of(fields));
    }

    @Override
    public RequestOptions multipart(dev.weft.client.MultipartForm form) {
        return body(form.toBytes(), form.contentType());
    }

    @Override
    public RequestOptions text(String text) {
        return body(text.getBytes(StandardCharsets.UTF_8), MediaTypes.TEXT_PLAIN);
    }

    @Override
    public RequestOptions body(byte[] bytes, String type) {
        checkContentType(type);
        clearBody();
        body = bytes;
        contentType = type;
        return this;
    }

    @Override
    public RequestOptions stream(Flow.Publisher<byte[]> publisher, String type) {
        checkContentType(type);
        clearBody();
        stream = publisher;
        contentType = type;
        return this;
    }

    private static void checkContentType(String type) {
        Headers.create().set("Content-Type", type); // throws on CR/LF
    }

    @Override
    public RequestOptions auth(BasicAuth basicAuth) {
        auth = basicAuth;
        return this;
    }

    @Override
    public RequestOptions timeout(ClientTimeout t) {
        timeout = t;
        return this;
    }

    @Override
    public RequestOptions allowRedirects(boolean allow) {
        allowRedirects = allow;
        return this;
    }

    @Override
    public RequestOptions maxRedirects(int max) {
        if (max < 0) {
            throw new IllegalArgumentException("maxRedirects must not be negative, got " + max);
        }
        maxRedirects = max;
        return this;
    }

    @Override
    public RequestOptions raiseForStatus(boolean raise) {
        raiseForStatus = raise;
        return this;
    }

    @Override
    public RequestOptions proxy(String proxyUrl) {
        Origin.ProxyTarget.parse(proxyUrl);
        proxy = proxyUrl;
        return this;
    }

    static void checkMethod(String method) {
        if (!HttpTokens.isToken(method)) {
            throw new IllegalArgumentException("the method " + printable(method)
                    + " is not an HTTP token (RFC 9110 §9.1): no spaces, CR, LF or other separators");
        }
    }

    static String printable(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length() && i < 200; i++) {
            char c = s.charAt(i);
            b.append(c < 0x20 || c == 0x7f ? String.format("\\x%02x", (int) c) : String.valueOf(c));
        }
        return b.append('"').toString();
    }
}
