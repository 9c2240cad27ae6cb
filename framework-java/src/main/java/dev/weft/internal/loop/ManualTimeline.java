package dev.weft.internal.loop;

import dev.weft.loop.Timer;
import io.netty.util.concurrent.EventExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The time and the timers of a {@code ManualClock}: the loops built on the clock keep their timers here instead of in
 * Netty's event loops, and {@link #advance} runs them, in due order (then in the order scheduled), each on the event
 * loop it was scheduled for. Any thread may schedule, cancel and read; {@link #advance} runs one call at a time.
 */
public final class ManualTimeline {
    /** How long {@link #advance} waits for a loop thread to run a due timer or a barrier before it gives up. */
    public static final long RUN_WAIT_SECONDS = 30;
    /** How long {@link #awaitTimer} waits for the timer it expects. */
    public static final long AWAIT_TIMER_SECONDS = 10;
    private static final Logger LOG = LoggerFactory.getLogger(ManualTimeline.class);

    private final long startNanos;
    private final long startMillis;
    private volatile long nanos;
    /** Guards {@link #queue}, {@link #sequence} and each entry's state. */
    private final Object lock = new Object();
    private final PriorityQueue<Entry> queue = new PriorityQueue<>();
    private long sequence;
    private final Set<NettyLoop> loops = new CopyOnWriteArraySet<>();
    private final ReentrantLock advancing = new ReentrantLock();

    public ManualTimeline(long startNanos, long startMillis) {
        this.startNanos = startNanos;
        this.startMillis = startMillis;
        this.nanos = startNanos;
    }

    public long nanoTime() {
        return nanos;
    }

    public long millis() {
        return startMillis + (nanos - startNanos) / 1_000_000;
    }

    void attach(NettyLoop loop) {
        loops.add(loop);
    }

    /** {@code loop} closed: its pending timers are dropped. */
    void detach(NettyLoop loop) {
        loops.remove(loop);
        synchronized (lock) {
            queue.removeIf(e -> {
                if (e.owner == loop) {
                    e.state = Entry.DROPPED;
                    return true;
                }
                return false;
            });
        }
    }

    /**
     * A timer of {@code owner}, to run {@code task} on {@code on} once the clock has moved {@code delayNanos}. One due
     * already (a delay of zero or less) needs no time to pass: it runs soon, as a task of {@code on}.
     */
    Timer schedule(NettyLoop owner, EventExecutor on, long delayNanos, Runnable task) {
        if (owner.isClosed()) {
            throw new RejectedExecutionException("the loop " + owner + " is closed");
        }
        Entry e;
        synchronized (lock) {
            e = new Entry(owner, on, nanos + Math.max(0, delayNanos), sequence++, task);
            if (delayNanos > 0) {
                queue.add(e);
                lock.notifyAll(); // for awaitTimer
                return e;
            }
        }
        on.execute(() -> {
            synchronized (lock) {
                if (e.state != Entry.PENDING) {
                    return;
                }
                e.state = Entry.RUN;
            }
            runSafely(e);
        });
        return e;
    }

    /** See {@code ManualClock.advance}. */
    public void advance(long byNanos) {
        advancing.lock();
        try {
            long target;
            synchronized (lock) {
                target = nanos + byNanos;
            }
            while (true) {
                awaitQueued();
                Entry next;
                synchronized (lock) {
                    next = queue.peek();
                    if (next == null || next.due - target > 0) {
                        nanos = target;
                        return;
                    }
                    queue.poll();
                    next.state = Entry.RUN;
                    if (next.due - nanos > 0) {
                        nanos = next.due;
                    }
                }
                run(next);
            }
        } finally {
            advancing.unlock();
        }
    }

    /**
     * Waits, in real time, until a pending timer is due within {@code withinNanos} of now; see
     * {@code ManualClock.awaitTimer}.
     */
    public void awaitTimer(long withinNanos) {
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(AWAIT_TIMER_SECONDS);
        synchronized (lock) {
            while (true) {
                Entry first = queue.peek();
                if (first != null && first.due - nanos <= withinNanos) {
                    return;
                }
                long left = giveUp - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException("no timer due within " + withinNanos / 1_000_000 + " ms was"
                            + " scheduled in " + AWAIT_TIMER_SECONDS + " s of real time"
                            + (first == null ? " (none is pending)" : " (the first is due in "
                            + (first.due - nanos) / 1_000_000 + " ms)"));
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(lock, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for a timer", e);
                }
            }
        }
    }

    /** Lets every loop on this clock run what it has queued (from another thread than theirs). */
    private void awaitQueued() {
        List<CompletableFuture<Void>> barriers = new ArrayList<>();
        for (NettyLoop loop : loops) {
            barriers.add(loop.barrier());
        }
        await(CompletableFuture.allOf(barriers.toArray(new CompletableFuture<?>[0])), "a barrier");
    }

    private static void run(Entry e) {
        if (e.on.inEventLoop()) {
            runSafely(e);
            return;
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            e.on.execute(() -> {
                try {
                    runSafely(e);
                } finally {
                    done.complete(null);
                }
            });
        } catch (RejectedExecutionException closed) {
            return; // its loop is shutting down: the timer is dropped with it
        }
        await(done, "a timer scheduled on " + e.owner);
    }

    private static void runSafely(Entry e) {
        try {
            e.task.run();
        } catch (Throwable t) {
            LOG.warn("a timer of {} failed", e.owner, t);
        }
    }

    private static void await(CompletableFuture<Void> done, String what) {
        try {
            done.get(RUN_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + what + " to run", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(what + " failed", e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException(what + " did not run within " + RUN_WAIT_SECONDS
                    + " s: its loop thread is blocked (or waits for the thread advancing the clock)", e);
        }
    }

    /** One timer; the timeline's lock guards its state. */
    private final class Entry implements Timer, Comparable<Entry> {
        static final int PENDING = 0;
        static final int RUN = 1;
        static final int CANCELLED = 2;
        static final int DROPPED = 3;

        final NettyLoop owner;
        final EventExecutor on;
        final long due;
        final long seq;
        final Runnable task;
        int state = PENDING;

        Entry(NettyLoop owner, EventExecutor on, long due, long seq, Runnable task) {
            this.owner = owner;
            this.on = on;
            this.due = due;
            this.seq = seq;
            this.task = task;
        }

        @Override
        public boolean cancel() {
            synchronized (lock) {
                if (state != PENDING) {
                    return false;
                }
                state = CANCELLED;
                queue.remove(this);
                return true;
            }
        }

        @Override
        public int compareTo(Entry o) {
            int byDue = Long.compare(due - o.due, 0);
            return byDue != 0 ? byDue : Long.compare(seq, o.seq);
        }
    }
}
