package dev.weft.internal.web;

import dev.weft.web.Handler;
import dev.weft.web.HttpMethodNotAllowed;
import dev.weft.web.HttpNotFound;
import dev.weft.web.Reply;
import dev.weft.web.Request;
import dev.weft.web.RequestKey;
import java.util.Set;

/**
 * The innermost handler for requests no route took: 404, or 405 with {@code Allow}. The methods allowed reach it as
 * request state ({@link #ALLOWED}, set by the exchange only for a 405), so a middleware that wraps or clones the
 * request still gets the right answer.
 */
public final class UnmatchedHandler implements Handler {
    public static final UnmatchedHandler INSTANCE = new UnmatchedHandler();

    /** The methods the path allows, on a request whose method it does not. */
    public static final RequestKey<Set<String>> ALLOWED = RequestKey.ofGeneric("weft.allowedMethods", Set.class);

    private UnmatchedHandler() {
    }

    @Override
    public Reply handle(Request request) {
        Set<String> allowed = request.get(ALLOWED);
        return allowed != null ? new HttpMethodNotAllowed(request.method(), allowed) : new HttpNotFound();
    }
}
