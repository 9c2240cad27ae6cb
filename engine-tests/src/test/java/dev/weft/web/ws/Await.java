package dev.weft.web.ws;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waiting for a stage from the test's thread, with a timeout as a safety net (never a delay). */
final class Await {
    /** How long a WebSocket test waits for one thing before it fails. */
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private Await() {
    }

    /** The value of {@code stage}; rethrows its runtime failure, and fails the test after {@link #TIMEOUT}. */
    static <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (TimeoutException e) {
            throw new AssertionError("no result within " + TIMEOUT, e);
        }
    }
}
