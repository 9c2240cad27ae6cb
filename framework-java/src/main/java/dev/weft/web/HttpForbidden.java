package dev.weft.web;

import org.jspecify.annotations.Nullable;

/** 403 The client may not do this: see {@link HttpException}. */
public class HttpForbidden extends HttpException {
    private static final long serialVersionUID = 1L;

    public HttpForbidden() {
        super(403);
    }

    /** With {@code text} as the plain-text body. */
    public HttpForbidden(@Nullable String text) {
        super(403, text);
    }
}
