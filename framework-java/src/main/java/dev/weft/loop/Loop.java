package dev.weft.loop;

import dev.weft.internal.loop.LoopSettings;
import dev.weft.internal.loop.NettyLoop;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * An event loop: a small group of threads that run Weft's servers, clients and handlers without blocking, with the
 * one clock ({@link #clock()}) all their timers and timestamps go by.
 *
 * <p>This is aiohttp's explicit/implicit loop model. Every API that needs a loop takes one explicitly or uses
 * {@link #current()}: see {@link ImplicitLoop} for how that is decided. Tests inject their own loop this way.
 *
 * <p>Made by {@link #create()}, {@link #create(Consumer)} or {@link #builder()}: options are the number of threads,
 * the clock (a {@link ManualClock} runs timers only when advanced), and instrumentation for test harnesses (timer
 * tracking, pooled threads, the in-memory transport).
 *
 * <p>Handlers and callbacks run on loop threads and must not block; blocking work (JDBC, files, CPU-heavy code) goes
 * through {@link #runBlocking(Callable)}. All methods may be called from any thread unless they say otherwise.
 *
 * <p>The native epoll transport is used where it is available, NIO otherwise.
 *
 * <p><b>Implemented by Weft only.</b> Weft's servers and clients put their connections on the loop's own event loops,
 * so everything that takes a {@code Loop} ({@code AppRunner}, {@code TcpConnector}, {@code ClientSession}) refuses
 * one made otherwise with an {@link IllegalArgumentException} that says so. (The interface cannot be {@code sealed}:
 * its implementation lives in another package, which Java allows only inside a named module.)
 */
public interface Loop extends Executor, AutoCloseable {

    /** Creates a loop with the {@link Builder defaults}: one thread per available processor, the system clock. */
    static Loop create() {
        return builder().build();
    }

    /** Creates a loop with {@code threads} event-loop threads (at least one) and otherwise the defaults. */
    static Loop create(int threads) {
        return builder().threads(threads).build();
    }

    /** Creates a loop with the options {@code options} sets on a fresh {@link Builder}. Close it when done. */
    static Loop create(Consumer<Builder> options) {
        Builder b = builder();
        options.accept(b);
        return b.build();
    }

    /** A builder with the defaults; {@link Builder#build()} makes the loop. */
    static Builder builder() {
        return new Builder();
    }

    /** The implicit loop: see {@link ImplicitLoop} for the order in which it is chosen. Any thread. */
    static Loop current() {
        return ImplicitLoop.current();
    }

    /** Runs {@code task} on one of this loop's threads, soon. Tasks given from one thread run in order. */
    @Override
    void execute(Runnable task);

    /**
     * Runs {@code task} on a loop thread once {@code delay} has passed on this loop's {@link #clock()}; the returned
     * timer can cancel it. From a loop thread the task runs on that same thread.
     *
     * @throws java.util.concurrent.RejectedExecutionException if the loop is closed
     */
    Timer schedule(Duration delay, Runnable task);

    /** Whether the calling thread is one of this loop's threads. */
    boolean inLoop();

    /**
     * The executor of the calling thread when it is one of this loop's threads: tasks given to it run on this very
     * thread, in order (unlike {@link #execute}, which from another thread picks a thread of the loop). Null on any
     * other thread. What code that must come back to the thread it started on (a coroutine dispatcher) holds on to.
     */
    @Nullable Executor threadExecutor();

    /**
     * Runs blocking work off the loop (on a virtual thread on Java 21+, on a bounded pool on Java 17) and completes
     * the returned stage back on this loop, on the calling loop thread when called from one.
     */
    <T> CompletionStage<T> runBlocking(Callable<T> task);

    /** The clock of this loop's timers and of the timestamps Weft takes on it. */
    LoopClock clock();

    /** Monotonic time in nanoseconds on this loop's {@link #clock()}: {@code clock().nanoTime()}. */
    long nanoTime();

    /**
     * The timers scheduled with {@link #schedule} that have neither run nor been cancelled, with where each was
     * scheduled: what a test harness reports as left behind at the end of a test. Only a loop built with
     * {@link Builder#trackTimers(boolean) trackTimers(true)} keeps this list; others return an empty one. Weft's own
     * deadlines (timeouts, idle connections), which closing their owner cancels, are never listed.
     */
    List<PendingTimer> pendingTimers();

    /**
     * Completes once every timer of this loop that is due by now has run: on the system clock, after a zero-delay
     * timer on each loop thread (which runs after every timer due before it); on a {@link ManualClock}, once the due
     * ones ran as by {@code advance(Duration.ZERO)}. Completes at once on a closed loop. Do not block on it from a
     * loop thread.
     */
    CompletionStage<Void> runDueTimers();

    /** Number of event-loop threads. */
    int threads();

    /** Whether {@link #close()} has been called. */
    boolean isClosed();

    /**
     * Shuts the loop down and waits for its threads to end (or, with pooled threads, to be handed back). Idempotent.
     * Called from one of the loop's own threads it starts the shutdown without waiting (a thread cannot wait for
     * itself). Timers still pending are dropped.
     */
    @Override
    void close();

    /**
     * Options of a new {@link Loop}; each setter returns this builder. Not thread-safe: one thread builds a loop.
     * <ul>
     *   <li>{@code threads}: event-loop threads, default one per available processor;</li>
     *   <li>{@code clock}: default {@link LoopClock#system()};</li>
     *   <li>{@code trackTimers}: keep {@link Loop#pendingTimers()}, default {@value #DEFAULT_TRACK_TIMERS};</li>
     *   <li>{@code pooledThreads}: borrow threads from a process-wide pool, default
     *       {@value #DEFAULT_POOLED_THREADS};</li>
     *   <li>{@code inMemory}: carry in-memory connections instead of sockets, default {@value #DEFAULT_IN_MEMORY}.</li>
     * </ul>
     */
    final class Builder {
        /** Whether a loop tracks its pending timers unless told otherwise. */
        public static final boolean DEFAULT_TRACK_TIMERS = false;
        /** Whether a loop borrows pooled threads unless told otherwise. */
        public static final boolean DEFAULT_POOLED_THREADS = false;
        /** Whether a loop carries in-memory connections unless told otherwise. */
        public static final boolean DEFAULT_IN_MEMORY = false;

        private int threads = Runtime.getRuntime().availableProcessors();
        private LoopClock clock = LoopClock.system();
        private boolean trackTimers = DEFAULT_TRACK_TIMERS;
        private boolean pooledThreads = DEFAULT_POOLED_THREADS;
        private boolean inMemory = DEFAULT_IN_MEMORY;

        private Builder() {
        }

        /** Event-loop threads, at least one; default one per available processor. */
        public Builder threads(int threads) {
            this.threads = threads;
            return this;
        }

        /**
         * The clock of the loop's timers and timestamps; default {@link LoopClock#system()}. On a {@link ManualClock}
         * timers fire only when the clock is advanced.
         */
        public Builder clock(LoopClock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Whether the loop keeps the timers scheduled with {@link Loop#schedule} that are still pending, and where
         * each was scheduled, for {@link Loop#pendingTimers()}: a test harness's leak check. Costs a stack walk per
         * {@code schedule} call; default {@value #DEFAULT_TRACK_TIMERS}.
         */
        public Builder trackTimers(boolean trackTimers) {
            this.trackTimers = trackTimers;
            return this;
        }

        /**
         * Whether the loop borrows its threads from a process-wide pool and hands them back when it closes, instead of
         * starting and ending threads of its own: for suites that make a short-lived loop per test. A pooled thread
         * idle for 30 s ends. Default {@value #DEFAULT_POOLED_THREADS}.
         */
        public Builder pooledThreads(boolean pooledThreads) {
            this.pooledThreads = pooledThreads;
            return this;
        }

        /**
         * Whether the loop carries in-memory connections (a {@code Site.inMemory} and the clients that reach it, all in
         * this JVM) instead of sockets: such a loop can open no TCP or Unix socket, and a socket loop cannot carry
         * in-memory connections. Default {@value #DEFAULT_IN_MEMORY}.
         */
        public Builder inMemory(boolean inMemory) {
            this.inMemory = inMemory;
            return this;
        }

        /**
         * Makes the loop; its threads start on first use. Close it when done.
         *
         * @throws IllegalArgumentException if {@code threads} is less than one
         */
        public Loop build() {
            if (threads < 1) {
                throw new IllegalArgumentException("a loop needs at least one thread, got threads(" + threads + ")");
            }
            return new NettyLoop(new LoopSettings(threads, clock,
                    clock instanceof ManualClock manual ? manual.timeline() : null, trackTimers, pooledThreads,
                    inMemory));
        }
    }
}
