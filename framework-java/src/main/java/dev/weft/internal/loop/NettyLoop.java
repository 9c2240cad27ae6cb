package dev.weft.internal.loop;

import dev.weft.loop.Loop;
import dev.weft.loop.Timer;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.FastThreadLocalThread;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/** The {@link Loop} implementation: a Netty {@link MultiThreadIoEventLoopGroup} plus Weft's implicit-loop lookup. */
public final class NettyLoop implements Loop {

    private static final AtomicInteger LOOP_IDS = new AtomicInteger();
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);
    private static volatile @Nullable NettyLoop defaultLoop;

    private final String name;
    private final int threads;
    private final EventLoopGroup group;
    private final LoopThreadFactory threadFactory;
    private final EventLoop home;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final @Nullable LoopThreadPool pool;
    /** With pooled threads: one per event loop started, completed when it has handed its thread back. */
    private final java.util.@Nullable List<CompletableFuture<Void>> leases;
    private final @Nullable PendingTimers pendingTimers;

    public NettyLoop(int threads) {
        this(threads, ioHandlerFactory());
    }

    /** A loop on threads of its own, started on first use and ended by {@link #close()}. */
    public NettyLoop(int threads, IoHandlerFactory ioHandlers) {
        this(threads, ioHandlers, false);
    }

    /**
     * A loop made for one test: its threads are borrowed from {@link LoopThreadPool} and handed back when it closes
     * (a suite that makes a loop per test does not start a thread per test), and it keeps track of the timers
     * scheduled on it, for {@link #pendingTimers()}.
     */
    public static NettyLoop forTests(int threads, IoHandlerFactory ioHandlers) {
        return new NettyLoop(threads, ioHandlers, true);
    }

    /**
     * A loop whose threads run {@code ioHandlers}: Netty's {@code LocalIoHandler} gives a loop on which in-memory
     * {@code LocalChannel}s (the test harness's transport) can be registered, which epoll and NIO loops refuse.
     */
    private NettyLoop(int threads, IoHandlerFactory ioHandlers, boolean forTests) {
        if (threads < 1) {
            throw new IllegalArgumentException("a loop needs at least one thread, got " + threads);
        }
        this.threads = threads;
        this.name = "weft-loop-" + LOOP_IDS.incrementAndGet();
        this.threadFactory = new LoopThreadFactory(this);
        this.pool = forTests ? LoopThreadPool.shared() : null;
        this.leases = forTests ? new java.util.concurrent.CopyOnWriteArrayList<>() : null;
        this.pendingTimers = forTests ? new PendingTimers() : null;
        this.group = forTests
                ? new MultiThreadIoEventLoopGroup(threads, (Executor) this::lend, ioHandlers)
                : new MultiThreadIoEventLoopGroup(threads, threadFactory, ioHandlers);
        this.home = (EventLoop) group.iterator().next();
    }

    /** The platform's I/O handlers: epoll when the native transport is available, else NIO. */
    public static IoHandlerFactory defaultIoHandlers() {
        return ioHandlerFactory();
    }

    /** Runs one of this loop's event loops on a pooled thread; Netty calls it once per event loop, on first use. */
    private void lend(Runnable eventLoop) {
        leases.add(pool.run(this, eventLoop, name + "-" + threadFactory.ids.incrementAndGet()));
    }

    /** The implicit loop of the calling thread (see {@link Loop#current()}). */
    public static Loop current() {
        Thread t = Thread.currentThread();
        if (t instanceof LoopThread lt) {
            NettyLoop own = lt.loop;
            if (own != null && !own.isClosed()) {
                return own;
            }
        }
        Loop override = ImplicitLoop.override();
        if (override != null) {
            return override;
        }
        return defaultLoop();
    }

    private static NettyLoop defaultLoop() {
        NettyLoop loop = defaultLoop;
        if (loop == null || loop.isClosed()) {
            synchronized (NettyLoop.class) {
                loop = defaultLoop;
                if (loop == null || loop.isClosed()) {
                    NettyLoop created = new NettyLoop(Runtime.getRuntime().availableProcessors());
                    Runtime.getRuntime().addShutdownHook(new Thread(created::close, "weft-default-loop-close"));
                    defaultLoop = loop = created;
                }
            }
        }
        return loop;
    }

    /** Whether the native epoll transport is in use (else NIO). */
    public static boolean nativeTransport() {
        return Epoll.isAvailable();
    }

    private static IoHandlerFactory ioHandlerFactory() {
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
            return pendingTimers.schedule(eventLoop(), delay, task);
        }
        return scheduleDeadline(delay, task);
    }

    /**
     * A timer for the framework's own deadlines (timeouts, idle connections): like {@link #schedule} but never
     * counted by {@link #pendingTimers()}, since closing what owns it (a session, a server) cancels it.
     */
    public Timer scheduleDeadline(Duration delay, Runnable task) {
        var future = eventLoop().schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
        return () -> future.cancel(false);
    }

    /** {@link #scheduleDeadline} on {@code loop} when it is a Weft loop, else its plain {@code schedule}. */
    public static Timer deadline(Loop loop, Duration delay, Runnable task) {
        return loop instanceof NettyLoop n ? n.scheduleDeadline(delay, task) : loop.schedule(delay, task);
    }

    /**
     * A loop made {@link #forTests}: the timers scheduled through {@link #schedule} that have neither run nor been
     * cancelled, each named by where it was scheduled. Empty for other loops.
     */
    public java.util.List<String> pendingTimers() {
        return pendingTimers == null ? java.util.List.of() : pendingTimers.describe();
    }

    @Override
    public boolean inLoop() {
        Thread t = Thread.currentThread();
        return t instanceof LoopThread lt && lt.loop == this;
    }

    @Override
    public <T> CompletionStage<T> runBlocking(Callable<T> task) {
        Executor back = eventLoop();
        CompletableFuture<T> result = new CompletableFuture<>();
        // The blocking task sees the same implicit loop as its caller: this loop when called from it.
        Loop implicit = inLoop() ? this : current();
        BlockingExecutor.get().execute(() -> {
            T value;
            try {
                value = ImplicitLoop.with(implicit, task::call);
            } catch (Throwable e) {
                back.execute(() -> result.completeExceptionally(e));
                return;
            }
            back.execute(() -> result.complete(value));
        });
        return result;
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
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
     * Threads that know their loop, so {@link #current()} is one type check. A pooled thread's loop changes with
     * each lease and is null between leases; only the thread itself writes or reads it.
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
        private final java.util.List<Thread> threads = new java.util.concurrent.CopyOnWriteArrayList<>();

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
