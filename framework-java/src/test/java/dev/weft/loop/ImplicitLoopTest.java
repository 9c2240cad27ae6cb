package dev.weft.loop;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ImplicitLoopTest {

    @Test
    void a_block_sees_the_loop_set_for_it_and_the_previous_one_comes_back_after() throws Exception {
        Loop before = Loop.current();
        try (Loop loop = Loop.create(1)) {
            Loop seen = ImplicitLoop.call(loop, Loop::current);
            assertThat(seen).isSameAs(loop);
            Loop nested = ImplicitLoop.call(loop, () -> {
                CompletableFuture<Loop> onStarted = new CompletableFuture<>();
                new Thread(() -> onStarted.complete(Loop.current())).start();
                return onStarted.get(10, TimeUnit.SECONDS);
            });
            assertThat(nested).as("a thread the block starts").isSameAs(loop);
        }
        assertThat(Loop.current()).isSameAs(before);
    }

    @Test
    void an_installed_resolver_comes_first_until_it_is_closed() throws Exception {
        try (Loop loop = Loop.create(1); Loop other = Loop.create(1)) {
            try (ImplicitLoop.Registration r = ImplicitLoop.install(() -> loop)) {
                assertThat(Loop.current()).isSameAs(loop);
                CompletableFuture<Loop> onOther = new CompletableFuture<>();
                other.execute(() -> onOther.complete(Loop.current()));
                assertThat(onOther.get(10, TimeUnit.SECONDS)).as("even on another loop's thread").isSameAs(loop);
            }
            CompletableFuture<Loop> onOther = new CompletableFuture<>();
            other.execute(() -> onOther.complete(Loop.current()));
            assertThat(onOther.get(10, TimeUnit.SECONDS)).isSameAs(other);
        }
    }

    @Test
    void a_resolver_that_names_no_loop_leaves_the_usual_order() throws Exception {
        try (Loop loop = Loop.create(1); ImplicitLoop.Registration r = ImplicitLoop.install(() -> null)) {
            assertThat(ImplicitLoop.call(loop, Loop::current)).isSameAs(loop);
        }
    }
}
