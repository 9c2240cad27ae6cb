package dev.weft.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.web.AppRunner;
import dev.weft.web.Application;
import dev.weft.web.ServerConfig;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

class LoopBuilderTest {

    @Test
    void the_three_ways_to_make_a_loop_agree_on_the_defaults() {
        try (Loop a = Loop.create(); Loop b = Loop.builder().build(); Loop c = Loop.create(x -> { })) {
            for (Loop loop : List.of(a, b, c)) {
                assertThat(loop.threads()).isEqualTo(Runtime.getRuntime().availableProcessors());
                assertThat(loop.clock()).isSameAs(LoopClock.system());
                assertThat(loop.pendingTimers()).isEmpty();
            }
        }
    }

    @Test
    void options_are_applied() {
        ManualClock clock = ManualClock.create();
        try (Loop loop = Loop.create(b -> b.threads(3).clock(clock).trackTimers(true))) {
            assertThat(loop.threads()).isEqualTo(3);
            assertThat(loop.clock()).isSameAs(clock);
            Timer t = loop.schedule(Duration.ofSeconds(1), () -> { });
            assertThat(loop.pendingTimers()).hasSize(1);
            t.cancel();
        }
        try (Loop loop = Loop.create(2)) {
            assertThat(loop.threads()).isEqualTo(2);
        }
    }

    @Test
    void a_loop_needs_a_thread() {
        assertThatThrownBy(() -> Loop.create(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one thread");
        assertThatThrownBy(() -> Loop.create(b -> b.clock(null))).isInstanceOf(NullPointerException.class);
    }

    @Test
    void the_system_clock_reads_the_jvms_time() {
        long before = System.currentTimeMillis();
        long read = LoopClock.system().millis();
        assertThat(read).isBetween(before, System.currentTimeMillis());
        long n1 = LoopClock.system().nanoTime();
        assertThat(LoopClock.system().nanoTime()).isGreaterThanOrEqualTo(n1);
    }

    @Test
    void a_loop_of_another_implementation_is_refused_with_a_clear_message_not_a_class_cast() {
        Loop foreign = new ForeignLoop();
        assertThatThrownBy(() -> AppRunner.create(Application.create(), ServerConfig.defaults(), foreign))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("AppRunner needs a loop made by Loop.create(...) or Loop.builder()")
                .hasMessageContaining(ForeignLoop.class.getName());
        assertThatThrownBy(() -> dev.weft.client.TcpConnector.create(b -> b.loop(foreign)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("TcpConnector")
                .hasMessageContaining("Loop.builder()");
    }

    /** A loop someone wrote themselves. */
    private static final class ForeignLoop implements Loop {
        @Override
        public void execute(Runnable task) {
            task.run();
        }

        @Override
        public Timer schedule(Duration delay, Runnable task) {
            return () -> false;
        }

        @Override
        public boolean inLoop() {
            return false;
        }

        @Override
        public Executor threadExecutor() {
            return null;
        }

        @Override
        public <T> CompletionStage<T> runBlocking(Callable<T> task) {
            throw new UnsupportedOperationException();
        }

        @Override
        public LoopClock clock() {
            return LoopClock.system();
        }

        @Override
        public long nanoTime() {
            return 0;
        }

        @Override
        public List<PendingTimer> pendingTimers() {
            return List.of();
        }

        @Override
        public CompletionStage<Void> runDueTimers() {
            throw new UnsupportedOperationException();
        }

        @Override
        public int threads() {
            return 1;
        }

        @Override
        public boolean isClosed() {
            return false;
        }

        @Override
        public void close() {
        }

        @Override
        public String toString() {
            return "my own loop";
        }
    }
}
