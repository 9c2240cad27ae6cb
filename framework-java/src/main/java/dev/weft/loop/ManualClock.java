package dev.weft.loop;

import dev.weft.internal.loop.ManualTimeline;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A {@link LoopClock} that stands still until {@link #advance advanced}: how tests of timeouts run without waiting.
 * A loop built on it ({@code Loop.create(b -> b.clock(clock))}) keeps its timers, those of Weft's servers and clients
 * included, until the clock is advanced past their due time.
 *
 * <p>From {@code GatewayTimeoutTest} in weft-examples, where the test harness gives the test's loop the clock the test
 * takes as a parameter ({@code Loop.create(b -> b.clock(clock))} outside the harness):
 * <pre>{@code
 * var response = client.get("/shout/ada");
 * called.join();
 * clock.advance(Duration.ofSeconds(10)); // the session's total timeout passes: no real wait
 * try (ClientResponse res = response.join()) {
 *     assertThat(res.status()).isEqualTo(500);
 * }
 * }</pre>
 *
 * <p>A timer due already when scheduled (a delay of zero) needs no time to pass: it runs soon, as a task of its loop.
 *
 * <p>{@link #nanoTime()} starts at {@value #START_NANOS}; {@link #millis()} at the instant given to
 * {@link #startingAt}, by default {@value #DEFAULT_START_MILLIS} (2026-01-01T00:00:00Z). Both move only by
 * {@link #advance}, together. One clock may drive several loops; their timers fire in one due order.
 *
 * <p>Threads: any thread may read the clock. Advance it from one thread at a time, normally the test's own thread;
 * from a loop thread, only that thread's own timers can run (a loop thread cannot wait for another one to run its).
 */
public final class ManualClock implements LoopClock {
    /** Where {@link #nanoTime()} starts: not zero, so that code using 0 for "never" is not fooled. */
    public static final long START_NANOS = 1_000_000_000_000L;
    /** Where {@link #millis()} starts unless told otherwise: 2026-01-01T00:00:00Z. */
    public static final long DEFAULT_START_MILLIS = 1_767_225_600_000L;

    private final ManualTimeline timeline;

    private ManualClock(long startMillis) {
        this.timeline = new ManualTimeline(START_NANOS, startMillis);
    }

    /** A clock standing at {@value #DEFAULT_START_MILLIS} ms since the epoch (2026-01-01T00:00:00Z). */
    public static ManualClock create() {
        return new ManualClock(DEFAULT_START_MILLIS);
    }

    /** A clock standing at {@code start} (kept to the millisecond). */
    public static ManualClock startingAt(Instant start) {
        return new ManualClock(Objects.requireNonNull(start, "start").toEpochMilli());
    }

    @Override
    public long nanoTime() {
        return timeline.nanoTime();
    }

    @Override
    public long millis() {
        return timeline.millis();
    }

    /**
     * Moves the clock forward by {@code by} and fires every timer that falls due, of every loop on this clock, in due
     * order, each on its own loop thread and with the clock reading its due time while it runs; returns once they
     * ran. A timer they schedule within the interval fires too.
     *
     * <p>Before moving, it lets each loop run what it already has queued (events already delivered to it, tasks
     * already given), so that a timer a loop is about to arm for what just happened is armed first. Nothing waits
     * for real time. {@code advance(Duration.ZERO)} only lets the loops catch up.
     *
     * @throws IllegalArgumentException if {@code by} is negative
     * @throws IllegalStateException    if a loop thread did not run a due timer within
     *                                  {@value dev.weft.internal.loop.ManualTimeline#RUN_WAIT_SECONDS} seconds (it is
     *                                  blocked)
     */
    public void advance(Duration by) {
        Objects.requireNonNull(by, "by");
        if (by.isNegative()) {
            throw new IllegalArgumentException("a clock only moves forward; got advance(" + by + ")");
        }
        timeline.advance(by.toNanos());
    }

    /**
     * Waits until a timer of a loop on this clock is pending that falls due within {@code dueWithin} from now: for a
     * deadline the code under test arms on its own schedule, before the test advances past it. A server arms its
     * read deadlines when it has read a client's bytes, and a loopback socket delivers them when the kernel gets to
     * it, which {@link #advance} cannot know. A test that sends a partial request waits with this first (from
     * {@code ManualClockTimeoutsTest} in engine-tests):
     * <pre>{@code
     * c.send("GET / HTTP/1.1\r\nHo");
     * clock.awaitTimer(HEADER_TIMEOUT); // the server has read the first byte and armed its deadline
     * clock.advance(HEADER_TIMEOUT.minus(NANO));
     * }</pre>
     * A wait on a condition, in real time, not a sleep: it returns as soon as such a timer is scheduled (at once if
     * one is pending already). Any thread but a loop thread of a loop on this clock.
     *
     * @throws IllegalStateException if no such timer is scheduled within
     *                               {@value dev.weft.internal.loop.ManualTimeline#AWAIT_TIMER_SECONDS} seconds
     */
    public void awaitTimer(Duration dueWithin) {
        Objects.requireNonNull(dueWithin, "dueWithin");
        timeline.awaitTimer(dueWithin.toNanos());
    }

    /** The timers this clock keeps, for the loops built on it. */
    ManualTimeline timeline() {
        return timeline;
    }

    @Override
    public String toString() {
        return "ManualClock[" + instant() + "]";
    }
}
