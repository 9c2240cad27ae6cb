package dev.weft.web;

import org.jspecify.annotations.Nullable;

/** 501 The server does not support this: see {@link HttpException}. */
public class HttpNotImplemented extends HttpException {
    private static final long serialVersionUID = 1L;

    public HttpNotImplemented() {
        super(501);
    }

    /** With {@code text} as the plain-text body. */
    public HttpNotImplemented(@Nullable String text) {
        super(501, text);
    }
}
