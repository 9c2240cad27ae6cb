package dev.weft.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.loop.Loop;
import dev.weft.loop.ManualClock;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The stop sequence of ARCHITECTURE.md, observed from outside: refuse, close idle, signal, wait, cancel, clean up. */
class GracefulShutdownTest {
    private Loop loop;

    @BeforeEach
    void createLoop() {
        loop = Loop.create(1);
    }

    @AfterEach
    void closeLoop() {
        loop.close();
    }

    @Test
    void an_in_flight_request_finishes_while_new_connections_are_refused() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        CompletableFuture<Reply> gate = new CompletableFuture<>();
        CountDownLatch handlerStarted = new CountDownLatch(1);
        CountDownLatch shutdownSignal = new CountDownLatch(1);
        Application app = Application.create();
        app.routes().get("/work", r -> {
            events.add("handler");
            handlerStarted.countDown();
            return Reply.async(gate);
        });
        app.onShutdown(a -> {
            events.add("shutdown");
            shutdownSignal.countDown();
            return null;
        });
        app.onCleanup(a -> {
            events.add("cleanup");
            return null;
        });
        AppRunner runner = AppRunner.create(app, quiet(Duration.ofSeconds(30)), loop);
        int port = runner.start(Site.tcp("127.0.0.1", 0)).toCompletableFuture().join().port();

        try (Socket busy = connect(port)) {
            send(busy, "GET /work HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(handlerStarted.await(10, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<Void> stopped = runner.shutdown().toCompletableFuture();
            assertThat(shutdownSignal.await(10, TimeUnit.SECONDS)).isTrue();

            assertThatThrownBy(() -> connect(port).close()).isInstanceOf(ConnectException.class);
            assertThat(stopped).isNotDone();

            events.add("released");
            gate.complete(Response.text("done"));
            String response = readAll(busy);
            assertThat(response).startsWith("HTTP/1.1 200").containsIgnoringCase("Connection: close").endsWith("done");
            stopped.get(10, TimeUnit.SECONDS);
        }
        assertThat(events).containsExactly("handler", "shutdown", "released", "cleanup");
    }

    @Test
    void idle_keep_alive_connections_are_closed_when_the_stop_begins() throws Exception {
        Application app = Application.create();
        app.routes().get("/", r -> Response.text("hi"));
        AppRunner runner = AppRunner.create(app, quiet(Duration.ofSeconds(30)), loop);
        int port = runner.start(Site.tcp("127.0.0.1", 0)).toCompletableFuture().join().port();
        try (Socket idle = connect(port)) {
            send(idle, "GET / HTTP/1.1\r\nHost: x\r\n\r\n");
            byte[] buf = new byte[4096];
            int n = idle.getInputStream().read(buf);
            assertThat(new String(buf, 0, n, StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 200").endsWith("hi");

            runner.shutdown().toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertThat(idle.getInputStream().read()).isEqualTo(-1);
        }
    }

    @Test
    void a_handler_still_running_after_the_grace_period_is_cancelled_and_cleanup_still_runs() throws Exception {
        ManualClock clock = ManualClock.create();
        loop.close();
        loop = Loop.create(b -> b.threads(1).clock(clock)); // the grace period passes when the test says so
        Duration grace = Duration.ofSeconds(30);
        CompletableFuture<Reply> never = new CompletableFuture<>();
        CountDownLatch handlerStarted = new CountDownLatch(1);
        CountDownLatch shutdownSignal = new CountDownLatch(1);
        CountDownLatch cleaned = new CountDownLatch(1);
        Application app = Application.create();
        app.routes().get("/stuck", r -> {
            handlerStarted.countDown();
            return Reply.async(never);
        });
        app.onShutdown(a -> {
            shutdownSignal.countDown(); // the grace period starts once the shutdown signals are done
            return null;
        });
        app.onCleanup(a -> {
            cleaned.countDown();
            return null;
        });
        AppRunner runner = AppRunner.create(app, quiet(grace), loop);
        int port = runner.start(Site.tcp("127.0.0.1", 0)).toCompletableFuture().join().port();
        try (Socket stuck = connect(port)) {
            send(stuck, "GET /stuck HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(handlerStarted.await(10, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<Void> stopped = runner.shutdown().toCompletableFuture();
            assertThat(shutdownSignal.await(10, TimeUnit.SECONDS)).isTrue();
            clock.advance(grace.minusNanos(1));
            assertThat(never).as("a nanosecond before the end of the grace period").isNotDone();
            clock.advance(Duration.ofNanos(1));
            stopped.get(10, TimeUnit.SECONDS);
            assertThat(never).isCancelled();
            assertThat(cleaned.getCount()).isZero();
            assertThat(readAll(stuck)).startsWith("HTTP/1.1 503").containsIgnoringCase("Connection: close");
        }
    }

    @Test
    void cleanup_errors_are_collected_and_every_cleanup_still_runs() throws Exception {
        List<String> ran = new CopyOnWriteArrayList<>();
        Application app = Application.create();
        app.cleanupContext(a -> () -> {
            ran.add("teardown");
            return null;
        });
        app.onCleanup(a -> {
            ran.add("first");
            throw new IllegalStateException("first failed");
        });
        app.onCleanup(a -> {
            ran.add("second");
            return CompletableFuture.failedFuture(new IllegalStateException("second failed"));
        });
        AppRunner runner = AppRunner.create(app, quiet(Duration.ofSeconds(1)), loop);
        runner.start(Site.tcp("127.0.0.1", 0)).toCompletableFuture().join();
        assertThatThrownBy(() -> runner.shutdown().toCompletableFuture().get(10, TimeUnit.SECONDS))
                .hasMessageContaining("2 error(s) during shutdown")
                .cause().hasSuppressedException(new IllegalStateException("first failed"));
        // cleanup signals in reverse registration order, then the teardowns
        assertThat(ran).containsExactly("second", "first", "teardown");
    }

    @Test
    void a_failing_startup_tears_down_what_was_set_up_and_the_start_fails() {
        List<String> ran = new CopyOnWriteArrayList<>();
        Application app = Application.create();
        app.cleanupContext(a -> {
            ran.add("setup A");
            return () -> {
                ran.add("teardown A");
                return null;
            };
        });
        app.onStartup(a -> {
            throw new IllegalStateException("database unreachable");
        });
        AppRunner runner = AppRunner.create(app, quiet(Duration.ofSeconds(1)), loop);
        assertThatThrownBy(() -> runner.start(Site.tcp("127.0.0.1", 0)).toCompletableFuture().join())
                .hasRootCauseMessage("database unreachable");
        assertThat(ran).containsExactly("setup A", "teardown A");
    }

    private static ServerConfig quiet(Duration grace) {
        return ServerConfig.create(c -> c.accessLog(AccessLog.off()).shutdownGrace(grace));
    }

    private static Socket connect(int port) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        s.setSoTimeout(10_000);
        return s;
    }

    private static void send(Socket s, String text) throws IOException {
        s.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
    }

    private static String readAll(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
}
