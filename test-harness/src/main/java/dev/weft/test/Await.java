package dev.weft.test;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waiting for a stage from a test's thread, with a timeout as a safety net (never a delay): a test that would hang
 * fails after {@link #TIMEOUT} instead, saying so.
 *
 * <pre>{@code
 * import static dev.weft.test.Await.await;
 * import static dev.weft.test.Await.failure;
 *
 * String text = await(await(client.get("/hello")).text());
 * assertThat(failure(session.get(url, o -> o.timeout(tight)))).isInstanceOf(ClientTimeoutException.class);
 * }</pre>
 *
 * Call it from the test's thread, never from a loop thread: it blocks.
 */
public final class Await {
    /** How long {@link #await} and {@link #failure} wait before they fail the test. */
    public static final Duration TIMEOUT = Duration.ofSeconds(10);

    private Await() {
    }

    /**
     * The value of {@code stage}, once it completes. Its failure is rethrown as it is when unchecked (an
     * {@link AssertionError} too), else wrapped in an {@link IllegalStateException}; after {@link #TIMEOUT} the
     * test fails with an {@link AssertionError}.
     */
    public static <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a stage", e);
        } catch (TimeoutException e) {
            throw new AssertionError("no result within " + TIMEOUT, e);
        }
    }

    /** The failure {@code stage} completes with, unwrapped; fails the test if it succeeds or takes too long. */
    public static Throwable failure(CompletionStage<?> stage) {
        Object value;
        try {
            value = stage.toCompletableFuture().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a stage", e);
        } catch (TimeoutException e) {
            throw new AssertionError("no failure within " + TIMEOUT, e);
        }
        throw new AssertionError("expected the stage to fail, but it completed with " + value);
    }
}
