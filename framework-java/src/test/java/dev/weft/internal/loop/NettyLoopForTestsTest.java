package dev.weft.internal.loop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.loop.Loop;
import dev.weft.loop.Timer;
import io.netty.channel.local.LocalIoHandler;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The loops the test harness makes: borrowed threads, and the timers left scheduled on them. */
class NettyLoopForTestsTest {

    private static <T> T onLoop(Loop loop, java.util.function.Supplier<T> work) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        loop.execute(() -> result.complete(work.get()));
        return result.get(10, TimeUnit.SECONDS);
    }

    @Test
    void a_borrowed_thread_belongs_to_its_loop_and_then_to_the_next_one() throws Exception {
        NettyLoop first = NettyLoop.forTests(1, NettyLoop.defaultIoHandlers());
        Thread thread = onLoop(first, Thread::currentThread);
        assertThat(onLoop(first, Loop::current)).isSameAs(first);
        assertThat(onLoop(first, first::inLoop)).isTrue();
        first.close();

        NettyLoop second = NettyLoop.forTests(1, LocalIoHandler.newFactory());
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
        NettyLoop loop = NettyLoop.forTests(2, NettyLoop.defaultIoHandlers());
        onLoop(loop, () -> null);
        loop.close();
        assertThat(loop.isClosed()).isTrue();
        assertThat(loop.group().isTerminated()).isTrue();
    }

    @Test
    void a_timer_neither_run_nor_cancelled_is_pending_with_where_it_was_scheduled() throws Exception {
        try (NettyLoop loop = NettyLoop.forTests(1, NettyLoop.defaultIoHandlers())) {
            Timer forgotten = loop.schedule(Duration.ofMinutes(1), () -> { });
            assertThat(loop.pendingTimers()).singleElement().asString()
                    .startsWith("a timer scheduled at " + getClass().getName()
                            + ".a_timer_neither_run_nor_cancelled_is_pending_with_where_it_was_scheduled(")
                    .containsPattern("due in \\d+ ms");
            forgotten.cancel();
            assertThat(loop.pendingTimers()).isEmpty();

            CompletableFuture<Void> ran = new CompletableFuture<>();
            loop.schedule(Duration.ofMillis(1), () -> ran.complete(null));
            ran.get(10, TimeUnit.SECONDS);
            assertThat(loop.pendingTimers()).as("a timer that ran").isEmpty();
        }
    }

    @Test
    void the_frameworks_own_deadlines_and_other_loops_timers_are_not_tracked() {
        try (NettyLoop test = NettyLoop.forTests(1, NettyLoop.defaultIoHandlers());
                NettyLoop plain = new NettyLoop(1)) {
            Timer deadline = NettyLoop.deadline(test, Duration.ofMinutes(1), () -> { });
            Timer ordinary = plain.schedule(Duration.ofMinutes(1), () -> { });
            assertThat(test.pendingTimers()).isEmpty();
            assertThat(plain.pendingTimers()).isEmpty();
            deadline.cancel();
            ordinary.cancel();
        }
    }

    @Test
    void a_timer_a_closed_loop_refuses_is_not_left_listed() {
        NettyLoop loop = NettyLoop.forTests(1, NettyLoop.defaultIoHandlers());
        loop.close();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> loop.schedule(Duration.ofMinutes(1), () -> { }))
                .isInstanceOf(java.util.concurrent.RejectedExecutionException.class);
        assertThat(loop.pendingTimers()).isEmpty();
    }
}
