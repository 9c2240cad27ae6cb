package dev.weft.web;

import org.jspecify.annotations.Nullable;

/** 409 The request conflicts with the current state: see {@link HttpException}. */
public class HttpConflict extends HttpException {
    private static final long serialVersionUID = 1L;

    public HttpConflict() {
        super(409);
    }

    /** With {@code text} as the plain-text body. */
    public HttpConflict(@Nullable String text) {
        super(409, text);
    }
}
