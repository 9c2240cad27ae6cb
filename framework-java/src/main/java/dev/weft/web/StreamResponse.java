package dev.weft.web;

import dev.weft.http.Cookie;
import dev.weft.http.HttpHeaders;
import dev.weft.http.HttpStatus;
import dev.weft.http.MutableHeaders;
import dev.weft.internal.http.NettyHeaders;
import dev.weft.internal.web.BodySink;
import dev.weft.internal.web.ResponseParts;
import dev.weft.internal.web.StreamStart;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * A response whose body is written in parts, as aiohttp's {@code StreamResponse}: set the status and headers,
 * {@link #prepare} (the head is sent and the headers are frozen), {@link #write} the body as it is made, then
 * {@link #writeEof}. The handler returns this object as its {@link Reply}.
 * <pre>{@code
 * routes.get("/numbers", req -> {
 *     var resp = new StreamResponse().contentType("text/plain");
 *     return Reply.async(resp.prepare(req)
 *             .thenCompose(v -> resp.write("one\n"))
 *             .thenCompose(v -> resp.write("two\n"))
 *             .thenCompose(v -> resp.writeEof())
 *             .thenApply(v -> resp));
 * });
 * }</pre>
 *
 * <p><b>Framing.</b> With a {@link #contentLength} the body is sent as exactly that many bytes (writing more fails;
 * ending with fewer closes the connection, so the client sees a short body); without one it is sent in chunks, or,
 * to an HTTP/1.0 client, until the connection closes. To a {@code HEAD} request, and for a status that carries no body
 * (204, 304, 1xx), the head goes out alone and writes are dropped.
 *
 * <p><b>Backpressure.</b> A write's stage completes when the connection can take more: at once while its outbound
 * buffer is under the high water mark, otherwise once the client has read enough. A handler that waits for each write
 * therefore never makes the server buffer more than the water mark and one write, however slow the reader.
 *
 * <p><b>A client that went away.</b> Writes fail with {@link ClientDisconnectedException}, and {@link #disconnected()}
 * completes: a handler that waits for something else (a queue, a subscription) learns of it there.
 *
 * <p><b>Returned unfinished.</b> When the handler's reply completes with a stream that was never prepared, the server
 * prepares it and ends it (an empty body); one that was prepared is ended. If the handler fails after
 * {@link #prepare}, the head is out and no error page can follow: the connection is closed before the body ends, which
 * the client sees as an incomplete response.
 *
 * <p><b>Threads.</b> Set the head and call {@link #prepare} on the request's loop thread (from the handler). The
 * writes, {@link #writeEof} and {@link #disconnected} may be called from any thread; calls from one thread are done
 * in call order, and their stages complete on the loop thread. Middlewares' {@link #then}/{@link #recover} pass a
 * stream response through untouched: its head is the handler's.
 */
public final class StreamResponse implements Reply {
    private int status;
    private @Nullable String reason;
    private @Nullable String contentType;
    private long contentLength = -1;
    private @Nullable NettyHeaders headers;
    private @Nullable List<Cookie> cookies;
    private volatile @Nullable BodySink sink;

    /** A 200 response. */
    public StreamResponse() {
        this(HttpStatus.OK);
    }

    /** A response with {@code status} (100–999). */
    public StreamResponse(int status) {
        this.status = checkStatus(status);
    }

    // ---- the head, until prepare()

    /** Sets the status code (100–999). */
    public StreamResponse status(int status) {
        checkNotPrepared("status");
        this.status = checkStatus(status);
        return this;
    }

    /** Sets a reason phrase other than the standard one. CR, LF and other controls are refused. */
    public StreamResponse reason(String reason) {
        checkNotPrepared("reason");
        Response.empty(status).reason(reason); // the same check as a Response's
        this.reason = reason;
        return this;
    }

    /** Sets the {@code Content-Type}. Without one, the body goes out with none. */
    public StreamResponse contentType(String contentType) {
        checkNotPrepared("Content-Type");
        this.contentType = Response.empty(status).contentType(contentType).contentType(); // the same check
        return this;
    }

    /**
     * Declares the body's length: it is then sent with {@code Content-Length}, not chunked.
     *
     * @throws IllegalArgumentException if {@code bytes} is negative
     */
    public StreamResponse contentLength(long bytes) {
        checkNotPrepared("Content-Length");
        if (bytes < 0) {
            throw new IllegalArgumentException("contentLength must be >= 0, got " + bytes);
        }
        this.contentLength = bytes;
        return this;
    }

    /**
     * Sets header {@code name} to {@code value}, replacing earlier values. {@code Content-Length} and
     * {@code Transfer-Encoding} are the server's (see {@link #contentLength}); given here, they are not sent.
     */
    public StreamResponse header(String name, Object value) {
        if (HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name)) {
            return contentType(value.toString());
        }
        checkNotPrepared("headers");
        headers().set(name, value);
        return this;
    }

    /** Adds a {@code Set-Cookie}. */
    public StreamResponse cookie(Cookie cookie) {
        checkNotPrepared("cookies");
        if (cookies == null) {
            cookies = new ArrayList<>(2);
        }
        cookies.add(cookie);
        return this;
    }

    /** The headers set so far, changeable until {@link #prepare}; changes after it are not sent. */
    public MutableHeaders headers() {
        if (headers == null) {
            headers = NettyHeaders.create();
        }
        return headers;
    }

    /** The status code. */
    public int status() {
        return status;
    }

    /** The reason phrase: the one set, or the standard one for the status. */
    public String reason() {
        return reason != null ? reason : HttpStatus.reason(status);
    }

    /** The {@code Content-Type}, or null. */
    public @Nullable String contentType() {
        return contentType;
    }

    /** The declared body length, or -1 for none (chunked). */
    public long contentLength() {
        return contentLength;
    }

    /** Whether {@link #prepare} has sent the head. */
    public boolean prepared() {
        return sink != null;
    }

    // ---- the body

    /**
     * Sends the head: status, headers, cookies and the framing. Completes at once; fails with
     * {@link IllegalStateException} if the request has been answered already, its connection is gone, or it did not
     * come from a connection (a request made with {@link Request#builder}). Call it once, on the loop thread.
     */
    public CompletionStage<Void> prepare(Request request) {
        if (sink != null) {
            return CompletableFuture.failedFuture(new IllegalStateException("prepare() was called already"));
        }
        StreamStart start = request.get(StreamStart.KEY);
        if (start == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("a StreamResponse needs a request served"
                    + " on a connection; " + request + " has none (made with Request.builder?)"));
        }
        try {
            sink = start.start(new ResponseParts(status, reason, contentType, null,
                    headers == null ? null : headers.unwrap(), cookies), contentLength);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return CompletableFuture.completedFuture(null);
    }

    /** Writes {@code data} (copied before this returns); see the class notes on backpressure and framing. */
    public CompletionStage<Void> write(byte[] data) {
        return write(data, 0, data.length);
    }

    /** Writes {@code length} bytes of {@code data} from {@code offset} (copied before this returns). */
    public CompletionStage<Void> write(byte[] data, int offset, int length) {
        BodySink s = sink;
        if (s == null) {
            return notPrepared();
        }
        return s.write(data, offset, length);
    }

    /** Writes {@code text} as UTF-8. */
    public CompletionStage<Void> write(String text) {
        return write(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Ends the body; later writes fail. Idempotent. Fails with {@link IllegalStateException} if fewer bytes than a
     * declared {@link #contentLength} were written (the connection is closed then).
     */
    public CompletionStage<Void> writeEof() {
        BodySink s = sink;
        if (s == null) {
            return notPrepared();
        }
        return s.end();
    }

    /**
     * Completes when the client goes away before the body ended; never if the body ends first. Fails if not
     * prepared.
     */
    public CompletionStage<Void> disconnected() {
        BodySink s = sink;
        if (s == null) {
            return notPrepared();
        }
        return s.disconnected();
    }

    // ---- Reply: the head is the handler's, sent by prepare()

    @Override
    public Reply then(ResponseFunction fn) {
        return this;
    }

    @Override
    public Reply recover(ErrorFunction fn) {
        return this;
    }

    /**
     * A stage of a {@link Response} with this stream's status and no body, standing for it where a {@code Response}
     * is wanted (the stream's body is not in it).
     */
    @Override
    public CompletionStage<Response> toStage() {
        return CompletableFuture.completedFuture(Response.empty(status));
    }

    @Override
    public String toString() {
        return "StreamResponse[" + status + " " + reason() + (sink == null ? ", not prepared" : "") + "]";
    }

    private static <T> CompletionStage<T> notPrepared() {
        return CompletableFuture.failedFuture(new IllegalStateException(
                "the StreamResponse is not prepared: call prepare(request) first"));
    }

    private void checkNotPrepared(String what) {
        if (sink != null) {
            throw new IllegalStateException("cannot change " + what + ": prepare() has sent the head");
        }
    }

    private static int checkStatus(int status) {
        if (status < 100 || status > 999) {
            throw new IllegalArgumentException("status must be 100–999, got " + status);
        }
        return status;
    }
}
