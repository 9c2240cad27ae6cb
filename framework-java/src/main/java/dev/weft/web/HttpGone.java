package dev.weft.web;

import org.jspecify.annotations.Nullable;

/** 410 What was here is gone for good: see {@link HttpException}. */
public class HttpGone extends HttpException {
    private static final long serialVersionUID = 1L;

    public HttpGone() {
        super(410);
    }

    /** With {@code text} as the plain-text body. */
    public HttpGone(@Nullable String text) {
        super(410, text);
    }
}
