package dev.weft.web;

/** 308 redirect to a location: see {@link HttpRedirect}. */
public class HttpPermanentRedirect extends HttpRedirect {
    private static final long serialVersionUID = 1L;

    public HttpPermanentRedirect(String location) {
        super(308, location);
    }
}
