package dev.weft.web;

import java.util.concurrent.CompletionStage;

/** A reply that failed with an exception other than {@link HttpException}; answered with 500. */
final class FailedReply implements Reply {
    private final Throwable error;

    FailedReply(Throwable error) {
        this.error = error;
    }

    Throwable error() {
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
        return LaterReply.failedStage(error);
    }
}
