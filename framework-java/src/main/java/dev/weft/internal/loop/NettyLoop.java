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

    public NettyLoop(int threads) {
        this(threads, ioHandlerFactory());
    }

    /**
     * A loop whose threads run {@code ioHandlers}: Netty's {@code LocalIoHandler} gives a loop on which in-memory
     * {@code LocalChannel}s (the test harness's transport) can be registered, which epoll and NIO loops refuse.
     */
    public NettyLoop(int threads, IoHandlerFactory ioHandlers) {
        if (threads < 1) {
            throw new IllegalArgumentException("a loop needs at least one thread, got " + threads);
        }
        this.threads = threads;
        this.name = "weft-loop-" + LOOP_IDS.incrementAndGet();
        this.threadFactory = new LoopThreadFactory(this);
        this.group = new MultiThreadIoEventLoopGroup(threads, threadFactory, ioHandlers);
        this.home = (EventLoop) group.iterator().next();
    }

    /** The implicit loop of the calling thread (see {@link Loop#current()}). */
    public static Loop current() {
        Thread t = Thread.currentThread();
        if (t instanceof LoopThread lt && !lt.loop.isClosed()) {
            return lt.loop;
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
        var future = eventLoop().schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
        return () -> future.cancel(false);
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
            threadFactory.joinAll(CLOSE_WAIT.toMillis());
        }
    }

    @Override
    public String toString() {
        return name + "[" + threads + (nativeTransport() ? " epoll" : " nio") + (isClosed() ? ", closed]" : "]");
    }

    /** Threads that know their loop, so {@link #current()} is one type check. */
    static final class LoopThread extends FastThreadLocalThread {
        final NettyLoop loop;

        LoopThread(NettyLoop loop, Runnable r, String name) {
            super(r, name);
            this.loop = loop;
            setDaemon(true);
        }
    }

    private static final class LoopThreadFactory implements ThreadFactory {
        private final NettyLoop loop;
        private final AtomicInteger ids = new AtomicInteger();
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
