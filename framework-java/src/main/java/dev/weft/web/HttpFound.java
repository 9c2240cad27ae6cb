package dev.weft.web;

/** 302 redirect to a location: see {@link HttpRedirect}. */
public class HttpFound extends HttpRedirect {
    private static final long serialVersionUID = 1L;

    public HttpFound(String location) {
        super(302, location);
    }
}
