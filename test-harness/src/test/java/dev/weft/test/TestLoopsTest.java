package dev.weft.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.loop.Loop;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@WeftTest
class TestLoopsTest {

    /** A service that, as user code often does, takes the implicit loop when it is built. */
    static final class Service {
        final Loop loop = Loop.current();
    }

    @Test
    void code_inside_sees_the_test_loop_as_the_implicit_loop(Loop loop) throws Exception {
        Service built = TestLoops.withImplicitLoop(loop, Service::new);
        assertThat(built.loop).isSameAs(loop);
        assertThat(new Service().loop).as("restored afterwards").isNotSameAs(loop);
    }

    @Test
    void threads_started_inside_and_blocking_work_see_it_too(Loop loop) throws Exception {
        CompletableFuture<Loop> fromThread = new CompletableFuture<>();
        Loop fromBlocking = TestLoops.withImplicitLoop(loop, () -> {
            new Thread(() -> fromThread.complete(new Service().loop)).start();
            return Loop.current().runBlocking(() -> new Service().loop).toCompletableFuture().get(5, TimeUnit.SECONDS);
        });
        assertThat(fromThread.get(5, TimeUnit.SECONDS)).isSameAs(loop);
        assertThat(fromBlocking).isSameAs(loop);
    }

    @Test
    void the_previous_loop_is_restored_when_the_block_fails(Loop loop) {
        Loop before = Loop.current();
        assertThatThrownBy(() -> TestLoops.withImplicitLoop(loop, () -> {
            throw new IllegalStateException("boom");
        })).hasMessage("boom");
        assertThat(Loop.current()).isSameAs(before);
    }
}
