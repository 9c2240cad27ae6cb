package dev.weft.client;

import dev.weft.http.Headers;
import dev.weft.http.MultiMap;
import java.util.Map;
import java.util.concurrent.Flow;
import org.jspecify.annotations.Nullable;

/**
 * What one request adds to the session's defaults: headers, query parameters, a body, and per-request settings.
 * Given to the request methods of {@link ClientSession} as a lambda:
 *
 * <pre>{@code
 * session.request("POST", "/items", r -> r.json(item).header("X-Trace", id).query("dry", "1"));
 * }</pre>
 *
 * <p>Used on the calling thread while the request is made, never after. Header names and values and query
 * parameters are checked here: CR, LF or another control character throws {@link IllegalArgumentException} before
 * anything is sent. One body per request: the last body method called wins.
 */
public interface RequestOptions {

    /** Adds a header, after the session's default headers (a name given here replaces the session's). */
    RequestOptions header(String name, Object value);

    /** Adds every header of {@code headers}. */
    RequestOptions headers(Headers headers);

    /** Adds a query parameter (after those already in the URL). */
    RequestOptions query(String name, Object value);

    /** Adds every query parameter of {@code query}. */
    RequestOptions query(MultiMap query);

    /** Sends a cookie with this request only; not stored, and dropped by a redirect to another origin. */
    RequestOptions cookie(String name, String value);

    /** A JSON body, written with the session's codec; {@code Content-Type: application/json}. */
    RequestOptions json(@Nullable Object value);

    /** A form body ({@code application/x-www-form-urlencoded}). */
    RequestOptions form(MultiMap fields);

    /** A form body from single values, in the map's order. */
    RequestOptions form(Map<String, String> fields);

    /** A {@code multipart/form-data} body: fields and files. */
    RequestOptions multipart(MultipartForm form);

    /** A text body, UTF-8, {@code Content-Type: text/plain; charset=utf-8} unless set. */
    RequestOptions text(String text);

    /** A body of bytes with its {@code Content-Type}. */
    RequestOptions body(byte[] body, String contentType);

    /**
     * A streamed body, sent chunked as {@code body} publishes it; the client requests one chunk at a time and waits
     * while the socket is not writable. A streamed body cannot be replayed: a 307/308 redirect is then not followed
     * and the request is not retried.
     */
    RequestOptions stream(Flow.Publisher<byte[]> body, String contentType);

    /** Basic credentials for this request (replacing the session's). */
    RequestOptions auth(BasicAuth auth);

    /** Time limits for this request (replacing the session's). */
    RequestOptions timeout(ClientTimeout timeout);

    /** Whether to follow redirects; default true. */
    RequestOptions allowRedirects(boolean allow);

    /** At most this many redirects (replacing the session's). */
    RequestOptions maxRedirects(int maxRedirects);

    /** Whether a status of 400 or more fails the request (replacing the session's). */
    RequestOptions raiseForStatus(boolean raise);

    /** An HTTP proxy for this request, {@code http://[user:password@]host[:port]} (replacing the session's). */
    RequestOptions proxy(String proxyUrl);
}
