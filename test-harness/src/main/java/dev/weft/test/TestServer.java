package dev.weft.test;

import dev.weft.loop.Loop;
import dev.weft.web.AccessLog;
import dev.weft.web.AppRunner;
import dev.weft.web.Application;
import dev.weft.web.BoundSite;
import dev.weft.web.ServerConfig;
import dev.weft.web.Site;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An application served on a free loopback port (or in memory, see {@link TestTransport}) for the length of a test, as aiohttp's {@code TestServer}: its
 * startup signals have run when {@link #start} returns, and {@link #close()} runs shutdown and cleanup.
 *
 * <pre>{@code
 * try (Loop loop = Loop.create(1); TestServer server = TestServer.start(app, loop)) {
 *     HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.makeUrl("/")).build(), ofString());
 * }
 * }</pre>
 *
 * <p>The test config differs from production in two ways: a handler's stage is cancelled when its client
 * disconnects (as aiohttp's test server does), and stopping does not wait for requests in flight (a test that
 * leaves one behind has leaked it). Call from the test's thread, not from a loop thread: {@link #start} waits.
 */
public final class TestServer implements AutoCloseable {
    /** How long start and close may take before the test fails: a safety net, never a delay. */
    public static final Duration START_STOP_TIMEOUT = Duration.ofSeconds(30);
    /** The address test servers listen on. */
    public static final String HOST = "127.0.0.1";

    private final AppRunner runner;
    private final BoundSite site;
    private final TestTransport transport;

    private TestServer(AppRunner runner, BoundSite site, TestTransport transport) {
        this.runner = runner;
        this.site = site;
        this.transport = transport;
    }

    /** The server config tests use: no access log, cancellation on disconnect, no grace period on close. */
    public static ServerConfig testConfig() {
        return ServerConfig.create(c -> c.accessLog(AccessLog.off()).cancelOnDisconnect(true)
                .shutdownGrace(Duration.ZERO));
    }

    /** Starts {@code app} on {@code loop} with {@link #testConfig()}. */
    public static TestServer start(Application app, Loop loop) {
        return start(app, loop, testConfig());
    }

    /** Starts {@code app} on {@code loop} with {@code config}, on a free loopback port. */
    public static TestServer start(Application app, Loop loop, ServerConfig config) {
        return start(app, loop, config, TestTransport.TCP);
    }

    /**
     * Starts {@code app} on {@code loop} with {@code config} over {@code transport}: a free loopback port, or a
     * fresh in-memory address; {@code loop} must be one of {@code transport.newLoop(...)}.
     */
    public static TestServer start(Application app, Loop loop, ServerConfig config, TestTransport transport) {
        if (loop.inLoop()) {
            throw new IllegalStateException("TestServer.start waits for the server: call it from the test's thread,"
                    + " not from a loop thread");
        }
        AppRunner runner = AppRunner.create(app, config, loop);
        try {
            BoundSite site = runner.start(transport.newSite()).toCompletableFuture()
                    .get(START_STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return new TestServer(runner, site, transport);
        } catch (ExecutionException e) {
            runner.close();
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("the test server failed to start: " + cause, cause);
        } catch (TimeoutException e) {
            runner.close();
            throw new IllegalStateException("the test server did not start within " + START_STOP_TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            runner.close();
            throw new IllegalStateException("interrupted while starting the test server", e);
        }
    }

    /** The transport it is served over. */
    public TestTransport transport() {
        return transport;
    }

    /** The name of the in-memory site served, for a {@link TestTransport#MEMORY} connector. */
    String inMemoryName() {
        if (!(site.site() instanceof Site.InMemory memory)) {
            throw new IllegalStateException("the server is served over " + transport + ", not in memory");
        }
        return memory.name();
    }

    /**
     * How many requests are being handled now (a handler that never completed stays counted): what the
     * {@link WeftTest} extension reports as a pending task at the end of a test. Any thread.
     */
    public int requestsInFlight() {
        return runner.requestsInFlight();
    }

    /** How many WebSockets are open on the server now. Any thread. */
    public int openWebSockets() {
        return runner.openWebSockets();
    }

    /** The port bound; -1 in memory. */
    public int port() {
        return site.port();
    }

    /** The base URL, {@code http://127.0.0.1:<port>} (or {@code http://<name>} in memory). */
    public String url() {
        return site.url();
    }

    /** The absolute URL of {@code path} (which starts with {@code /}) on this server. */
    public java.net.URI makeUrl(String path) {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("a path starts with '/': " + path);
        }
        return java.net.URI.create(site.url() + path);
    }

    /** The application served. */
    public Application app() {
        return runner.app();
    }

    /** The loop it runs on. */
    public Loop loop() {
        return runner.loop();
    }

    /** Stops the server: shutdown and cleanup signals run; requests still in flight are cancelled. */
    @Override
    public void close() {
        runner.close();
    }

    @Override
    public String toString() {
        return "TestServer[" + url() + "]";
    }
}
