package dev.weft.web;

/** 301 redirect to a location: see {@link HttpRedirect}. */
public class HttpMovedPermanently extends HttpRedirect {
    private static final long serialVersionUID = 1L;

    public HttpMovedPermanently(String location) {
        super(301, location);
    }
}
