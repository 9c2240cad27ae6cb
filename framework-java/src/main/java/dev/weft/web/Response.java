package dev.weft.web;

import dev.weft.http.Cookie;
import dev.weft.http.HttpHeaders;
import dev.weft.http.HttpStatus;
import dev.weft.http.MediaTypes;
import dev.weft.http.MutableHeaders;
import dev.weft.internal.http.NettyHeaders;
import dev.weft.internal.web.JsonBody;
import dev.weft.internal.web.ResponseParts;
import dev.weft.internal.web.ResponseAccess;
import dev.weft.json.JsonCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * A complete HTTP response: status, headers, cookies and a body held in memory.
 *
 * <pre>{@code
 * return Response.json(user).status(201).header("Location", "/users/" + user.id());
 * }</pre>
 *
 * <p>Made by the static factories and changed by the fluent setters, which return this response. A response belongs
 * to the request that made it; it is not thread-safe. {@code Content-Length}, {@code Date} and {@code Server} are set
 * when it is sent. A JSON body is encoded when the response is sent, with the application's {@link JsonCodec}.
 */
public final class Response implements Reply {
    static {
        ResponseAccess.install(new ResponseAccess() {
            @Override
            protected ResponseParts partsOf(Response r) {
                return new ResponseParts(r.status, r.reason, r.contentType, r.body,
                        r.headers == null ? null : r.headers.unwrap(), r.cookies);
            }

            @Override
            protected @Nullable Object bodyOf(Response r) {
                return r.body;
            }
        });
    }

    private int status;
    private @Nullable String reason;
    private @Nullable String contentType;
    private @Nullable Object body;
    private @Nullable NettyHeaders headers;
    private @Nullable List<Cookie> cookies;

    private Response(int status, @Nullable String contentType, @Nullable Object body) {
        this.status = checkStatus(status);
        this.contentType = contentType;
        this.body = body;
    }

    /** 200 with a {@code text/plain; charset=utf-8} body. */
    public static Response text(String text) {
        return new Response(HttpStatus.OK, MediaTypes.TEXT_PLAIN, text);
    }

    /** 200 with a {@code text/html; charset=utf-8} body. */
    public static Response html(String html) {
        return new Response(HttpStatus.OK, MediaTypes.TEXT_HTML, html);
    }

    /** 200 with {@code value} as an {@code application/json} body, encoded by the application's codec. */
    public static Response json(@Nullable Object value) {
        return new Response(HttpStatus.OK, MediaTypes.APPLICATION_JSON, new JsonBody(value, null));
    }

    /** 200 with {@code value} as JSON encoded by {@code codec}. */
    public static Response json(@Nullable Object value, JsonCodec codec) {
        return new Response(HttpStatus.OK, MediaTypes.APPLICATION_JSON, new JsonBody(value, codec));
    }

    /**
     * 200 with a binary body of {@code contentType}. The array is used as it is, not copied.
     *
     * @throws IllegalArgumentException if {@code contentType} has a control character (CR, LF, NUL, …)
     */
    public static Response bytes(byte[] body, String contentType) {
        return new Response(HttpStatus.OK, checkContentType(contentType), body);
    }

    /**
     * 200 with a binary body and no {@code Content-Type}: the client decides what it is (RFC 9110 §8.3), as aiohttp
     * sends a body whose type was never set. The array is used as it is, not copied.
     */
    public static Response bytes(byte[] body) {
        return new Response(HttpStatus.OK, null, body);
    }

    /**
     * 200 with the content of the file at {@code path}, as aiohttp's {@code FileResponse}; the file is read when the
     * response is sent, never into memory. What the server does with it:
     * <ul>
     *   <li>{@code Content-Type} by the file name's extension ({@link dev.weft.http.MediaTypes#forFileName}) unless
     *       one is set; {@code ETag} (aiohttp's form: modification time and size) and {@code Last-Modified};
     *       {@code Accept-Ranges: bytes};</li>
     *   <li>{@code If-Match}/{@code If-Unmodified-Since} answered with 412, {@code If-None-Match}/
     *       {@code If-Modified-Since} with 304; a single {@code Range} with 206 (subject to {@code If-Range}), or
     *       416 with {@code Content-Range: bytes *}{@code /size} when it cannot be satisfied; several ranges get the
     *       whole file;</li>
     *   <li>a precompressed sibling ({@code name.br}, then {@code name.gz}) sent instead, with
     *       {@code Content-Encoding} and {@code Vary: Accept-Encoding}, when the client accepts that coding;</li>
     *   <li>the bytes go from the file to the socket without a copy through the JVM where the transport allows
     *       ({@code sendfile} on plain TCP), in parts with backpressure elsewhere; a {@code HEAD} gets the head
     *       alone.</li>
     * </ul>
     * A path that is not a readable regular file is answered with 404. Opening and reading the file's attributes run
     * off the loop ({@link dev.weft.loop.Loop#runBlocking}). A status other than 200 set on this response is sent
     * as it is, without ranges or preconditions.
     */
    public static Response file(java.nio.file.Path path) {
        return new Response(HttpStatus.OK, null, new dev.weft.internal.web.FileBody(path));
    }

    /** A response with {@code status} and no body, such as 204. */
    public static Response empty(int status) {
        return new Response(status, null, null);
    }

    /** 302 Found to {@code location}. */
    public static Response redirect(String location) {
        return redirect(location, HttpStatus.FOUND);
    }

    /** A redirect (301, 302, 303, 307 or 308) to {@code location}. */
    public static Response redirect(String location, int status) {
        if (status < 300 || status > 399) {
            throw new IllegalArgumentException("a redirect status is 3xx, got " + status);
        }
        Response r = new Response(status, null, null);
        r.header(HttpHeaders.LOCATION, location);
        return r;
    }

    // ---- fluent setters

    /** Sets the status code (100–999). */
    public Response status(int status) {
        this.status = checkStatus(status);
        return this;
    }

    /** Sets a reason phrase other than the standard one. CR, LF and other controls are refused. */
    public Response reason(String reason) {
        for (int i = 0; i < reason.length(); i++) {
            char c = reason.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                throw new IllegalArgumentException("reason phrase contains a control character");
            }
        }
        this.reason = reason;
        return this;
    }

    /** Sets header {@code name} to {@code value}, replacing earlier values. */
    public Response header(String name, Object value) {
        if (HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name)) {
            return contentType(value.toString());
        }
        headers().set(name, value);
        return this;
    }

    /**
     * Sets the {@code Content-Type}. Held as given (a constant such as {@link MediaTypes#APPLICATION_JSON} costs
     * nothing per response) and checked here.
     *
     * @throws IllegalArgumentException if {@code contentType} has a control character (CR, LF, NUL, …)
     */
    public Response contentType(String contentType) {
        this.contentType = checkContentType(contentType);
        return this;
    }

    private static String checkContentType(String contentType) {
        if (!dev.weft.http.HttpTokens.isFieldValue(contentType)) {
            throw new IllegalArgumentException("a Content-Type cannot hold control characters: '"
                    + contentType.replaceAll("\\p{Cntrl}", "?") + "'");
        }
        return contentType;
    }

    /** Adds a {@code Set-Cookie}. */
    public Response cookie(Cookie cookie) {
        if (cookies == null) {
            cookies = new ArrayList<>(2);
        }
        cookies.add(cookie);
        return this;
    }

    /** Sets a cookie, as {@link #cookie(Cookie)} with {@link Cookie#of}. */
    public Response cookie(String name, String value) {
        return cookie(Cookie.of(name, value));
    }

    /** Tells the client to delete cookie {@code name} (path {@code /}). */
    public Response deleteCookie(String name) {
        return cookie(Cookie.expired(name, "/", null));
    }

    /** Tells the client to delete cookie {@code name} set with {@code path} and {@code domain}. */
    public Response deleteCookie(String name, @Nullable String path, @Nullable String domain) {
        return cookie(Cookie.expired(name, path, domain));
    }

    // ---- accessors

    /** The status code. */
    public int status() {
        return status;
    }

    /** The reason phrase: the one set, or the standard one for the status. */
    public String reason() {
        return reason != null ? reason : HttpStatus.reason(status);
    }

    /** Headers set so far (without {@code Content-Type}, {@code Content-Length} and cookies, kept apart). */
    public MutableHeaders headers() {
        if (headers == null) {
            headers = NettyHeaders.create();
        }
        return headers;
    }

    /** The {@code Content-Type}, or null when the response has no body. */
    public @Nullable String contentType() {
        return contentType;
    }

    /** The cookies to set, in order. */
    public List<Cookie> cookies() {
        return cookies == null ? List.of() : List.copyOf(cookies);
    }

    /** The body as bytes (JSON is encoded by the default codec here). Empty for a response without body. */
    public byte[] body() {
        Object b = body;
        if (b == null) {
            return new byte[0];
        }
        if (b instanceof byte[] bytes) {
            return bytes;
        }
        if (b instanceof String s) {
            return s.getBytes(StandardCharsets.UTF_8);
        }
        if (b instanceof dev.weft.internal.web.FileBody file) {
            try {
                return java.nio.file.Files.readAllBytes(file.path());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        JsonBody json = (JsonBody) b;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            (json.codec() != null ? json.codec() : JsonCodec.jackson()).write(json.value(), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The body decoded as UTF-8 text. */
    public String text() {
        return body instanceof String s ? s : new String(body(), StandardCharsets.UTF_8);
    }

    private static int checkStatus(int status) {
        if (status < 100 || status > 999) {
            throw new IllegalArgumentException("status must be 100–999, got " + status);
        }
        return status;
    }

    // ---- Reply

    @Override
    public Reply then(ResponseFunction fn) {
        try {
            return fn.apply(this);
        } catch (Exception e) {
            return Reply.failed(e);
        }
    }

    @Override
    public Reply recover(ErrorFunction fn) {
        return this;
    }

    @Override
    public CompletionStage<Response> toStage() {
        return CompletableFuture.completedFuture(this);
    }

    @Override
    public String toString() {
        return "Response[" + status + " " + reason() + (contentType == null ? "" : ", " + contentType) + "]";
    }
}
