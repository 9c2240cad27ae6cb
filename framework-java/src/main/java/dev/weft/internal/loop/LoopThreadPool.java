package dev.weft.internal.loop;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Loop threads lent to short-lived loops and taken back when they close. The test harness makes a fresh loop for
 * every test; starting and joining its thread was the largest part of what a trivial test cost, and a thread kept
 * from the last test does the same job. A thread idle for {@link #IDLE_TIMEOUT} ends; the threads are daemons.
 *
 * <p>A thread is back among the idle ones before its loop's {@code close()} returns, so the next test's loop gets
 * it rather than a new one. Between two loops a thread keeps nothing of Netty's ({@code FastThreadLocal}s are
 * cleared when an event loop ends); plain {@code ThreadLocal}s that user code set on it do carry over.
 */
final class LoopThreadPool {
    /** How long a thread waits for its next loop before it ends. */
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);

    private static final LoopThreadPool SHARED = new LoopThreadPool();
    private static final AtomicInteger THREAD_IDS = new AtomicInteger();

    /** Threads waiting for a loop, the most recently idle first. Whoever removes one owns it. */
    private final ConcurrentLinkedDeque<Worker> idle = new ConcurrentLinkedDeque<>();

    static LoopThreadPool shared() {
        return SHARED;
    }

    /**
     * Runs {@code eventLoop} (the body of one of {@code loop}'s event loops) on a pooled thread named {@code name},
     * which belongs to {@code loop} until the body returns; completes when the thread is back in the pool.
     */
    CompletableFuture<Void> run(NettyLoop loop, Runnable eventLoop, String name) {
        Lease lease = new Lease(loop, eventLoop, name);
        Worker worker = idle.pollFirst();
        if (worker != null) {
            worker.next.add(lease);
        } else {
            new Worker(lease).start();
        }
        return lease.returned;
    }

    private record Lease(NettyLoop loop, Runnable eventLoop, String name, CompletableFuture<Void> returned) {
        Lease(NettyLoop loop, Runnable eventLoop, String name) {
            this(loop, eventLoop, name, new CompletableFuture<>());
        }
    }

    private final class Worker extends NettyLoop.LoopThread {
        /** The next lease, put here only by whoever took this worker off {@link #idle}. */
        final BlockingQueue<Lease> next = new ArrayBlockingQueue<>(1);
        private final String idleName;

        Worker(Lease first) {
            this(first, "weft-loop-idle-" + THREAD_IDS.incrementAndGet());
        }

        private Worker(Lease first, String idleName) {
            super(null, () -> { }, idleName);
            this.idleName = idleName;
            next.add(first);
        }

        @Override
        public void run() {
            Lease lease = next.poll();
            while (lease != null) {
                loop = lease.loop();
                setName(lease.name());
                try {
                    lease.eventLoop().run();
                } catch (Throwable t) {
                    // The event loop's body failed (Netty catches almost everything): this thread ends, and is not
                    // put back among the idle ones, where a lender would hand it a lease nobody runs.
                    loop = null;
                    lease.returned().completeExceptionally(t);
                    throw t;
                }
                loop = null;
                setName(idleName);
                idle.addFirst(this);
                lease.returned().complete(null);
                lease = awaitNext();
            }
        }

        /**
         * The next lease, or null once idle for {@link #IDLE_TIMEOUT} (or interrupted) with nobody having taken this
         * worker off the idle list. A worker taken off it waits for the lease its taker puts in {@link #next}.
         */
        private Lease awaitNext() {
            Thread.interrupted(); // an interrupt aimed at the last loop's work is not for the next loop
            try {
                Lease lease = next.poll(IDLE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                if (lease != null) {
                    return lease;
                }
            } catch (InterruptedException e) {
                // treated as the end of the idle wait
            }
            if (idle.remove(this)) {
                return null;
            }
            while (true) {
                try {
                    return next.take();
                } catch (InterruptedException e) {
                    // a lease is on its way: keep waiting for it
                }
            }
        }
    }
}
