package dev.weft.internal.web;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.internal.ThreadExecutorMap;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/** Which event loop the calling thread belongs to, so work that completes elsewhere can come back to it. */
public final class LoopThreads {
    private LoopThreads() {
    }

    /** The event loop of the calling thread, or null when it is not an event-loop thread. */
    public static @Nullable Executor current() {
        return ThreadExecutorMap.currentExecutor();
    }

    /** Runs {@code task} now when on {@code loop} (or when {@code loop} is null), else on {@code loop}, soon. */
    public static void runOn(@Nullable Executor loop, Runnable task) {
        if (loop == null || (loop instanceof EventExecutor e && e.inEventLoop())) {
            task.run();
        } else {
            loop.execute(task);
        }
    }
}
