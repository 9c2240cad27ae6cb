package dev.weft.web;

import org.jspecify.annotations.Nullable;

/** 415 The body's media type is not accepted: see {@link HttpException}. */
public class HttpUnsupportedMediaType extends HttpException {
    private static final long serialVersionUID = 1L;

    public HttpUnsupportedMediaType() {
        super(415);
    }

    /** With {@code text} as the plain-text body. */
    public HttpUnsupportedMediaType(@Nullable String text) {
        super(415, text);
    }
}
