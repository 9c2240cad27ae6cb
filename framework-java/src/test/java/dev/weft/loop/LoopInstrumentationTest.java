package dev.weft.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What a test harness asks of a loop: borrowed threads, the timers left scheduled, and running what is due. */
class LoopInstrumentationTest {

    private static <T> T onLoop(Loop loop, java.util.function.Supplier<T> work) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        loop.execute(() -> result.complete(work.get()));
        return result.get(10, TimeUnit.SECONDS);
    }

    private static Loop tracked() {
        return Loop.create(b -> b.threads(1).pooledThreads(true).trackTimers(true));
    }

    @Test
    void a_borrowed_thread_belongs_to_its_loop_and_then_to_the_next_one() throws Exception {
        Loop first = Loop.create(b -> b.threads(1).pooledThreads(true));
        Thread thread = onLoop(first, Thread::currentThread);
        assertThat(onLoop(first, Loop::current)).isSameAs(first);
        assertThat(onLoop(first, first::inLoop)).isTrue();
        first.close();

        Loop second = Loop.create(b -> b.threads(1).pooledThreads(true).inMemory(true));
        try {
            assertThat(onLoop(second, Loop::current)).isSameAs(second);
            assertThat(onLoop(second, first::inLoop)).as("the first loop, closed, owns no thread").isFalse();
            assertThat(onLoop(second, Thread::currentThread)).as("the thread handed back is lent again")
                    .isSameAs(thread);
            assertThat(onLoop(second, () -> Thread.currentThread().getName())).startsWith(second.toString()
                    .substring(0, second.toString().indexOf('[')));
        } finally {
            second.close();
        }
    }

    @Test
    void close_returns_once_the_loop_has_handed_its_threads_back() throws Exception {
        Loop loop = Loop.create(b -> b.threads(1).pooledThreads(true));
        Thread thread = onLoop(loop, Thread::currentThread);
        loop.close();
        assertThat(loop.isClosed()).isTrue();
        try (Loop next = Loop.create(b -> b.threads(1).pooledThreads(true))) {
            assertThat(onLoop(next, Thread::currentThread)).as("back in the pool when close returned")
                    .isSameAs(thread);
        }
    }

    @Test
    void a_timer_neither_run_nor_cancelled_is_pending_with_where_it_was_scheduled() throws Exception {
        try (Loop loop = tracked()) {
            Timer forgotten = loop.schedule(Duration.ofMinutes(1), () -> { });
            assertThat(loop.pendingTimers()).singleElement().satisfies(t -> {
                assertThat(t.scheduledAt()).startsWith(getClass().getName()
                        + ".a_timer_neither_run_nor_cancelled_is_pending_with_where_it_was_scheduled(");
                assertThat(t.dueIn()).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(1));
                assertThat(t.toString()).startsWith("a timer scheduled at ").containsPattern("due in \\d+ ms");
            });
            forgotten.cancel();
            assertThat(loop.pendingTimers()).isEmpty();

            CompletableFuture<Void> ran = new CompletableFuture<>();
            loop.schedule(Duration.ofMillis(1), () -> ran.complete(null));
            ran.get(10, TimeUnit.SECONDS);
            assertThat(loop.pendingTimers()).as("a timer that ran").isEmpty();
        }
    }

    @Test
    void a_loop_that_does_not_track_timers_lists_none() {
        try (Loop plain = Loop.create(1)) {
            Timer ordinary = plain.schedule(Duration.ofMinutes(1), () -> { });
            assertThat(plain.pendingTimers()).isEmpty();
            ordinary.cancel();
        }
    }

    @Test
    void a_timer_a_closed_loop_refuses_is_not_left_listed() {
        Loop loop = tracked();
        loop.close();
        assertThatThrownBy(() -> loop.schedule(Duration.ofMinutes(1), () -> { }))
                .isInstanceOf(RejectedExecutionException.class);
        assertThat(loop.pendingTimers()).isEmpty();
    }

    @Test
    void on_a_manual_clock_running_the_due_timers_runs_those_due_and_leaves_a_later_one() throws Exception {
        ManualClock clock = ManualClock.create();
        try (Loop loop = Loop.create(b -> b.threads(1).clock(clock).trackTimers(true))) {
            StringBuilder ran = new StringBuilder();
            loop.schedule(Duration.ofSeconds(1), () -> ran.append("due"));
            Timer later = loop.schedule(Duration.ofSeconds(2), () -> ran.append("later"));
            clock.advance(Duration.ofMillis(999));
            assertThat(ran).isEmpty();
            clock.advance(Duration.ofMillis(1));
            loop.runDueTimers().toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertThat(ran).hasToString("due");
            assertThat(loop.pendingTimers()).singleElement().extracting(PendingTimer::dueIn)
                    .isEqualTo(Duration.ofSeconds(1));
            later.cancel();
        }
    }

    @Test
    void on_the_system_clock_running_the_due_timers_completes_after_the_due_ones() throws Exception {
        try (Loop loop = tracked()) {
            CompletableFuture<Void> due = new CompletableFuture<>();
            loop.schedule(Duration.ZERO, () -> due.complete(null));
            loop.runDueTimers().toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertThat(due).isDone();
            assertThat(loop.pendingTimers()).isEmpty();
        }
    }

    @Test
    void the_executor_of_a_loop_thread_runs_tasks_on_that_very_thread() throws Exception {
        try (Loop loop = Loop.create(2)) {
            assertThat(loop.threadExecutor()).as("off the loop").isNull();
            CompletableFuture<Thread> ranOn = new CompletableFuture<>();
            Thread owner = onLoop(loop, () -> {
                loop.threadExecutor().execute(() -> ranOn.complete(Thread.currentThread()));
                return Thread.currentThread();
            });
            assertThat(ranOn.get(10, TimeUnit.SECONDS)).isSameAs(owner);
            try (Loop other = Loop.create(1)) {
                assertThat(onLoop(other, loop::threadExecutor)).as("another loop's thread").isNull();
            }
        }
    }
}
