package dev.weft.internal.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

// Each test logs into its own Deprecations instance, so nothing here depends on the process-wide logger or on what
// other tests (run in parallel or not) have logged.
class DeprecationsTest {
    private final Queue<String> logged = new ConcurrentLinkedQueue<>();
    private final Deprecations deprecations = new Deprecations(logged::add);

    @Test
    void the_first_use_of_an_api_logs_one_warning_naming_the_replacement() {
        boolean first = deprecations.warn("Old.call()", "New.call()");

        assertThat(first).isTrue();
        assertThat(logged).singleElement().asString()
                .contains("Old.call() is deprecated")
                .contains("use New.call() instead");
        assertThat(deprecations.loggedCount()).isEqualTo(1);
    }

    @Test
    void later_uses_of_the_same_api_log_nothing() {
        deprecations.warn("Old.call()", "New.call()");

        boolean second = deprecations.warn("Old.call()", "New.call()");
        boolean third = deprecations.warn("Old.call()", "Something.else()");

        assertThat(second).isFalse();
        assertThat(third).isFalse();
        assertThat(logged).hasSize(1);
        assertThat(deprecations.loggedCount()).isEqualTo(1);
    }

    @Test
    void each_api_gets_its_own_warning() {
        deprecations.warn("A.one()", "A.two()");
        deprecations.warn("B.one()", "B.two()");
        deprecations.warn("A.one()", "A.two()");

        assertThat(logged).hasSize(2);
        assertThat(deprecations.loggedCount()).isEqualTo(2);
    }

    @Test
    void threads_racing_on_one_api_log_exactly_one_warning() throws Exception {
        int threads = 16;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    return deprecations.warn("Raced.call()", "Calm.call()");
                }));
            }
            go.countDown();
            int loggedByCalls = 0;
            for (Future<Boolean> r : results) {
                loggedByCalls += r.get(10, TimeUnit.SECONDS) ? 1 : 0;
            }

            assertThat(loggedByCalls).isEqualTo(1);
            assertThat(logged).hasSize(1);
            assertThat(deprecations.loggedCount()).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void the_process_wide_helper_warns_once_per_api() {
        String api = "Unique" + UUID.randomUUID() + ".call()";

        assertThat(Deprecations.warnOnce(api, "Other.call()")).isTrue();
        assertThat(Deprecations.warnOnce(api, "Other.call()")).isFalse();
    }
}
