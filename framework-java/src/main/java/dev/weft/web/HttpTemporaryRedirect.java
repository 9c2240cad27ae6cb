package dev.weft.web;

/** 307 redirect to a location: see {@link HttpRedirect}. */
public class HttpTemporaryRedirect extends HttpRedirect {
    private static final long serialVersionUID = 1L;

    public HttpTemporaryRedirect(String location) {
        super(307, location);
    }
}
