package dev.weft.test;

import dev.weft.loop.ImplicitLoop;
import dev.weft.loop.Loop;

/**
 * The implicit-loop pattern for tests: code that builds services on {@link Loop#current()} deep inside, where a test
 * cannot pass its loop down, sees the test's loop inside {@link #withImplicitLoop}. That holds on the calling thread,
 * on threads it starts, and in work it hands to {@code loop.runBlocking}; the previous implicit loop is restored
 * afterwards, also when the block fails.
 */
public final class TestLoops {
    private TestLoops() {
    }

    /** A block that returns a value and may throw. */
    @FunctionalInterface
    public interface Block<T> {
        T run() throws Exception;
    }

    /** Runs {@code block} with {@code loop} as the implicit loop and returns its value. */
    public static <T> T withImplicitLoop(Loop loop, Block<T> block) throws Exception {
        return ImplicitLoop.call(loop, block::run);
    }
}
