package dev.weft.loop;

import dev.weft.internal.loop.NettyLoop;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * An event loop: a small group of threads that run Weft's servers, clients and handlers without blocking.
 *
 * <p>This is aiohttp's explicit/implicit loop model. Every API that needs a loop takes one explicitly or uses
 * {@link #current()}: the loop of the calling loop thread, or else the process-wide default loop. Tests inject their
 * own loop this way.
 *
 * <p>Handlers and callbacks run on loop threads and must not block; blocking work (JDBC, files, CPU-heavy code) goes
 * through {@link #runBlocking(Callable)}. All methods may be called from any thread.
 *
 * <p>The native epoll transport is used where it is available, NIO otherwise.
 */
public interface Loop extends Executor, AutoCloseable {

    /** Creates a loop with one thread per available processor. Close it when done. */
    static Loop create() {
        return create(Runtime.getRuntime().availableProcessors());
    }

    /** Creates a loop with {@code threads} event-loop threads (at least one). Close it when done. */
    static Loop create(int threads) {
        return new NettyLoop(threads);
    }

    /**
     * The implicit loop: the loop of the calling loop thread, else the process-wide default loop (created on first
     * use with one thread per processor, closed at JVM exit).
     */
    static Loop current() {
        return NettyLoop.current();
    }

    /** Runs {@code task} on one of this loop's threads, soon. Tasks given from one thread run in order. */
    @Override
    void execute(Runnable task);

    /** Runs {@code task} on a loop thread after {@code delay}; the returned timer can cancel it. */
    Timer schedule(Duration delay, Runnable task);

    /** Whether the calling thread is one of this loop's threads. */
    boolean inLoop();

    /**
     * Runs blocking work off the loop (on a virtual thread on Java 21+, on a bounded pool on Java 17) and completes
     * the returned stage back on this loop, on the calling loop thread when called from one.
     */
    <T> CompletionStage<T> runBlocking(Callable<T> task);

    /** Monotonic time in nanoseconds, the one clock Weft's timers use. */
    long nanoTime();

    /** Number of event-loop threads. */
    int threads();

    /** Whether {@link #close()} has been called. */
    boolean isClosed();

    /**
     * Shuts the loop down and waits for its threads to end. Idempotent. Called from one of the loop's own threads it
     * starts the shutdown without waiting (a thread cannot wait for itself).
     */
    @Override
    void close();
}
