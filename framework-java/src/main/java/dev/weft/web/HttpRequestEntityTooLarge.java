package dev.weft.web;

import org.jspecify.annotations.Nullable;

/** 413 The body is larger than the server accepts: see {@link HttpException}. */
public class HttpRequestEntityTooLarge extends HttpException {
    private static final long serialVersionUID = 1L;

    public HttpRequestEntityTooLarge() {
        super(413);
    }

    /** With {@code text} as the plain-text body. */
    public HttpRequestEntityTooLarge(@Nullable String text) {
        super(413, text);
    }
}
