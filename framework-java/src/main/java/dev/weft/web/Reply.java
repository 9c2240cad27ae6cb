package dev.weft.web;

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
        return new LaterReply(stage);
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
