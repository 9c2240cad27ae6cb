package dev.weft.web;

/**
 * The rest of the chain a {@link Middleware} wraps: the inner middlewares and the handler. It never throws: an
 * exception of the inner handler comes back as a failed reply, for {@link Reply#recover}. So it can be called from
 * any lambda, such as a {@code thenCompose}, without a try/catch.
 */
@FunctionalInterface
public interface Next {
    Reply handle(Request request);
}
