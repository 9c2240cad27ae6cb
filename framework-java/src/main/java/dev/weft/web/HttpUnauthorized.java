package dev.weft.web;

import org.jspecify.annotations.Nullable;

/** 401 Authentication is required: see {@link HttpException}. */
public class HttpUnauthorized extends HttpException {
    private static final long serialVersionUID = 1L;

    public HttpUnauthorized() {
        super(401);
    }

    /** With {@code text} as the plain-text body. */
    public HttpUnauthorized(@Nullable String text) {
        super(401, text);
    }
}
