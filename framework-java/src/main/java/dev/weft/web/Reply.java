package dev.weft.web;

import dev.weft.internal.web.AsyncReply;
import dev.weft.internal.web.FailedReply;
import java.util.concurrent.CompletionStage;

/**
 * What a {@link Handler} or {@link Middleware} returns: a {@link Response} now, an {@link HttpException}, or a
 * response that will come later ({@link #async}).
 *
 * <p>This one return type lets a handler lambda return either form without a cast:
 * <pre>{@code
 * routes.get("/now", req -> Response.text("hello"));
 * routes.get("/later", req -> Reply.async(service.load(req.param("id")).thenApply(Response::json)));
 * }</pre>
 *
 * <p>A middleware works on the reply of the handler it wraps with {@link #then} and {@link #recover}, which treat a
 * response that is already there and one that comes later alike, without allocating for the former.
 */
public interface Reply {

    /** A reply that completes when {@code stage} does; the stage may complete on any thread. */
    static Reply async(CompletionStage<? extends Reply> stage) {
        return new AsyncReply(stage);
    }

    /** A reply that failed with {@code error}; an {@link HttpException} becomes its response, anything else a 500. */
    static Reply failed(Throwable error) {
        return error instanceof HttpException h ? h : new FailedReply(error);
    }

    /**
     * Applies {@code fn} to the response once there is one. Failures (including {@link HttpException}s) pass through
     * untouched; an exception thrown by {@code fn} becomes this reply's failure. Called on a loop thread, {@code fn}
     * runs on that loop thread, also when the response comes from a stage completed on another thread.
     */
    Reply then(ResponseFunction fn);

    /**
     * Turns a failure into a reply: a thrown or returned {@link HttpException}, or any other exception of the inner
     * handler. A successful response passes through untouched. Runs on the calling loop thread, as {@link #then}.
     */
    Reply recover(ErrorFunction fn);

    /** This reply as a stage of the response; an {@link HttpException} fails the stage. */
    CompletionStage<Response> toStage();

    /**
     * Cancels the work behind a reply that is still to come ({@link #async}): the handler's stage is cancelled, and
     * so is what was derived from it with {@link #then}/{@link #recover}. The server does this when the client goes
     * away (where the server is set to) and for handlers still running when a graceful stop runs out of time; a
     * timeout middleware may do it too. A reply that is already there (a {@link Response}, an {@link HttpException},
     * a failure) has nothing to cancel. Any thread.
     *
     * @return whether this call cancelled something
     */
    default boolean cancel() {
        return false;
    }

    /** What a middleware does with a response: return it (changed or not) or another reply. */
    @FunctionalInterface
    interface ResponseFunction {
        Reply apply(Response response) throws Exception;
    }

    /** What a middleware does with a failure: return a reply, or throw to pass a failure on. */
    @FunctionalInterface
    interface ErrorFunction {
        Reply apply(Throwable error) throws Exception;
    }
}
