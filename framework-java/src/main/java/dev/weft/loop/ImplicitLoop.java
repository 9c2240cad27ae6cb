package dev.weft.loop;

import dev.weft.internal.loop.NettyLoop;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/**
 * The implicit loop, {@link Loop#current()}, and the two ways to steer it: for a block of code
 * ({@link #call(Loop, Callable)}), and process-wide through a {@link Resolver} (what the test harness's service
 * patches use).
 *
 * <p>{@link Loop#current()} answers, in this order: the first installed resolver that names a loop; the loop of the
 * calling loop thread; the loop set for the calling thread by {@link #call}; the process-wide default loop (created on
 * first use with one thread per processor, closed at JVM exit).
 *
 * <p>All methods may be called from any thread.
 */
public final class ImplicitLoop {
    private static final InheritableThreadLocal<@Nullable Loop> FOR_THREAD = new InheritableThreadLocal<>();
    private static final CopyOnWriteArrayList<Resolver> RESOLVERS = new CopyOnWriteArrayList<>();

    private ImplicitLoop() {
    }

    /**
     * Decides the implicit loop before everything else. A resolver is asked on every {@link Loop#current()} call,
     * on whatever thread makes it, so it must be quick and thread-safe.
     */
    @FunctionalInterface
    public interface Resolver {
        /** The loop to use as the implicit one for this call, or null to leave the choice to the usual order. */
        @Nullable Loop resolve();
    }

    /** An installed {@link Resolver}; {@link #close()} removes it. */
    public interface Registration extends AutoCloseable {
        /** Removes the resolver. Idempotent. */
        @Override
        void close();
    }

    /**
     * Runs {@code block} with {@code loop} as the implicit loop of the calling thread (and of threads it starts, and of
     * work it hands to {@link Loop#runBlocking}), then restores the previous one, also when the block fails. Code on
     * a loop thread still sees that thread's own loop.
     *
     * @return what {@code block} returned
     * @throws Exception what {@code block} threw
     */
    public static <T> T call(Loop loop, Callable<T> block) throws Exception {
        Objects.requireNonNull(loop, "loop");
        Loop previous = FOR_THREAD.get();
        FOR_THREAD.set(loop);
        try {
            return block.call();
        } finally {
            if (previous == null) {
                FOR_THREAD.remove();
            } else {
                FOR_THREAD.set(previous);
            }
        }
    }

    /**
     * Installs {@code resolver} in front of the usual order (see the class comment) for the whole process until the
     * returned registration is closed. The latest installed is asked first.
     */
    public static Registration install(Resolver resolver) {
        Objects.requireNonNull(resolver, "resolver");
        RESOLVERS.add(0, resolver);
        return () -> RESOLVERS.remove(resolver);
    }

    /** The implicit loop; see {@link Loop#current()}. */
    static Loop current() {
        if (!RESOLVERS.isEmpty()) {
            for (Resolver r : RESOLVERS) {
                Loop loop = r.resolve();
                if (loop != null) {
                    return loop;
                }
            }
        }
        Loop own = NettyLoop.ofCallingThread();
        if (own != null) {
            return own;
        }
        Loop set = FOR_THREAD.get();
        return set != null ? set : NettyLoop.defaultLoop();
    }
}
