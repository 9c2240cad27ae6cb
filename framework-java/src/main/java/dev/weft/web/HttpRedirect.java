package dev.weft.web;

import dev.weft.http.HttpHeaders;

/** A 3xx answer with a {@code Location}; thrown or returned like any {@link HttpException}. */
public class HttpRedirect extends HttpException {
    private static final long serialVersionUID = 1L;
    private final String location;

    /** A redirect with a 3xx {@code status} to {@code location}. */
    public HttpRedirect(int status, String location) {
        super(status);
        if (status < 300 || status > 399) {
            throw new IllegalArgumentException("a redirect status is 3xx, got " + status);
        }
        this.location = location;
        header(HttpHeaders.LOCATION, location);
    }

    /** Where the client is sent. */
    public String location() {
        return location;
    }
}
