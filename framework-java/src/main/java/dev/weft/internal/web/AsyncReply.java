package dev.weft.internal.web;

import dev.weft.internal.loop.NettyLoop;
import dev.weft.internal.util.Failures;
import dev.weft.web.Reply;
import dev.weft.web.Response;
import io.netty.util.concurrent.EventExecutor;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;

/** A reply that a stage completes later; see {@link Reply#async}. */
public final class AsyncReply implements Reply {
    private final CompletionStage<? extends Reply> stage;
    /** The handler's own stage, upstream of {@code then}/{@code recover}: where a cancellation must reach. */
    private final CompletionStage<?> origin;

    public AsyncReply(CompletionStage<? extends Reply> stage) {
        this(stage, stage);
    }

    private AsyncReply(CompletionStage<? extends Reply> stage, CompletionStage<?> origin) {
        this.stage = stage;
        this.origin = origin;
    }

    /** Cancels the handler's stage (and so everything derived from it), as when the client went away. */
    @Override
    public boolean cancel() {
        boolean cancelled = origin.toCompletableFuture().cancel(true);
        return stage.toCompletableFuture().cancel(true) || cancelled;
    }

    @Override
    public Reply then(ResponseFunction fn) {
        return new AsyncReply(onCallersLoop((reply, error) -> settle(reply, error).then(fn)), origin);
    }

    @Override
    public Reply recover(ErrorFunction fn) {
        return new AsyncReply(onCallersLoop((reply, error) -> settle(reply, error).recover(fn)), origin);
    }

    /**
     * Applies {@code fn} when the stage completes, on the event loop of the thread calling this (a middleware on
     * the loop): a stage may complete on any thread, but middlewares and the request they hold are loop-thread only.
     */
    private CompletionStage<Reply> onCallersLoop(BiFunction<Reply, Throwable, Reply> fn) {
        Executor loop = NettyLoop.callingThreadExecutor();
        if (loop == null) {
            return stage.handle(fn);
        }
        CompletableFuture<Reply> out = new CompletableFuture<>();
        stage.whenComplete((reply, error) -> {
            Runnable settle = () -> {
                try {
                    out.complete(fn.apply(reply, error));
                } catch (Throwable t) {
                    out.complete(Reply.failed(t));
                }
            };
            if (loop instanceof EventExecutor e && e.inEventLoop()) {
                settle.run();
            } else {
                loop.execute(settle);
            }
        });
        return out;
    }

    /**
     * Calls {@code action} with the reply this one comes to (a {@link Response}, an {@link dev.weft.web.HttpException},
     * a stream or WebSocket response, …) or with its failure, without a stage in between: what the server waits on for
     * every later reply (and an upgraded WebSocket, for its whole life), so one stage and one node fewer each.
     */
    public void whenSettled(BiConsumer<? super Reply, ? super Throwable> action) {
        stage.whenComplete((reply, error) -> {
            Reply r = settle(reply, error);
            if (r instanceof FailedReply f) {
                action.accept(null, f.error());
            } else {
                action.accept(r, null);
            }
        });
    }

    @Override
    public CompletionStage<Response> toStage() {
        return stage.thenCompose(reply -> settle(reply, null).toStage());
    }

    /** The reply a completed stage stands for: its value, or its failure unwrapped. */
    private static Reply settle(Reply reply, Throwable error) {
        if (error != null) {
            return Reply.failed(Failures.unwrap(error));
        }
        if (reply == null) {
            return new FailedReply(new NullPointerException("the handler's stage completed with null, not a reply"));
        }
        return reply;
    }
}
