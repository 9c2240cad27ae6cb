package dev.weft.web;

import dev.weft.http.HttpHeaders;
import dev.weft.http.HttpStatus;
import dev.weft.http.MutableHeaders;
import dev.weft.internal.http.NettyHeaders;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * An HTTP error or redirect, thrown or returned by a handler: {@code throw new HttpNotFound()} and
 * {@code return new HttpNotFound()} give the same response. The named subclasses ({@link HttpNotFound},
 * {@link HttpFound}, …) exist for the common statuses; any other status works through this class.
 *
 * <p>Stackless: these are expected outcomes, so creating one costs no stack walk. Not a {@link Response} (as in
 * aiohttp 4): {@link #toResponse()} makes one, which is what the server sends. The default body is
 * {@code "404: Not Found"}, as aiohttp's.
 */
public class HttpException extends RuntimeException implements Reply {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final @Nullable String text;
    private transient @Nullable NettyHeaders headers;

    /** An error with {@code status} and the default body. */
    public HttpException(int status) {
        this(status, null);
    }

    /** An error with {@code status} and {@code text} as its plain-text body (null for the default body). */
    public HttpException(int status, @Nullable String text) {
        super(status + ": " + HttpStatus.reason(status), null, false, false);
        if (status < 100 || status > 999) {
            throw new IllegalArgumentException("status must be 100–999, got " + status);
        }
        this.status = status;
        this.text = text;
    }

    /** The status code. */
    public int status() {
        return status;
    }

    /** The reason phrase of the status. */
    public String reason() {
        return HttpStatus.reason(status);
    }

    /** The body text: the one given, or {@code "<status>: <reason>"}. */
    public String text() {
        return text != null ? text : getMessage();
    }

    /** Extra headers to send with the response. */
    public final MutableHeaders headers() {
        if (headers == null) {
            headers = NettyHeaders.create();
        }
        return headers;
    }

    /** Adds a header to the response; returns this exception for chaining. */
    public final HttpException header(String name, Object value) {
        headers().set(name, value);
        return this;
    }

    /** The response the server sends for this exception. */
    public Response toResponse() {
        Response r = HttpStatus.forbidsBody(status) ? Response.empty(status) : Response.text(text()).status(status);
        if (headers != null) {
            for (var e : headers) {
                if (HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(e.getKey())) {
                    r.contentType(e.getValue());
                } else {
                    r.headers().add(e.getKey(), e.getValue());
                }
            }
        }
        return r;
    }

    @Override
    public Reply then(ResponseFunction fn) {
        return this;
    }

    @Override
    public Reply recover(ErrorFunction fn) {
        try {
            return fn.apply(this);
        } catch (Exception e) {
            return Reply.failed(e);
        }
    }

    @Override
    public CompletionStage<Response> toStage() {
        return CompletableFuture.failedFuture(this);
    }
}
