package dev.weft.internal.loop;

import dev.weft.loop.LoopClock;
import org.jspecify.annotations.Nullable;

/**
 * What {@code Loop.Builder} decided, checked, for {@link NettyLoop}.
 *
 * @param manualTime the timers of {@code clock} when it is a {@code ManualClock}, else null (Netty keeps them)
 */
public record LoopSettings(int threads, LoopClock clock, @Nullable ManualTimeline manualTime, boolean trackTimers,
                           boolean pooledThreads, boolean inMemory) {
}
