package dev.weft.internal.loop;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Loop threads lent to short-lived loops and taken back when they close. The test harness makes a fresh loop for
 * every test; starting and joining its thread was the largest part of what a trivial test cost, and a thread kept
 * from the last test does the same job. A thread idle for {@link #IDLE_TIMEOUT} ends; the threads are daemons.
 *
 * <p>Between two loops a thread keeps nothing of Netty's ({@code FastThreadLocal}s are cleared when an event loop
 * ends); plain {@code ThreadLocal}s that user code set on it do carry over.
 */
final class LoopThreadPool {
    /** How long a thread waits for its next loop before it ends. */
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);

    private static final LoopThreadPool SHARED = new LoopThreadPool();
    private static final AtomicInteger THREAD_IDS = new AtomicInteger();

    private final ThreadPoolExecutor threads = new ThreadPoolExecutor(0, Integer.MAX_VALUE,
            IDLE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS, new SynchronousQueue<>(),
            r -> new NettyLoop.LoopThread(null, r, "weft-loop-idle-" + THREAD_IDS.incrementAndGet()));

    static LoopThreadPool shared() {
        return SHARED;
    }

    /**
     * Runs {@code eventLoop} (the body of one of {@code loop}'s event loops) on a pooled thread named {@code name},
     * which belongs to {@code loop} until the body returns; completes when the thread is back in the pool.
     */
    CompletableFuture<Void> run(NettyLoop loop, Runnable eventLoop, String name) {
        CompletableFuture<Void> returned = new CompletableFuture<>();
        threads.execute(() -> {
            NettyLoop.LoopThread self = (NettyLoop.LoopThread) Thread.currentThread();
            String idleName = self.getName();
            self.loop = loop;
            self.setName(name);
            try {
                eventLoop.run();
            } finally {
                self.loop = null;
                self.setName(idleName);
                returned.complete(null);
            }
        });
        return returned;
    }
}
