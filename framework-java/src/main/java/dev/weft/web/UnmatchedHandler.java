package dev.weft.web;

import dev.weft.internal.web.RouteMatch;
import dev.weft.internal.web.Unmatched;

/** The innermost handler for requests no route took: 404, or 405 with {@code Allow}. */
final class UnmatchedHandler implements Handler {
    static final UnmatchedHandler INSTANCE = new UnmatchedHandler();

    private UnmatchedHandler() {
    }

    @Override
    public Reply handle(Request request) {
        RouteMatch match = Unmatched.of(request);
        if (match instanceof RouteMatch.MethodNotAllowed m) {
            return new HttpMethodNotAllowed(request.method(), m.allowed());
        }
        return new HttpNotFound();
    }
}
