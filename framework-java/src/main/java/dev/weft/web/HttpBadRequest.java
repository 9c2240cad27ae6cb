package dev.weft.web;

import org.jspecify.annotations.Nullable;

/** 400 The request is malformed: see {@link HttpException}. */
public class HttpBadRequest extends HttpException {
    private static final long serialVersionUID = 1L;

    public HttpBadRequest() {
        super(400);
    }

    /** With {@code text} as the plain-text body. */
    public HttpBadRequest(@Nullable String text) {
        super(400, text);
    }
}
