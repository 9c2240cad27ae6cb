package dev.weft.web;

import org.jspecify.annotations.Nullable;

/** 500 The server failed: see {@link HttpException}. */
public class HttpInternalServerError extends HttpException {
    private static final long serialVersionUID = 1L;

    public HttpInternalServerError() {
        super(500);
    }

    /** With {@code text} as the plain-text body. */
    public HttpInternalServerError(@Nullable String text) {
        super(500, text);
    }
}
