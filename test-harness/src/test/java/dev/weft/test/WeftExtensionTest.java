package dev.weft.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.weft.loop.Loop;
import dev.weft.loop.ManualClock;
import dev.weft.web.Application;
import dev.weft.web.Reply;
import dev.weft.web.Response;
import dev.weft.web.ws.WebSocketResponse;
import java.util.concurrent.CompletableFuture;
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

    @WeftTest
    static class LeavesATimerScheduled {
        @Test
        void schedules_a_reminder_nobody_cancels(Loop loop) {
            loop.schedule(java.time.Duration.ofMinutes(5), () -> { });
        }
    }

    @WeftTest
    static class AppCancelsItsTimerAtCleanup {
        @Test
        void starts_a_background_timer_in_startup(TestClients clients) {
            Application app = Application.create();
            app.cleanupContext(a -> {
                var heartbeat = Loop.current().schedule(java.time.Duration.ofMinutes(5), () -> { });
                return () -> {
                    heartbeat.cancel();
                    return null;
                };
            });
            try (var res = clients.create(app).get("/").join()) {
                assertThat(res.status()).isEqualTo(404);
            }
        }

        @Test
        void schedules_a_timer_that_runs_before_the_end(Loop loop) throws Exception {
            CompletableFuture<Void> ran = new CompletableFuture<>();
            loop.schedule(java.time.Duration.ofMillis(1), () -> ran.complete(null));
            ran.get(10, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    static final List<Object> CLOCKS = new ArrayList<>();

    @WeftTest
    static class TakesAManualClock {
        @Test
        void in_its_method(ManualClock clock, Loop loop) throws Exception {
            CLOCKS.add(clock);
            CLOCKS.add(loop.clock());
            CompletableFuture<Void> ran = new CompletableFuture<>();
            loop.schedule(java.time.Duration.ofHours(1), () -> ran.complete(null));
            clock.advance(java.time.Duration.ofHours(1));
            CLOCKS.add(ran.isDone());
        }

        @Test
        void on_the_system_clock_otherwise(Loop loop) {
            CLOCKS.add(loop.clock());
        }
    }

    @WeftTest
    static class LeavesATimerOnAManualClock {
        @Test
        void schedules_a_reminder_the_clock_never_reaches(ManualClock clock, Loop loop) {
            loop.schedule(java.time.Duration.ofMinutes(5), () -> { });
            clock.advance(java.time.Duration.ofMinutes(4));
        }
    }

    static Application app() {
        return app(new CompletableFuture<>());
    }

    /** An app whose {@code /hang} completes {@code entered} and never replies. */
    static Application app(CompletableFuture<Void> entered) {
        Application app = Application.create();
        app.routes()
                .get("/report", r -> Response.text("a body nobody reads"))
                .get("/hang", r -> {
                    entered.complete(null);
                    return Reply.async(new CompletableFuture<Response>());
                });
        return app;
    }

    @WeftTest
    static class LeaksAResponse {
        @Test
        void forgets_to_read_a_body(TestClients clients) {
            clients.create(app()).get("/report").join();
        }
    }

    @WeftTest(transport = TestTransport.MEMORY)
    static class LeaksAResponseInMemory extends LeaksAResponse {
    }

    @WeftTest
    static class LeavesAHandlerRunning {
        @Test
        void does_not_wait_for_its_request(TestClients clients) throws Exception {
            CompletableFuture<Void> entered = new CompletableFuture<>();
            clients.create(app(entered)).get("/hang");
            entered.join(); // the handler runs: the test ends while it is handled
        }
    }

    static final List<java.net.Socket> RAW_SOCKETS = new java.util.concurrent.CopyOnWriteArrayList<>();

    @WeftTest
    static class LeavesAWebSocketOpen {
        @Test
        void opens_a_websocket_and_walks_away(TestServers servers) throws Exception {
            Application app = Application.create();
            app.routes().get("/ws", r -> {
                var ws = new WebSocketResponse();
                return Reply.async(ws.prepare(r).thenCompose(v -> ws.forEach(m -> null)).thenApply(v -> ws));
            });
            TestServer server = servers.start(app);
            var socket = new java.net.Socket(TestServer.HOST, server.port());
            RAW_SOCKETS.add(socket);
            socket.getOutputStream().write(("GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            var in = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    java.nio.charset.StandardCharsets.US_ASCII));
            assertThat(in.readLine()).startsWith("HTTP/1.1 101");
            while (!in.readLine().isEmpty()) {
                // the rest of the handshake's head
            }
        }
    }

    @WeftTest
    static class LeavesAClientWebSocketOpen {
        @Test
        void connects_and_walks_away(TestClients clients) {
            Application app = Application.create();
            app.routes().get("/chat", r -> {
                var ws = new WebSocketResponse();
                return Reply.async(ws.prepare(r).thenCompose(v -> ws.forEach(m -> null)).thenApply(v -> ws));
            });
            clients.create(app).wsConnect("/chat").join();
        }
    }

    @WeftTest
    static class ClosesItsClientWebSocket {
        @Test
        void echoes_then_closes(TestClients clients) {
            Application app = Application.create();
            app.routes().get("/echo", r -> {
                var ws = new WebSocketResponse();
                return Reply.async(ws.prepare(r)
                        .thenCompose(v -> ws.forEach(m -> ws.sendText(((dev.weft.http.ws.WsMessage.Text) m).data())))
                        .thenApply(v -> ws));
            });
            var ws = clients.create(app).wsConnect("/echo").join();
            ws.sendText("hi").toCompletableFuture().join();
            assertThat(ws.receiveText().toCompletableFuture().join()).isEqualTo("hi");
            ws.close().toCompletableFuture().join();
        }
    }

    @WeftTest
    static class ReadsEverything {
        @Test
        void reads_its_body(TestClients clients) {
            assertThat(clients.create(app()).get("/report").join().text().toCompletableFuture().join())
                    .isEqualTo("a body nobody reads");
        }

        @Test
        void releases_its_response(TestClients clients) {
            clients.create(app()).get("/report").join().release();
        }

        @Test
        @WeftTest(transport = TestTransport.MEMORY)
        void runs_in_memory_when_its_method_says_so(TestClients clients, Loop loop) {
            assertThat(clients.transport()).isEqualTo(TestTransport.MEMORY);
            try (var res = clients.create(app()).get("/report").join()) {
                assertThat(res.url().getHost()).endsWith(".memory");
            }
        }
    }

    private static Throwable failureOf(Class<?> testClass) {
        var events = EngineTestKit.engine("junit-jupiter").selectors(selectClass(testClass)).execute().testEvents();
        events.assertStatistics(s -> s.started(1).failed(1));
        return events.failed().list().get(0).getRequiredPayload(
                org.junit.platform.engine.TestExecutionResult.class).getThrowable().orElseThrow();
    }

    @Test
    void a_test_that_leaks_a_response_fails_naming_its_request() {
        assertThat(failureOf(LeaksAResponse.class)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("the test leaked 1 thing(s)")
                .hasMessageMatching("(?s).*an unreleased response to GET http://127\\.0\\.0\\.1:\\d+/report \\(200\\).*")
                .hasMessageContaining("read its body or call release()");
    }

    @Test
    void a_test_that_leaks_a_response_in_memory_fails_the_same_way() {
        assertThat(failureOf(LeaksAResponseInMemory.class)).isInstanceOf(AssertionError.class)
                .hasMessageMatching(
                        "(?s).*an unreleased response to GET http://weft-test-\\d+\\.memory/report \\(200\\).*");
    }

    @Test
    void a_test_that_ends_while_its_handler_runs_fails_naming_the_request() {
        assertThat(failureOf(LeavesAHandlerRunning.class)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("the test leaked 2 thing(s)")
                .hasMessageContaining("a request still awaiting its response: GET /hang on http://127.0.0.1:")
                .hasMessageContaining("1 request(s) still being handled by http://127.0.0.1:");
    }

    @Test
    void a_test_that_leaves_a_client_websocket_open_fails_naming_it() {
        assertThat(failureOf(LeavesAClientWebSocketOpen.class)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("a client WebSocket to /chat on http://127.0.0.1:")
                .hasMessageContaining("1 WebSocket(s) still open on http://127.0.0.1:");
    }

    @Test
    void a_test_that_closes_its_client_websocket_passes() {
        EngineTestKit.engine("junit-jupiter").selectors(selectClass(ClosesItsClientWebSocket.class)).execute()
                .testEvents().assertStatistics(s -> s.succeeded(1).failed(0));
    }

    @Test
    void a_test_that_leaves_a_websocket_open_fails_saying_so() throws Exception {
        try {
            assertThat(failureOf(LeavesAWebSocketOpen.class)).isInstanceOf(AssertionError.class)
                    .hasMessageContaining("1 WebSocket(s) still open on http://127.0.0.1:");
        } finally {
            for (var s : RAW_SOCKETS) {
                s.close();
            }
            RAW_SOCKETS.clear();
        }
    }

    @Test
    void a_test_that_takes_a_manual_clock_gets_a_loop_on_it_and_others_the_system_clock() {
        CLOCKS.clear();
        EngineTestKit.engine("junit-jupiter").selectors(selectClass(TakesAManualClock.class)).execute()
                .testEvents().assertStatistics(s -> s.succeeded(2));
        assertThat(CLOCKS).hasSize(4).contains(dev.weft.loop.LoopClock.system()).contains(true);
        assertThat(CLOCKS.stream().filter(c -> c instanceof ManualClock).distinct()).hasSize(1);
    }

    @Test
    void a_timer_left_on_a_manual_clock_is_reported_with_the_time_left_on_that_clock() {
        assertThat(failureOf(LeavesATimerOnAManualClock.class)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("a timer scheduled at " + LeavesATimerOnAManualClock.class.getName()
                        + ".schedules_a_reminder_the_clock_never_reaches(WeftExtensionTest.java:")
                .hasMessageContaining("due in 60000 ms");
    }

    @Test
    void a_test_that_leaves_a_timer_scheduled_fails_naming_where_it_was_scheduled() {
        assertThat(failureOf(LeavesATimerScheduled.class)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("the test leaked 1 thing(s)")
                .hasMessageContaining("a timer scheduled at " + LeavesATimerScheduled.class.getName()
                        + ".schedules_a_reminder_nobody_cancels(WeftExtensionTest.java:")
                .hasMessageContaining("cancel it");
    }

    @Test
    void timers_cancelled_by_the_apps_cleanup_or_already_run_are_not_leaks() {
        EngineTestKit.engine("junit-jupiter").selectors(selectClass(AppCancelsItsTimerAtCleanup.class)).execute()
                .testEvents().assertStatistics(s -> s.started(2).succeeded(2));
    }

    @Test
    void tests_that_finish_what_they_start_pass_on_either_transport() {
        EngineTestKit.engine("junit-jupiter").selectors(selectClass(ReadsEverything.class)).execute()
                .testEvents().assertStatistics(s -> s.started(3).succeeded(3));
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
