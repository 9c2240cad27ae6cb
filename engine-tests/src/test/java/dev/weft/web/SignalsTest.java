package dev.weft.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.loop.Loop;
import dev.weft.test.TestClients;
import dev.weft.test.TestServer;
import dev.weft.test.WeftTest;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Lifecycle signals around a server's start and stop. Tests that stop the server themselves start it with
 * {@link TestServer#start(Application, Loop)} on the test's loop, so that the harness does not close it again.
 */
@WeftTest
class SignalsTest {
    private static final AppKey<String> RESOURCE = AppKey.of("resource", String.class);

    private final List<String> events = new CopyOnWriteArrayList<>();

    private AppSignal record(String event) {
        return app -> {
            events.add(event);
            return null;
        };
    }

    private CleanupContext context(String name) {
        return app -> {
            events.add("setup " + name);
            return () -> {
                events.add("teardown " + name);
                return null;
            };
        };
    }

    @Test
    void signals_and_cleanup_contexts_run_in_order_and_unwind_in_reverse(Loop loop) {
        Application app = Application.create()
                .cleanupContext(context("db"))
                .cleanupContext(context("cache"))
                .onStartup(record("startup 1"))
                .onStartup(record("startup 2"))
                .onShutdown(record("shutdown 1"))
                .onShutdown(record("shutdown 2"))
                .onCleanup(record("cleanup 1"))
                .onCleanup(record("cleanup 2"));
        TestServer server = TestServer.start(app, loop);
        assertThat(events).containsExactly("setup db", "setup cache", "startup 1", "startup 2");
        events.clear();
        server.close();
        assertThat(events).containsExactly("shutdown 1", "shutdown 2", "cleanup 2", "cleanup 1",
                "teardown cache", "teardown db");
    }

    @Test
    void startup_signals_see_what_cleanup_contexts_set_up(Loop loop) {
        Application app = Application.create()
                .onStartup(a -> {
                    events.add("startup sees " + a.require(RESOURCE));
                    return null;
                })
                .cleanupContext(a -> {
                    a.set(RESOURCE, "pool");
                    return () -> null;
                });
        TestServer.start(app, loop).close();
        assertThat(events).containsExactly("startup sees pool");
    }

    @Test
    void the_server_accepts_requests_only_after_startup_signals(TestClients clients) {
        Application app = Application.create()
                .onStartup(a -> {
                    a.set(RESOURCE, "ready");
                    return null;
                });
        app.routes().get("/", req -> Response.text(req.app().require(RESOURCE)));
        assertThat(Answer.text(clients.create(app).get("/"))).isEqualTo("ready");
    }

    @Test
    void async_signals_are_awaited_before_the_next_one_runs(Loop loop) throws Exception {
        CompletableFuture<Void> gate = new CompletableFuture<>();
        CountDownLatch firstRunning = new CountDownLatch(1);
        Application app = Application.create()
                .onStartup(a -> {
                    events.add("first");
                    firstRunning.countDown();
                    return gate;
                })
                .onStartup(record("second"));
        try (AppRunner runner = AppRunner.create(app, TestServer.testConfig(), loop)) {
            CompletableFuture<BoundSite> started = runner.start(Site.tcp(TestServer.HOST, 0)).toCompletableFuture();
            assertThat(firstRunning.await(10, TimeUnit.SECONDS)).isTrue();
            events.add("gate opened");
            gate.complete(null);
            started.get(10, TimeUnit.SECONDS);
            assertThat(events).containsExactly("first", "gate opened", "second");
        }
    }

    @Test
    void async_cleanup_signals_and_teardowns_are_awaited(Loop loop) {
        Application app = Application.create()
                .cleanupContext(a -> () -> CompletableFuture.runAsync(() -> events.add("teardown (async)")))
                .onCleanup(a -> CompletableFuture.runAsync(() -> events.add("cleanup (async)")))
                .onShutdown(a -> CompletableFuture.runAsync(() -> events.add("shutdown (async)")));
        TestServer.start(app, loop).close();
        assertThat(events).containsExactly("shutdown (async)", "cleanup (async)", "teardown (async)");
    }

    @Test
    void signals_run_on_the_loop_even_after_an_async_signal_completes_elsewhere(Loop loop) {
        List<Boolean> onLoop = new CopyOnWriteArrayList<>();
        Application app = Application.create();
        app.onStartup(a -> CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(1,
                TimeUnit.MILLISECONDS)));
        app.onStartup(a -> {
            onLoop.add(loop.inLoop());
            return null;
        });
        app.onCleanup(a -> CompletableFuture.runAsync(() -> { }));
        app.onCleanup(a -> {
            onLoop.add(loop.inLoop());
            return null;
        });
        TestServer.start(app, loop).close();
        assertThat(onLoop).containsExactly(true, true);
    }

    @Test
    void a_failing_startup_fails_the_start_and_unwinds_what_had_started(Loop loop) {
        Application app = Application.create()
                .cleanupContext(context("db"))
                .cleanupContext(a -> {
                    throw new IllegalStateException("cache unavailable");
                })
                .cleanupContext(context("never"))
                .onStartup(record("startup never"))
                .onShutdown(record("shutdown"))
                .onCleanup(record("cleanup"));
        assertThatThrownBy(() -> TestServer.start(app, loop))
                .isInstanceOf(IllegalStateException.class).hasMessage("cache unavailable");
        assertThat(events).containsExactly("setup db", "cleanup", "teardown db");
    }

    @Test
    void a_failing_async_startup_signal_fails_the_start(Loop loop) {
        Application app = Application.create()
                .cleanupContext(context("db"))
                .onStartup(a -> CompletableFuture.failedFuture(new IllegalArgumentException("bad config")))
                .onStartup(record("startup never"));
        assertThatThrownBy(() -> TestServer.start(app, loop))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("bad config");
        assertThat(events).containsExactly("setup db", "teardown db");
    }

    @Test
    void closing_a_runner_whose_startup_failed_does_not_run_cleanup_again(Loop loop) {
        Application app = Application.create()
                .cleanupContext(context("db"))
                .onStartup(a -> {
                    throw new IllegalStateException("boom");
                })
                .onShutdown(record("shutdown"))
                .onCleanup(record("cleanup"));
        AppRunner runner = AppRunner.create(app, TestServer.testConfig(), loop);
        CompletableFuture<BoundSite> started = runner.start(Site.tcp(TestServer.HOST, 0)).toCompletableFuture();
        assertThatThrownBy(() -> started.get(10, TimeUnit.SECONDS)).hasRootCauseMessage("boom");
        runner.close();
        assertThat(events).containsExactly("setup db", "cleanup", "teardown db");
    }

    @Test
    void cleanup_errors_are_collected_and_every_cleanup_step_still_runs(Loop loop) {
        Application app = Application.create()
                .cleanupContext(context("first"))
                .cleanupContext(a -> () -> {
                    throw new IllegalStateException("teardown failed");
                })
                .onShutdown(a -> {
                    throw new IllegalStateException("shutdown failed");
                })
                .onCleanup(record("cleanup 1"))
                .onCleanup(a -> CompletableFuture.failedFuture(new IllegalStateException("cleanup 2 failed")));
        TestServer server = TestServer.start(app, loop);
        assertThatThrownBy(server::close)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("shutdown failed")
                .satisfies(e -> {
                    Throwable summary = e.getCause();
                    assertThat(summary).hasMessageContaining("3 error(s) during shutdown");
                    assertThat(summary.getSuppressed()).extracting(Throwable::getMessage)
                            .containsExactly("cleanup 2 failed", "teardown failed");
                });
        assertThat(events).containsExactly("setup first", "cleanup 1", "teardown first");
    }

    @Test
    void sub_application_signals_run_with_the_parents(Loop loop) {
        Application admin = Application.create()
                .cleanupContext(context("admin"))
                .onStartup(record("admin startup"))
                .onShutdown(record("admin shutdown"))
                .onCleanup(record("admin cleanup"));
        Application api = Application.create().onStartup(record("api startup")).onCleanup(record("api cleanup"));
        Application app = Application.create()
                .cleanupContext(context("root"))
                .onStartup(record("root startup"))
                .onShutdown(record("root shutdown"))
                .onCleanup(record("root cleanup"))
                .addSubapp("/admin", admin)
                .addDomain("api.example.com", api);
        TestServer server = TestServer.start(app, loop);
        assertThat(events).containsExactly("setup root", "root startup", "setup admin", "admin startup",
                "api startup");
        events.clear();
        server.close();
        assertThat(events).containsExactly("root shutdown", "admin shutdown", "api cleanup", "admin cleanup",
                "teardown admin", "root cleanup", "teardown root");
    }

    @Test
    void a_signal_gets_the_application_it_was_added_to(Loop loop) {
        Application admin = Application.create();
        admin.onStartup(a -> {
            events.add(a == admin ? "admin" : "other");
            return null;
        });
        Application app = Application.create().addSubapp("/admin", admin);
        TestServer.start(app, loop).close();
        assertThat(events).containsExactly("admin");
    }
}
