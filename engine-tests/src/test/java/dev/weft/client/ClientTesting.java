package dev.weft.client;

import dev.weft.loop.Loop;
import dev.weft.test.TestServer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What the client's own tests share: waiting for a stage from the test's thread, URLs of a harness server in the
 * form a {@link ClientSession} takes, and waiting for a server to see a client go away.
 */
final class ClientTesting {
    /** How long a stage may take before the test fails: a safety net, never a delay. */
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** How often {@link #awaitServerIdle} looks, on a loop timer. */
    private static final Duration IDLE_POLL = Duration.ofMillis(5);

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

    /**
     * Waits until {@code server} has no request in flight and no WebSocket open: once a client closed or timed out
     * a connection, the server notices on a later turn of the loop, and the harness's leak check at the end of the
     * test must not race it. Fails the test after half of {@link #TIMEOUT}.
     */
    static void awaitServerIdle(TestServer server) {
        CompletableFuture<Void> idle = new CompletableFuture<>();
        long deadline = System.nanoTime() + TIMEOUT.dividedBy(2).toNanos();
        whenIdle(server, server.loop(), idle, deadline);
        await(idle);
    }

    private static void whenIdle(TestServer server, Loop loop, CompletableFuture<Void> idle, long deadline) {
        if (server.requestsInFlight() == 0 && server.openWebSockets() == 0) {
            idle.complete(null);
        } else if (System.nanoTime() - deadline > 0) {
            idle.completeExceptionally(new AssertionError(server + " still has " + server.requestsInFlight()
                    + " request(s) in flight and " + server.openWebSockets() + " WebSocket(s) open"));
        } else {
            loop.schedule(IDLE_POLL, () -> whenIdle(server, loop, idle, deadline));
        }
    }
}
