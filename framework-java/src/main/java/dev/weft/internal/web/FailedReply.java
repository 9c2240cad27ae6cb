package dev.weft.internal.web;

import dev.weft.web.HttpException;
import dev.weft.web.Reply;
import dev.weft.web.Response;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** A reply that failed with an exception other than {@link HttpException}; answered with 500. */
public final class FailedReply implements Reply {
    private final Throwable error;

    public FailedReply(Throwable error) {
        this.error = error;
    }

    /** What the reply failed with. */
    public Throwable error() {
        return error;
    }

    @Override
    public Reply then(ResponseFunction fn) {
        return this;
    }

    @Override
    public Reply recover(ErrorFunction fn) {
        try {
            return fn.apply(error);
        } catch (Exception e) {
            return Reply.failed(e);
        }
    }

    @Override
    public CompletionStage<Response> toStage() {
        return CompletableFuture.failedFuture(error);
    }

    @Override
    public String toString() {
        return "FailedReply[" + error + "]";
    }
}
