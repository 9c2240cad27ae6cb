package dev.weft.internal.loop;

import dev.weft.loop.Timer;
import io.netty.util.concurrent.ScheduledFuture;

/** A {@link Timer} over a timer of a Netty event loop (the system clock's timers). */
record FutureTimer(ScheduledFuture<?> future) implements Timer {
    @Override
    public boolean cancel() {
        return future.cancel(false);
    }
}
