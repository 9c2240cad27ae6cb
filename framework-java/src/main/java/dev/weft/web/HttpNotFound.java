package dev.weft.web;

import org.jspecify.annotations.Nullable;

/** 404 Nothing is at this path: see {@link HttpException}. */
public class HttpNotFound extends HttpException {
    private static final long serialVersionUID = 1L;

    public HttpNotFound() {
        super(404);
    }

    /** With {@code text} as the plain-text body. */
    public HttpNotFound(@Nullable String text) {
        super(404, text);
    }
}
