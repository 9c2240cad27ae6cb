package dev.weft.test;

import static dev.weft.test.Await.await;
import static dev.weft.test.Await.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class AwaitTest {

    @Test
    void await_gives_the_value_of_a_stage_completed_on_another_thread() {
        assertThat(await(CompletableFuture.supplyAsync(() -> "done"))).isEqualTo("done");
    }

    @Test
    void await_rethrows_an_unchecked_failure_as_it_is_and_wraps_a_checked_one() {
        IllegalArgumentException bad = new IllegalArgumentException("bad input");
        assertThatThrownBy(() -> await(CompletableFuture.failedFuture(bad))).isSameAs(bad);
        assertThatThrownBy(() -> await(CompletableFuture.failedFuture(new IOException("disk gone"))))
                .isInstanceOf(IllegalStateException.class).hasCauseInstanceOf(IOException.class);
    }

    @Test
    void failure_gives_the_cause_and_fails_the_test_when_the_stage_succeeds() {
        assertThat(failure(CompletableFuture.failedFuture(new IOException("disk gone"))))
                .isInstanceOf(IOException.class).hasMessage("disk gone");
        assertThatThrownBy(() -> failure(CompletableFuture.completedFuture(42)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("completed with 42");
    }
}
