package dev.weft.internal.loop;

import dev.weft.loop.ImplicitLoop;
import dev.weft.loop.Loop;
import dev.weft.loop.LoopClock;
import dev.weft.loop.PendingTimer;
import dev.weft.loop.Timer;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.local.LocalIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.FastThreadLocalThread;
import io.netty.util.internal.ThreadExecutorMap;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * The {@link Loop} implementation: a Netty {@link MultiThreadIoEventLoopGroup}, its clock and timers, and the
 * loop-thread half of the implicit-loop lookup.
 *
 * <p>Timers: on the system clock they are Netty's (one scheduled task each, nothing more); on a manual clock the
 * {@link ManualTimeline} keeps them. Internal code that must run on a given event loop (a channel's) schedules
 * with {@link #deadline(EventExecutor, long, Runnable)}; code that takes a public {@link Loop} turns it into this
 * class with {@link #of(Loop, String)}, which refuses other implementations with a clear message.
 */
public final class NettyLoop implements Loop {

    private static final AtomicInteger LOOP_IDS = new AtomicInteger();
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);
    private static volatile @Nullable NettyLoop defaultLoop;

    private final String name;
    private final int threads;
    private final LoopClock clock;
    private final @Nullable ManualTimeline manualTime;
    private final EventLoopGroup group;
    private final LoopThreadFactory threadFactory;
    private final EventLoop home;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final @Nullable LoopThreadPool pool;
    /** With pooled threads: one per event loop started, completed when it has handed its thread back. */
    private final @Nullable List<CompletableFuture<Void>> leases;
    private final @Nullable PendingTimers pendingTimers;

    public NettyLoop(LoopSettings settings) {
        this.threads = settings.threads();
        this.name = "weft-loop-" + LOOP_IDS.incrementAndGet();
        this.clock = settings.clock();
        this.manualTime = settings.manualTime();
        this.threadFactory = new LoopThreadFactory(this);
        this.pool = settings.pooledThreads() ? LoopThreadPool.shared() : null;
        this.leases = settings.pooledThreads() ? new CopyOnWriteArrayList<>() : null;
        this.pendingTimers = settings.trackTimers() ? new PendingTimers(this) : null;
        // LocalIoHandler gives a loop on which in-memory LocalChannels can be registered; epoll and NIO loops refuse them.
        IoHandlerFactory ioHandlers = settings.inMemory() ? LocalIoHandler.newFactory() : socketIoHandlers();
        this.group = settings.pooledThreads()
                ? new MultiThreadIoEventLoopGroup(threads, (Executor) this::lend, ioHandlers)
                : new MultiThreadIoEventLoopGroup(threads, threadFactory, ioHandlers);
        this.home = (EventLoop) group.iterator().next();
        if (manualTime != null) {
            manualTime.attach(this);
        }
    }

    /**
     * {@code loop} as Weft's own loop, for {@code who} (named in the message): Weft's servers and clients put their
     * channels on its Netty event loops, which another {@link Loop} implementation does not have.
     *
     * @throws IllegalArgumentException if {@code loop} was not made by {@code Loop.create}/{@code Loop.builder()}
     */
    public static NettyLoop of(Loop loop, String who) {
        if (loop instanceof NettyLoop n) {
            return n;
        }
        throw new IllegalArgumentException(who + " needs a loop made by Loop.create(...) or Loop.builder(), got "
                + (loop == null ? "null" : "a " + loop.getClass().getName() + " (" + loop + ")")
                + ": Weft runs its connections on its own loop implementation; build the loop with Loop.builder()"
                + " (its clock, threads and instrumentation are options) instead of implementing Loop");
    }

    /** Runs one of this loop's event loops on a pooled thread; Netty calls it once per event loop, on first use. */
    private void lend(Runnable eventLoop) {
        leases.add(pool.run(this, eventLoop, name + "-" + threadFactory.ids.incrementAndGet()));
    }

    /** The loop the calling thread belongs to, if it is an open loop's thread; else null. */
    public static @Nullable NettyLoop ofCallingThread() {
        if (Thread.currentThread() instanceof LoopThread lt) {
            NettyLoop own = lt.loop;
            if (own != null && !own.isClosed()) {
                return own;
            }
        }
        return null;
    }

    /** The process-wide default loop, created on first use with one thread per processor, closed at JVM exit. */
    public static NettyLoop defaultLoop() {
        NettyLoop loop = defaultLoop;
        if (loop == null || loop.isClosed()) {
            synchronized (NettyLoop.class) {
                loop = defaultLoop;
                if (loop == null || loop.isClosed()) {
                    NettyLoop created = of(Loop.create(), "the default loop");
                    Runtime.getRuntime().addShutdownHook(new Thread(created::close, "weft-default-loop-close"));
                    defaultLoop = loop = created;
                }
            }
        }
        return loop;
    }

    /** Whether the native epoll transport is in use for sockets (else NIO). */
    public static boolean nativeTransport() {
        return Epoll.isAvailable();
    }

    private static IoHandlerFactory socketIoHandlers() {
        return Epoll.isAvailable() ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    }

    /** The Netty group behind this loop; internal code only. */
    public EventLoopGroup group() {
        return group;
    }

    /**
     * The event loop of the calling thread if it belongs to this loop, else the loop's first event loop: tasks
     * given from one outside thread then run in the order given, which a round-robin choice would not keep.
     */
    public EventLoop eventLoop() {
        for (EventExecutor e : group) {
            if (e.inEventLoop()) {
                return (EventLoop) e;
            }
        }
        return home;
    }

    @Override
    public void execute(Runnable task) {
        eventLoop().execute(task);
    }

    @Override
    public Timer schedule(Duration delay, Runnable task) {
        if (pendingTimers != null) {
            return pendingTimers.schedule(eventLoop(), delay.toNanos(), task);
        }
        return deadline(eventLoop(), delay.toNanos(), task);
    }

    /**
     * A timer for the framework's own deadlines (timeouts, idle connections), run on {@code on} (one of this loop's
     * event loops, a channel's, say) once {@code delayNanos} have passed on this loop's clock. Never listed by
     * {@link #pendingTimers()}: closing what owns it (a connection, a session, a server) cancels it.
     */
    public Timer deadline(EventExecutor on, long delayNanos, Runnable task) {
        ManualTimeline manual = manualTime;
        if (manual != null) {
            return manual.schedule(this, on, delayNanos, task);
        }
        return new FutureTimer(on.schedule(task, delayNanos, TimeUnit.NANOSECONDS));
    }

    /** {@link #deadline(EventExecutor, long, Runnable)} on the calling thread's event loop (see {@link #eventLoop()}). */
    public Timer deadline(Duration delay, Runnable task) {
        return deadline(eventLoop(), delay.toNanos(), task);
    }

    @Override
    public List<PendingTimer> pendingTimers() {
        return pendingTimers == null ? List.of() : pendingTimers.list();
    }

    @Override
    public CompletionStage<Void> runDueTimers() {
        if (isClosed()) {
            return CompletableFuture.completedFuture(null);
        }
        ManualTimeline manual = manualTime;
        if (manual != null) {
            manual.advance(0);
            return CompletableFuture.completedFuture(null);
        }
        // A zero-delay timer runs after every timer due before it on its event loop.
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (EventExecutor e : group) {
            CompletableFuture<Void> ran = new CompletableFuture<>();
            try {
                e.schedule(() -> ran.complete(null), 0, TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException closing) {
                continue;
            }
            all.add(ran);
        }
        return CompletableFuture.allOf(all.toArray(new CompletableFuture<?>[0]));
    }

    /**
     * Completes once each of this loop's event loops other than the calling thread's has run what was queued on it
     * before and then handled its ready I/O once more (bytes a peer already wrote, say), with what that queued: a task
     * given to each, which then schedules a zero-delay timer. Netty fetches due timers once per turn, before the turn's
     * tasks, so the timer runs only after the next I/O poll and the tasks it queued. A closing event loop is skipped.
     */
    CompletableFuture<Void> barrier() {
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (EventExecutor e : group) {
            if (e.inEventLoop()) {
                continue;
            }
            CompletableFuture<Void> ran = new CompletableFuture<>();
            try {
                e.execute(() -> {
                    try {
                        e.schedule(() -> ran.complete(null), 0, TimeUnit.NANOSECONDS);
                    } catch (RejectedExecutionException closing) {
                        ran.complete(null);
                    }
                });
            } catch (RejectedExecutionException closing) {
                continue;
            }
            all.add(ran);
        }
        CompletableFuture<Void> done = CompletableFuture.allOf(all.toArray(new CompletableFuture<?>[0]));
        // A loop closing meanwhile drops its timers and so may never run the barrier's.
        io.netty.util.concurrent.Future<?> terminated = group.terminationFuture();
        io.netty.util.concurrent.GenericFutureListener<io.netty.util.concurrent.Future<Object>> onTerminated =
                f -> done.complete(null);
        terminated.addListener(onTerminated);
        done.whenComplete((v, t) -> terminated.removeListener(onTerminated));
        return done;
    }

    @Override
    public boolean inLoop() {
        Thread t = Thread.currentThread();
        return t instanceof LoopThread lt && lt.loop == this;
    }

    @Override
    public @Nullable Executor threadExecutor() {
        return inLoop() ? ThreadExecutorMap.currentExecutor() : null;
    }

    /**
     * The event loop of the calling thread, whichever Weft loop it belongs to, or null off event-loop threads: where
     * work that completes elsewhere comes back to (a middleware's {@code then} on an async reply).
     */
    public static @Nullable Executor callingThreadExecutor() {
        return ThreadExecutorMap.currentExecutor();
    }

    @Override
    public <T> CompletionStage<T> runBlocking(Callable<T> task) {
        Executor back = eventLoop();
        CompletableFuture<T> result = new CompletableFuture<>();
        // The blocking task sees the same implicit loop as its caller: this loop when called from it.
        Loop implicit = inLoop() ? this : Loop.current();
        BlockingExecutor.get().execute(() -> {
            T value;
            try {
                value = ImplicitLoop.call(implicit, task);
            } catch (Throwable e) {
                back.execute(() -> result.completeExceptionally(e));
                return;
            }
            back.execute(() -> result.complete(value));
        });
        return result;
    }

    @Override
    public LoopClock clock() {
        return clock;
    }

    @Override
    public long nanoTime() {
        return clock.nanoTime();
    }

    @Override
    public int threads() {
        return threads;
    }

    @Override
    public boolean isClosed() {
        return closed.get();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            if (!inLoop()) {
                group.terminationFuture().awaitUninterruptibly(CLOSE_WAIT.toMillis());
            }
            return;
        }
        if (manualTime != null) {
            manualTime.detach(this);
        }
        var termination = group.shutdownGracefully(0, CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        if (!inLoop()) {
            termination.awaitUninterruptibly(CLOSE_WAIT.toMillis());
            if (leases == null) {
                threadFactory.joinAll(CLOSE_WAIT.toMillis());
            } else {
                awaitLeases();
            }
        }
    }

    /** Waits until every borrowed thread has left this loop's code (termination is signalled just before). */
    private void awaitLeases() {
        try {
            CompletableFuture.allOf(leases.toArray(new CompletableFuture<?>[0]))
                    .get(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            // the event loop body failed or hangs: nothing more to wait for here
        }
    }

    @Override
    public String toString() {
        return name + "[" + threads + (nativeTransport() ? " epoll" : " nio") + (isClosed() ? ", closed]" : "]");
    }

    /**
     * Threads that know their loop, so {@link #ofCallingThread()} is one type check. A pooled thread's loop changes
     * with each lease and is null between leases; only the thread itself writes or reads it.
     */
    static class LoopThread extends FastThreadLocalThread {
        @Nullable NettyLoop loop;

        LoopThread(@Nullable NettyLoop loop, Runnable r, String name) {
            super(r, name);
            this.loop = loop;
            setDaemon(true);
        }
    }

    private static final class LoopThreadFactory implements ThreadFactory {
        private final NettyLoop loop;
        final AtomicInteger ids = new AtomicInteger();
        private final List<Thread> threads = new CopyOnWriteArrayList<>();

        LoopThreadFactory(NettyLoop loop) {
            this.loop = loop;
        }

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new LoopThread(loop, r, loop.name + "-" + ids.incrementAndGet());
            threads.add(t);
            return t;
        }

        /** Waits for the loop's threads to end: termination is signalled just before a thread exits. */
        void joinAll(long millis) {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
            for (Thread t : threads) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return;
                }
                try {
                    t.join(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
