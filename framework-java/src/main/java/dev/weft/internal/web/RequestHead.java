package dev.weft.internal.web;

import dev.weft.http.Headers;
import dev.weft.http.UrlCodec;

/**
 * A request's line and headers as received (or as a {@code clone} changed them): what a request and its clones do
 * not share. {@code path} is percent-decoded; the others are as sent.
 */
public record RequestHead(String method, String rawTarget, String rawPath, String path, String queryString,
                          Headers headers, String version, boolean keepAlive) {

    /**
     * The head of a request for {@code target} (raw path and query, starting with {@code /}).
     *
     * @throws IllegalArgumentException for malformed percent-encoding in the path
     */
    public static RequestHead of(String method, String target, Headers headers, String version, boolean keepAlive) {
        int q = target.indexOf('?');
        String rawPath = q < 0 ? target : target.substring(0, q);
        String query = q < 0 ? "" : target.substring(q + 1);
        return new RequestHead(method, target, rawPath, UrlCodec.decodePath(rawPath), query, headers, version,
                keepAlive);
    }
}
