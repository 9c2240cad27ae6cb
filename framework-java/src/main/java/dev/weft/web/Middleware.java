package dev.weft.web;

/**
 * Wraps the handling of a request. Middlewares run in registration order, the first registered outermost; each may
 * short-circuit (return without calling {@code next}), change the request ({@link Request#clone}), put data on it
 * ({@link Request#set}), or work on the reply of {@code next} ({@link Reply#then}, {@link Reply#recover}).
 *
 * <pre>{@code
 * app.use((req, next) -> next.handle(req).then(res -> res.header("X-Frame-Options", "DENY")));
 * }</pre>
 *
 * <p>{@link Next} never throws: an exception of the inner handler comes back as a failed reply, so
 * {@link Reply#recover} sees thrown and asynchronous failures alike.
 */
@FunctionalInterface
public interface Middleware {
    Reply handle(Request request, Next next) throws Exception;
}
