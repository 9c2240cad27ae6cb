package dev.weft.loop;

import java.time.Duration;

/**
 * A timer scheduled with {@link Loop#schedule} that has neither run nor been cancelled, as listed by
 * {@link Loop#pendingTimers()} on a loop built with {@link Loop.Builder#trackTimers(boolean) trackTimers(true)}.
 *
 * @param scheduledAt where it was scheduled: the first caller outside Weft's loop and Kotlin's coroutine machinery,
 *                    as {@code Class.method(File.java:line)}
 * @param dueIn       how long until it is due on the loop's clock when it was listed; zero when already due
 */
public record PendingTimer(String scheduledAt, Duration dueIn) {

    /** One line, e.g. {@code a timer scheduled at app.Cache.refresh(Cache.java:42), due in 30000 ms}. */
    @Override
    public String toString() {
        return "a timer scheduled at " + scheduledAt + ", due in " + dueIn.toMillis() + " ms";
    }
}
