package dev.weft.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ManualClockTest {
    private final ManualClock clock = ManualClock.create();
    private final Loop loop = Loop.create(b -> b.threads(2).clock(clock));

    @AfterEach
    void close() {
        loop.close();
    }

    @Test
    void a_new_clock_stands_at_its_documented_start_and_moves_only_when_advanced() {
        assertThat(clock.nanoTime()).isEqualTo(ManualClock.START_NANOS);
        assertThat(clock.millis()).isEqualTo(ManualClock.DEFAULT_START_MILLIS);
        assertThat(clock.instant()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(clock.nanoTime()).isEqualTo(ManualClock.START_NANOS);

        clock.advance(Duration.ofMillis(1500));
        assertThat(clock.nanoTime()).isEqualTo(ManualClock.START_NANOS + 1_500_000_000L);
        assertThat(clock.instant()).isEqualTo(Instant.parse("2026-01-01T00:00:01.500Z"));
        assertThat(loop.nanoTime()).isEqualTo(clock.nanoTime());
        assertThat(loop.clock()).isSameAs(clock);
    }

    @Test
    void a_clock_can_start_at_a_given_instant() {
        assertThat(ManualClock.startingAt(Instant.parse("1999-12-31T23:59:59Z")).instant())
                .isEqualTo(Instant.parse("1999-12-31T23:59:59Z"));
    }

    @Test
    void advance_fires_the_due_timers_in_due_order_on_loop_threads_and_returns_once_they_ran() {
        List<String> ran = new CopyOnWriteArrayList<>();
        List<Boolean> onLoop = new CopyOnWriteArrayList<>();
        loop.schedule(Duration.ofSeconds(3), () -> ran.add("3s"));
        loop.schedule(Duration.ofSeconds(1), () -> {
            ran.add("1s at " + (clock.nanoTime() - ManualClock.START_NANOS) / 1_000_000_000L);
            onLoop.add(loop.inLoop());
        });
        loop.schedule(Duration.ofSeconds(2), () -> ran.add("2s"));
        loop.schedule(Duration.ofSeconds(10), () -> ran.add("10s"));

        clock.advance(Duration.ofMillis(999));
        assertThat(ran).isEmpty();
        clock.advance(Duration.ofSeconds(3));
        assertThat(ran).containsExactly("1s at 1", "2s", "3s");
        assertThat(onLoop).containsExactly(true);
        assertThat(clock.nanoTime() - ManualClock.START_NANOS).isEqualTo(3_999_000_000L);
    }

    @Test
    void a_timer_scheduled_by_a_timer_within_the_interval_fires_in_the_same_advance() {
        List<String> ran = new CopyOnWriteArrayList<>();
        loop.schedule(Duration.ofSeconds(1), () -> {
            ran.add("first");
            loop.schedule(Duration.ofSeconds(1), () -> ran.add("second"));
        });
        clock.advance(Duration.ofSeconds(2));
        assertThat(ran).containsExactly("first", "second");
    }

    @Test
    void a_cancelled_timer_never_fires() {
        List<String> ran = new CopyOnWriteArrayList<>();
        Timer t = loop.schedule(Duration.ofSeconds(1), () -> ran.add("cancelled"));
        assertThat(t.cancel()).isTrue();
        assertThat(t.cancel()).as("twice").isFalse();
        clock.advance(Duration.ofMinutes(1));
        assertThat(ran).isEmpty();
    }

    @Test
    void a_timer_due_already_runs_without_the_clock_moving() throws Exception {
        CompletableFuture<Long> ranAt = new CompletableFuture<>();
        loop.schedule(Duration.ZERO, () -> ranAt.complete(clock.nanoTime()));
        assertThat(ranAt.get(10, TimeUnit.SECONDS)).isEqualTo(ManualClock.START_NANOS);
    }

    @Test
    void one_clock_drives_several_loops_in_one_due_order() {
        List<String> ran = new CopyOnWriteArrayList<>();
        try (Loop other = Loop.create(b -> b.threads(1).clock(clock))) {
            other.schedule(Duration.ofSeconds(2), () -> ran.add("other 2s"));
            loop.schedule(Duration.ofSeconds(1), () -> ran.add("loop 1s"));
            loop.schedule(Duration.ofSeconds(3), () -> ran.add("loop 3s"));
            clock.advance(Duration.ofSeconds(5));
        }
        assertThat(ran).containsExactly("loop 1s", "other 2s", "loop 3s");
    }

    @Test
    void a_closed_loops_timers_are_dropped() {
        List<String> ran = new CopyOnWriteArrayList<>();
        Loop other = Loop.create(b -> b.threads(1).clock(clock));
        other.schedule(Duration.ofSeconds(1), () -> ran.add("dropped"));
        other.close();
        clock.advance(Duration.ofSeconds(2));
        assertThat(ran).isEmpty();
    }

    @Test
    void a_failing_timer_does_not_stop_the_ones_after_it() {
        List<String> ran = new CopyOnWriteArrayList<>();
        loop.schedule(Duration.ofSeconds(1), () -> {
            throw new IllegalStateException("boom");
        });
        loop.schedule(Duration.ofSeconds(2), () -> ran.add("after"));
        clock.advance(Duration.ofSeconds(2));
        assertThat(ran).containsExactly("after");
    }

    @Test
    void awaiting_a_timer_returns_once_one_due_within_the_given_time_is_scheduled() {
        loop.schedule(Duration.ofMinutes(10), () -> { });
        loop.execute(() -> loop.schedule(Duration.ofSeconds(20), () -> { }));
        clock.awaitTimer(Duration.ofSeconds(20));
        List<String> ran = new CopyOnWriteArrayList<>();
        loop.schedule(Duration.ofSeconds(20), () -> ran.add("20s"));
        clock.advance(Duration.ofSeconds(20));
        assertThat(ran).containsExactly("20s");
    }

    @Test
    void the_clock_only_moves_forward() {
        assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("only moves forward");
    }
}
