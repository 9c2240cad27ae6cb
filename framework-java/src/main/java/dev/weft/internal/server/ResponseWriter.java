package dev.weft.internal.server;

import dev.weft.http.Cookie;
import dev.weft.http.HttpStatus;
import dev.weft.json.JsonCodec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import dev.weft.internal.web.JsonBody;
import dev.weft.internal.web.ResponseParts;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * Encodes a Weft response as one Netty message: status line, headers (with {@code Content-Length}, {@code Date},
 * {@code Server}, cookies, {@code Connection}) and the body written straight into a pooled buffer.
 */
final class ResponseWriter {
    private static final AsciiString TEXT_PLAIN = AsciiString.cached(dev.weft.http.MediaTypes.TEXT_PLAIN);
    private static final AsciiString APPLICATION_JSON = AsciiString.cached(dev.weft.http.MediaTypes.APPLICATION_JSON);
    private static final AsciiString TEXT_HTML = AsciiString.cached(dev.weft.http.MediaTypes.TEXT_HTML);

    /** Response headers are validated when set on the response, so the copy the encoder reads need not be. */
    private static final DefaultHttpHeadersFactory UNVALIDATED =
            DefaultHttpHeadersFactory.headersFactory().withValidation(false);

    private ResponseWriter() {
    }

    /**
     * @param head       whether the request was HEAD (headers as for GET, no body)
     * @param close      whether the connection closes after this response
     * @param http10     whether the client spoke HTTP/1.0 (then keep-alive must be announced)
     */
    static FullHttpResponse encode(ByteBufAllocator alloc, ResponseParts r, boolean head, boolean close, boolean http10,
                                   AsciiString serverHeader, JsonCodec codec) throws IOException {
        int status = r.status();
        boolean bodyAllowed = !HttpStatus.forbidsBody(status);
        ByteBuf content = bodyAllowed ? body(alloc, r.body(), codec) : Unpooled.EMPTY_BUFFER;
        // A fresh header set per response: the response object may be sent again (a cached constant, say).
        HttpHeaders headers = UNVALIDATED.newHeaders();
        if (r.headers() != null) {
            headers.add(r.headers());
        }
        if (bodyAllowed) {
            if (r.contentType() != null && (content.isReadable() || r.body() != null)) {
                headers.set(HttpHeaderNames.CONTENT_TYPE, contentType(r.contentType()));
            }
            headers.setInt(HttpHeaderNames.CONTENT_LENGTH, content.readableBytes());
        } else if (status == HttpStatus.NOT_MODIFIED) {
            headers.remove(HttpHeaderNames.CONTENT_LENGTH);
        }
        headers.set(HttpHeaderNames.DATE, DateHeader.now());
        if (!serverHeader.isEmpty() && !headers.contains(HttpHeaderNames.SERVER)) {
            headers.set(HttpHeaderNames.SERVER, serverHeader);
        }
        if (r.cookies() != null) {
            for (Cookie c : r.cookies()) {
                headers.add(HttpHeaderNames.SET_COOKIE, c.toSetCookieHeader());
            }
        }
        if (close) {
            headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        } else if (http10) {
            headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        }
        if (head && content.isReadable()) {
            content.release();
            content = Unpooled.EMPTY_BUFFER;
        }
        HttpResponseStatus st = r.reason() == null ? HttpResponseStatus.valueOf(status)
                : new HttpResponseStatus(status, r.reason());
        return new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, st, content, headers, EmptyHttpHeaders.INSTANCE);
    }

    private static CharSequence contentType(String ct) {
        // Pre-encoded constants for the common types: no re-encoding per response.
        switch (ct) {
            case dev.weft.http.MediaTypes.TEXT_PLAIN: return TEXT_PLAIN;
            case dev.weft.http.MediaTypes.APPLICATION_JSON: return APPLICATION_JSON;
            case dev.weft.http.MediaTypes.TEXT_HTML: return TEXT_HTML;
            default: return ct;
        }
    }

    private static ByteBuf body(ByteBufAllocator alloc, @Nullable Object body, JsonCodec codec) throws IOException {
        if (body == null) {
            return Unpooled.EMPTY_BUFFER;
        }
        if (body instanceof String s) {
            return s.isEmpty() ? Unpooled.EMPTY_BUFFER : ByteBufUtil.writeUtf8(alloc, s);
        }
        if (body instanceof byte[] bytes) {
            return bytes.length == 0 ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(bytes);
        }
        if (body instanceof JsonBody json) {
            ByteBuf buf = alloc.buffer(256);
            try (ByteBufOutputStream out = new ByteBufOutputStream(buf)) {
                (json.codec() != null ? json.codec() : codec).write(json.value(), out);
            } catch (IOException | RuntimeException e) {
                buf.release();
                throw e;
            }
            return buf;
        }
        throw new IllegalStateException("unknown body type " + body.getClass());
    }
}
