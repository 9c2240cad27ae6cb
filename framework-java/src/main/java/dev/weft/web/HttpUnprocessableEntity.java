package dev.weft.web;

import org.jspecify.annotations.Nullable;

/** 422 The body is well-formed but its content is not acceptable: see {@link HttpException}. */
public class HttpUnprocessableEntity extends HttpException {
    private static final long serialVersionUID = 1L;

    public HttpUnprocessableEntity() {
        super(422);
    }

    /** With {@code text} as the plain-text body. */
    public HttpUnprocessableEntity(@Nullable String text) {
        super(422, text);
    }
}
