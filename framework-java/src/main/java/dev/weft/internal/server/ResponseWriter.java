package dev.weft.internal.server;

import dev.weft.http.Cookie;
import dev.weft.http.HttpStatus;
import dev.weft.internal.web.JsonBody;
import dev.weft.internal.web.ResponseAccess;
import dev.weft.internal.web.ResponseParts;
import dev.weft.json.JsonCodec;
import dev.weft.loop.LoopClock;
import dev.weft.web.Response;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Encodes a Weft response as HTTP/1.1 bytes: status line, headers (with {@code Content-Length}, {@code Date},
 * {@code Server}, cookies, {@code Connection}) and body, written straight into pooled buffers. Writing the bytes
 * here, not through Netty's header map and {@code HttpResponseEncoder}, spares a map, its entries and a second pass
 * over them for every response: the cost that shows most when 16 pipelined requests share one read.
 */
public final class ResponseWriter {
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] COLON_SPACE = {':', ' '};
    private static final byte[] TEXT_PLAIN_LINE =
            line(HttpHeaderNames.CONTENT_TYPE, dev.weft.http.MediaTypes.TEXT_PLAIN);
    private static final byte[] APPLICATION_JSON_LINE =
            line(HttpHeaderNames.CONTENT_TYPE, dev.weft.http.MediaTypes.APPLICATION_JSON);
    private static final byte[] TEXT_HTML_LINE = line(HttpHeaderNames.CONTENT_TYPE, dev.weft.http.MediaTypes.TEXT_HTML);
    private static final byte[] CONTENT_LENGTH_PREFIX =
            (HttpHeaderNames.CONTENT_LENGTH + ": ").getBytes(StandardCharsets.ISO_8859_1);
    /** {@code HTTP/1.1 <code> <reason>\r\n} for every standard status, encoded once. */
    private static final byte[][] STATUS_LINES = statusLines();
    /** A body up to this size is copied after the head into one buffer; a larger one is written as it is. */
    static final int COPY_BODY_LIMIT = 2048;
    /** Room for the headers Weft adds, so the head buffer rarely grows. */
    private static final int HEAD_ESTIMATE = 160;
    private static final int RESET_CONTENT = 205;

    /** The headers as they went out, for the access log only. */
    private static final DefaultHttpHeadersFactory UNVALIDATED =
            DefaultHttpHeadersFactory.headersFactory().withValidation(false);

    /**
     * A response as bytes: {@code head} holds the status line, the headers and, when small, the body; a larger
     * body is {@code body}. {@code headers} is what was sent, kept only when asked for (for the access log).
     */
    public record Encoded(int status, int bodyBytes, ByteBuf head, @Nullable ByteBuf body,
                          @Nullable HttpHeaders headers, boolean shared) {
        /**
         * Releases what this response owns: its head buffer unless {@code shared} (the head went into a buffer
         * given to {@link #encode}, which stays its owner's), and its body.
         */
        void release() {
            if (!shared) {
                head.release();
            }
            if (body != null) {
                body.release();
            }
        }
    }

    /** The request was HEAD: headers as for GET, no body. */
    static final int HEAD_REQUEST = 1;
    /** The connection closes after this response ({@code Connection: close}). */
    static final int CLOSE = 1 << 1;
    /** The client spoke HTTP/1.0: keep-alive must be announced. */
    static final int HTTP_1_0 = 1 << 2;
    /** Return the headers as sent, in {@link Encoded#headers} (the access log wants them). */
    static final int KEEP_HEADERS = 1 << 3;

    /** The {@code Server} header this server sends (empty for none). */
    private final AsciiString serverHeader;
    /** {@code serverHeader}'s whole line, encoded once; empty for none. */
    private final byte[] serverLine;
    /** The {@code Date} header, on the server loop's clock. */
    private final DateHeader date;

    /** A writer sending {@code serverHeader} (empty for none) and the time on {@code clock} (its loop's). */
    public ResponseWriter(AsciiString serverHeader, LoopClock clock) {
        this.serverHeader = serverHeader;
        this.serverLine = serverHeader.isEmpty() ? new byte[0] : line(HttpHeaderNames.SERVER, serverHeader);
        this.date = new DateHeader(clock);
    }

    /**
     * Encodes {@code response}; {@code codec} encodes a JSON body that names none. {@code options} is a sum of
     * {@link #HEAD_REQUEST}, {@link #CLOSE}, {@link #HTTP_1_0} and {@link #KEEP_HEADERS}: flags rather than booleans
     * in a row, so a call says what it asks for and allocates nothing.
     */
    public Encoded encode(ByteBufAllocator alloc, Response response, JsonCodec codec, int options)
            throws IOException {
        return encode(alloc, null, response, codec, options);
    }

    /**
     * As {@link #encode(ByteBufAllocator, Response, JsonCodec, int)}, but the head (and a small body) is appended to
     * {@code into} when it is not null: the responses to the requests of one read batch then go out as one buffer,
     * one entry in the channel's outbound buffer and one iovec, instead of one each. On failure {@code into} is
     * left as it was.
     */
    public Encoded encode(ByteBufAllocator alloc, @Nullable ByteBuf into, Response response, JsonCodec codec,
                          int options) throws IOException {
        ResponseParts r = ResponseAccess.parts(response);
        boolean head = (options & HEAD_REQUEST) != 0;
        boolean close = (options & CLOSE) != 0;
        boolean http10 = (options & HTTP_1_0) != 0;
        boolean keepHeaders = (options & KEEP_HEADERS) != 0;
        int status = r.status();
        // 205 Reset Content carries no content either (RFC 9110 15.3.6), but says so with Content-Length: 0.
        boolean bodyAllowed = !HttpStatus.forbidsBody(status) && status != RESET_CONTENT;
        Object body = bodyAllowed ? r.body() : null;
        // A text body is written straight after the head; other bodies are encoded first, to know their length.
        String text = body instanceof String s && !s.isEmpty() ? s : null;
        int textBytes = text == null ? 0 : ByteBufUtil.utf8Bytes(text);
        ByteBuf content = text == null && body != null ? body(alloc, body, codec) : Unpooled.EMPTY_BUFFER;
        int length = text != null ? textBytes : content.readableBytes();
        HttpHeaders given = r.headers();
        HttpHeaders sent = keepHeaders ? UNVALIDATED.newHeaders() : null;
        int estimate = HEAD_ESTIMATE + (given == null ? 0 : 32 * given.size())
                + (head ? 0 : text != null ? textBytes : length <= COPY_BODY_LIMIT ? length : 0);
        boolean shared = into != null;
        int start = shared ? into.writerIndex() : 0;
        ByteBuf out = null;
        try {
            out = shared ? into.ensureWritable(estimate) : alloc.buffer(estimate);
            boolean setType = bodyAllowed && r.contentType() != null && (length > 0 || r.body() != null);
            writeHead(out, r, sent, setType, bodyAllowed || status == RESET_CONTENT ? length : -1, false, close,
                    http10);
            if (head) {
                content.release();
                return new Encoded(status, length, out, null, sent, shared);
            }
            if (text != null) {
                ByteBufUtil.reserveAndWriteUtf8(out, text, textBytes);
                return new Encoded(status, length, out, null, sent, shared);
            }
            if (length <= COPY_BODY_LIMIT) {
                out.writeBytes(content);
                content.release();
                return new Encoded(status, length, out, null, sent, shared);
            }
            return new Encoded(status, length, out, content, sent, shared);
        } catch (RuntimeException | Error e) {
            if (shared) {
                into.writerIndex(start);
            } else if (out != null) {
                out.release();
            }
            content.release();
            throw e;
        }
    }

    /**
     * Encodes the head of a streamed response, whose body follows in parts: framed by {@code contentLength} when it
     * is not negative, else by chunked transfer coding ({@code chunked}), else by closing the connection (an
     * HTTP/1.0 client). {@code options} as for {@link #encode}; {@code sent}, when not null, receives the headers as
     * sent.
     */
    public ByteBuf encodeHead(ByteBufAllocator alloc, ResponseParts r, long contentLength, boolean chunked,
                              int options, @Nullable HttpHeaders sent) {
        boolean bodyAllowed = !HttpStatus.forbidsBody(r.status()) && r.status() != RESET_CONTENT;
        HttpHeaders given = r.headers();
        ByteBuf out = alloc.buffer(HEAD_ESTIMATE + (given == null ? 0 : 32 * given.size()));
        try {
            writeHead(out, r, sent, bodyAllowed && r.contentType() != null,
                    bodyAllowed || r.status() == RESET_CONTENT ? (bodyAllowed ? contentLength : 0) : -1,
                    bodyAllowed && contentLength < 0 && chunked, (options & CLOSE) != 0, (options & HTTP_1_0) != 0);
            return out;
        } catch (RuntimeException | Error e) {
            out.release();
            throw e;
        }
    }

    /**
     * The status line and headers, up to and including the empty line: the given headers but those Weft sets
     * itself, then {@code Content-Type} (if {@code setType}), the framing ({@code Content-Length} when
     * {@code length} is not negative, else {@code Transfer-Encoding: chunked} if {@code chunked}), {@code Date},
     * {@code Server}, cookies and {@code Connection}.
     */
    private void writeHead(ByteBuf out, ResponseParts r, @Nullable HttpHeaders sent, boolean setType, long length,
                           boolean chunked, boolean close, boolean http10) {
        statusLine(out, r.status(), r.reason());
        HttpHeaders given = r.headers();
        boolean setConnection = close || http10;
        boolean givenServer = false;
        if (given != null) {
            for (Iterator<Map.Entry<CharSequence, CharSequence>> it = given.iteratorCharSequence(); it.hasNext();) {
                Map.Entry<CharSequence, CharSequence> h = it.next();
                CharSequence name = h.getKey();
                // Weft frames every body itself: a given Transfer-Encoding or Content-Length would contradict it
                // (or, where no body may go, announce one).
                if ((setType && HttpHeaderNames.CONTENT_TYPE.contentEqualsIgnoreCase(name))
                        || HttpHeaderNames.CONTENT_LENGTH.contentEqualsIgnoreCase(name)
                        || HttpHeaderNames.TRANSFER_ENCODING.contentEqualsIgnoreCase(name)
                        || HttpHeaderNames.DATE.contentEqualsIgnoreCase(name)
                        || (setConnection && HttpHeaderNames.CONNECTION.contentEqualsIgnoreCase(name))) {
                    continue; // ours replaces it
                }
                givenServer |= HttpHeaderNames.SERVER.contentEqualsIgnoreCase(name);
                header(out, sent, name, h.getValue());
            }
        }
        // The usual lines go out whole, encoded once: a copy each instead of four.
        if (setType) {
            byte[] typeLine = contentTypeLine(r.contentType());
            if (typeLine != null) {
                out.writeBytes(typeLine);
                if (sent != null) {
                    sent.add(HttpHeaderNames.CONTENT_TYPE, r.contentType());
                }
            } else {
                header(out, sent, HttpHeaderNames.CONTENT_TYPE, r.contentType());
            }
        }
        if (length >= 0) {
            out.writeBytes(CONTENT_LENGTH_PREFIX);
            writeDecimal(out, length);
            out.writeBytes(CRLF);
            if (sent != null) {
                sent.add(HttpHeaderNames.CONTENT_LENGTH, Long.toString(length));
            }
        } else if (chunked) {
            header(out, sent, HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        }
        out.writeBytes(date.line());
        if (sent != null) {
            sent.add(HttpHeaderNames.DATE, date.now());
        }
        if (serverLine.length > 0 && !givenServer) {
            out.writeBytes(serverLine);
            if (sent != null) {
                sent.add(HttpHeaderNames.SERVER, serverHeader);
            }
        }
        if (r.cookies() != null) {
            for (Cookie c : r.cookies()) {
                header(out, sent, HttpHeaderNames.SET_COOKIE, c.toSetCookieHeader());
            }
        }
        if (close) {
            header(out, sent, HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        } else if (http10) {
            header(out, sent, HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        }
        out.writeBytes(CRLF);
    }

    private static void statusLine(ByteBuf out, int status, @Nullable String reason) {
        if (reason == null && status >= 100 && status < 600 && STATUS_LINES[status - 100] != null) {
            out.writeBytes(STATUS_LINES[status - 100]);
            return;
        }
        out.writeCharSequence("HTTP/1.1 ", StandardCharsets.US_ASCII);
        ByteBufUtil.writeAscii(out, Integer.toString(status));
        out.writeByte(' ');
        // Controls were refused when the reason was set; other characters go out as Latin-1, as Netty would.
        out.writeCharSequence(reason != null ? reason : HttpStatus.reason(status), StandardCharsets.ISO_8859_1);
        out.writeBytes(CRLF);
    }

    private static void header(ByteBuf out, @Nullable HttpHeaders sent, CharSequence name, CharSequence value) {
        write(out, name);
        out.writeBytes(COLON_SPACE);
        write(out, value);
        out.writeBytes(CRLF);
        if (sent != null) {
            sent.add(name, value);
        }
    }

    /** Header names and values were validated when set (no CR, LF or other controls); written as Latin-1. */
    private static void write(ByteBuf out, CharSequence s) {
        if (s instanceof AsciiString a) {
            out.writeBytes(a.array(), a.arrayOffset(), a.length());
        } else {
            out.writeCharSequence(s, StandardCharsets.ISO_8859_1);
        }
    }

    private static byte[][] statusLines() {
        byte[][] lines = new byte[500][];
        for (int code = 100; code < 600; code++) {
            String reason = HttpStatus.reason(code);
            if (reason != null && !reason.isEmpty()) {
                lines[code - 100] = ("HTTP/1.1 " + code + " " + reason + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
            }
        }
        return lines;
    }

    /** The whole {@code Content-Type} line of a common type, encoded once; null for another type. */
    private static byte @Nullable [] contentTypeLine(String ct) {
        switch (ct) {
            case dev.weft.http.MediaTypes.TEXT_PLAIN: return TEXT_PLAIN_LINE;
            case dev.weft.http.MediaTypes.APPLICATION_JSON: return APPLICATION_JSON_LINE;
            case dev.weft.http.MediaTypes.TEXT_HTML: return TEXT_HTML_LINE;
            default: return null;
        }
    }

    /** {@code name: value\r\n}, as Latin-1 bytes. */
    static byte[] line(CharSequence name, CharSequence value) {
        return (name + ": " + value + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    /** {@code value} (not negative) in decimal ASCII, written in place: no string per response. */
    private static void writeDecimal(ByteBuf out, long value) {
        int digits = 1;
        for (long v = value; v >= 10; v /= 10) {
            digits++;
        }
        out.ensureWritable(digits);
        int at = out.writerIndex() + digits;
        long v = value;
        do {
            out.setByte(--at, (int) ('0' + v % 10));
            v /= 10;
        } while (v != 0);
        out.writerIndex(out.writerIndex() + digits);
    }

    private static ByteBuf body(ByteBufAllocator alloc, Object body, JsonCodec codec) throws IOException {
        if (body instanceof String) {
            return Unpooled.EMPTY_BUFFER; // the empty string: a non-empty one is written after the head
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
