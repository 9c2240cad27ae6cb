package dev.weft.web;

import org.jspecify.annotations.Nullable;

/** 429 The client sent too many requests: see {@link HttpException}. */
public class HttpTooManyRequests extends HttpException {
    private static final long serialVersionUID = 1L;

    public HttpTooManyRequests() {
        super(429);
    }

    /** With {@code text} as the plain-text body. */
    public HttpTooManyRequests(@Nullable String text) {
        super(429, text);
    }
}
