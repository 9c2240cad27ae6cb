package dev.weft.internal.loop;

import dev.weft.loop.Loop;
import org.jspecify.annotations.Nullable;

/**
 * A per-thread override of the implicit loop for threads that are not loop threads (a test's main thread, say),
 * consulted by {@link Loop#current()} before the process-wide default loop.
 */
public final class ImplicitLoop {
    private static final InheritableThreadLocal<@Nullable Loop> OVERRIDE = new InheritableThreadLocal<>();

    private ImplicitLoop() {
    }

    static @Nullable Loop override() {
        return OVERRIDE.get();
    }

    /** Runs {@code block} with {@code loop} as the calling thread's implicit loop, restoring the previous one after. */
    public static <T, E extends Exception> T with(Loop loop, ThrowingSupplier<T, E> block) throws E {
        Loop previous = OVERRIDE.get();
        OVERRIDE.set(loop);
        try {
            return block.get();
        } finally {
            if (previous == null) {
                OVERRIDE.remove();
            } else {
                OVERRIDE.set(previous);
            }
        }
    }

    /** A supplier that may throw. */
    @FunctionalInterface
    public interface ThrowingSupplier<T, E extends Exception> {
        T get() throws E;
    }
}
