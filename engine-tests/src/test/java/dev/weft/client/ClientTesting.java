package dev.weft.client;

import dev.weft.test.TestServer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What the client's own tests share: waiting for a stage from the test's thread, URLs of a harness server in the
 * form a {@link ClientSession} takes.
 */
final class ClientTesting {
    /** How long a stage may take before the test fails: a safety net, never a delay. */
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private ClientTesting() {
    }

    /** The value of {@code stage}, its failure unwrapped and rethrown; fails the test after {@link #TIMEOUT}. */
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

    /** The failure of {@code stage}, unwrapped; fails the test if it succeeds. */
    static Throwable failure(CompletionStage<?> stage) {
        try {
            stage.toCompletableFuture().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (TimeoutException e) {
            throw new AssertionError("no result within " + TIMEOUT, e);
        }
        throw new AssertionError("expected the stage to fail");
    }

    /** {@code http://127.0.0.1:port} + path on {@code server}. */
    static String url(TestServer server, String path) {
        return server.makeUrl(path).toString();
    }

    /** {@code http://localhost:port} + path: a host name, so cookies are kept by a default jar. */
    static String localhost(TestServer server, String path) {
        return "http://localhost:" + server.port() + path;
    }
}
