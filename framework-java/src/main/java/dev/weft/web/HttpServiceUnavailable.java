package dev.weft.web;

import org.jspecify.annotations.Nullable;

/** 503 The server cannot answer now: see {@link HttpException}. */
public class HttpServiceUnavailable extends HttpException {
    private static final long serialVersionUID = 1L;

    public HttpServiceUnavailable() {
        super(503);
    }

    /** With {@code text} as the plain-text body. */
    public HttpServiceUnavailable(@Nullable String text) {
        super(503, text);
    }
}
