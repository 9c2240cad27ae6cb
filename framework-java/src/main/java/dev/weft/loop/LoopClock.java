package dev.weft.loop;

import java.time.Instant;

/**
 * The clock of a {@link Loop}: the one source of time for every timer and timestamp Weft keeps (keep-alive and read
 * timeouts, WebSocket heartbeats, shutdown grace, client timeouts, connection-pool expiry, the {@code Date} header,
 * access-log times).
 *
 * <p>Two clocks exist: {@link #system()}, the JVM's own time, which every loop uses unless built otherwise, and a
 * {@link ManualClock}, which stands still until a test advances it, firing the timers that fall due as it goes. The
 * interface is sealed to those two because a loop must be able to run its timers on its clock: the system clock's
 * timers are Netty's, a manual clock's are kept by the loop and run by {@link ManualClock#advance}.
 *
 * <p>Any thread may read a clock.
 */
public sealed interface LoopClock permits SystemClock, ManualClock {

    /** The JVM's clock: {@link System#nanoTime()} and {@link System#currentTimeMillis()}. */
    static LoopClock system() {
        return SystemClock.INSTANCE;
    }

    /**
     * Monotonic time in nanoseconds, for measuring durations and placing deadlines; only differences between two
     * readings mean something (the origin is arbitrary, as for {@link System#nanoTime()}).
     */
    long nanoTime();

    /** Wall-clock time in milliseconds since the epoch, for timestamps (the {@code Date} header, the access log). */
    long millis();

    /** Wall-clock time as an instant, at millisecond precision. */
    default Instant instant() {
        return Instant.ofEpochMilli(millis());
    }
}
