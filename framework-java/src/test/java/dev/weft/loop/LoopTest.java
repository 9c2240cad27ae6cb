package dev.weft.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class LoopTest {

    @Test
    void execute_runs_the_task_on_a_loop_thread_where_current_is_that_loop() throws Exception {
        try (Loop loop = Loop.create(1)) {
            CompletableFuture<Loop> seen = new CompletableFuture<>();
            loop.execute(() -> seen.complete(Loop.current()));
            assertThat(seen.get(5, TimeUnit.SECONDS)).isSameAs(loop);
            assertThat(loop.inLoop()).isFalse();
        }
    }

    @Test
    void tasks_from_one_thread_run_in_order() throws Exception {
        try (Loop loop = Loop.create(1)) {
            StringBuilder order = new StringBuilder();
            CountDownLatch done = new CountDownLatch(1);
            for (int i = 0; i < 5; i++) {
                int n = i;
                loop.execute(() -> order.append(n));
            }
            loop.execute(done::countDown);
            assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(order).hasToString("01234");
        }
    }

    @Test
    void current_off_the_loop_is_the_process_default_loop() {
        Loop a = Loop.current();
        assertThat(a).isSameAs(Loop.current());
        assertThat(a.isClosed()).isFalse();
        assertThat(a.threads()).isEqualTo(Runtime.getRuntime().availableProcessors());
    }

    @Test
    void schedule_runs_later_and_a_cancelled_timer_never_runs() throws Exception {
        try (Loop loop = Loop.create(1)) {
            CompletableFuture<Boolean> ran = new CompletableFuture<>();
            AtomicBoolean cancelledRan = new AtomicBoolean();
            Timer cancelled = loop.schedule(Duration.ofMillis(20), () -> cancelledRan.set(true));
            assertThat(cancelled.cancel()).isTrue();
            loop.schedule(Duration.ofMillis(40), () -> ran.complete(loop.inLoop()));
            assertThat(ran.get(5, TimeUnit.SECONDS)).isTrue();
            assertThat(cancelledRan).isFalse();
        }
    }

    @Test
    void run_blocking_runs_off_the_loop_and_completes_back_on_the_calling_loop_thread() throws Exception {
        try (Loop loop = Loop.create(2)) {
            AtomicReference<Thread> worker = new AtomicReference<>();
            CompletableFuture<Thread> caller = new CompletableFuture<>();
            CompletableFuture<Thread> completedOn = new CompletableFuture<>();
            loop.execute(() -> {
                caller.complete(Thread.currentThread());
                loop.runBlocking(() -> {
                    worker.set(Thread.currentThread());
                    return 42;
                }).thenAccept(v -> completedOn.complete(Thread.currentThread()));
            });
            assertThat(completedOn.get(5, TimeUnit.SECONDS)).isSameAs(caller.get());
            assertThat(worker.get()).isNotSameAs(caller.get());
            assertThat(worker.get().getName()).doesNotStartWith("weft-loop");
        }
    }

    @Test
    void run_blocking_passes_the_failure_on() {
        try (Loop loop = Loop.create(1)) {
            var stage = loop.runBlocking(() -> {
                throw new java.io.IOException("disk gone");
            });
            assertThatThrownBy(() -> stage.toCompletableFuture().get(5, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(java.io.IOException.class).hasMessageContaining("disk gone");
        }
    }

    @Test
    void close_is_idempotent_and_waits_for_the_threads() throws Exception {
        Loop loop = Loop.create(1);
        CompletableFuture<Thread> thread = new CompletableFuture<>();
        loop.execute(() -> thread.complete(Thread.currentThread()));
        Thread t = thread.get(5, TimeUnit.SECONDS);
        loop.close();
        loop.close();
        assertThat(loop.isClosed()).isTrue();
        assertThat(t.isAlive()).isFalse();
    }

    @Test
    void a_loop_needs_at_least_one_thread() {
        assertThatThrownBy(() -> Loop.create(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one thread");
    }
}
