package dev.weft.web;

/** 303 redirect to a location: see {@link HttpRedirect}. */
public class HttpSeeOther extends HttpRedirect {
    private static final long serialVersionUID = 1L;

    public HttpSeeOther(String location) {
        super(303, location);
    }
}
