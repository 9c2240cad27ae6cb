package dev.weft.web;

import dev.weft.http.HttpHeaders;
import java.util.Set;

/** 405: the path exists but not for this method; the response lists the allowed methods in {@code Allow}. */
public class HttpMethodNotAllowed extends HttpException {
    private static final long serialVersionUID = 1L;
    private final Set<String> allowed;

    public HttpMethodNotAllowed(String method, Set<String> allowed) {
        super(405, "405: Method Not Allowed");
        this.allowed = Set.copyOf(allowed);
        header(HttpHeaders.ALLOW, String.join(", ", new java.util.TreeSet<>(allowed)));
    }

    /** The methods the path accepts. */
    public Set<String> allowed() {
        return allowed;
    }
}
