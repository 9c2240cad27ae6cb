package dev.weft.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.weft.loop.Loop;
import dev.weft.web.Application;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;

/** The extension seen from outside: run a test class through JUnit and look at what happened. */
class WeftExtensionTest {
    static final List<Loop> SEEN = new ArrayList<>();

    @WeftTest
    static class TwoTests {
        @Test
        void first(Loop loop) {
            SEEN.add(loop);
        }

        @Test
        void second(Loop loop) {
            SEEN.add(loop);
        }
    }

    @WeftTest
    static class ServerWhoseCleanupFails {
        @Test
        void passes_its_body(TestServers servers) {
            Application app = Application.create();
            app.onCleanup(a -> {
                throw new IllegalStateException("pool would not close");
            });
            servers.start(app);
        }
    }

    @Test
    void each_test_gets_its_own_loop_closed_when_the_test_ends() {
        SEEN.clear();
        EngineTestKit.engine("junit-jupiter").selectors(selectClass(TwoTests.class)).execute()
                .testEvents().assertStatistics(s -> s.succeeded(2));
        assertThat(SEEN).hasSize(2);
        assertThat(SEEN.get(0)).isNotSameAs(SEEN.get(1));
        assertThat(SEEN).allMatch(Loop::isClosed);
    }

    @Test
    void a_failure_while_closing_fails_the_test_that_caused_it_saying_what_failed() {
        var events = EngineTestKit.engine("junit-jupiter").selectors(selectClass(ServerWhoseCleanupFails.class))
                .execute().testEvents();
        events.assertStatistics(s -> s.failed(1));
        Throwable failure = events.failed().list().get(0).getRequiredPayload(
                org.junit.platform.engine.TestExecutionResult.class).getThrowable().orElseThrow();
        assertThat(failure).isInstanceOf(AssertionError.class).hasMessageContaining("closing the test's Weft resources");
        assertThat(failure).hasStackTraceContaining("pool would not close");
    }
}
