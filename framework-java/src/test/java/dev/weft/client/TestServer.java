package dev.weft.client;

import dev.weft.loop.Loop;
import dev.weft.web.AccessLog;
import dev.weft.web.AppRunner;
import dev.weft.web.Application;
import dev.weft.web.BoundSite;
import dev.weft.web.ServerConfig;
import dev.weft.web.Site;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/** A Weft application on loopback with its own one-thread loop, for client tests. */
final class TestServer implements AutoCloseable {
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Loop loop;
    private final AppRunner runner;
    private final BoundSite site;

    private TestServer(Loop loop, AppRunner runner, BoundSite site) {
        this.loop = loop;
        this.runner = runner;
        this.site = site;
    }

    static TestServer start(Application app) {
        return start(app, c -> { });
    }

    static TestServer start(Application app, java.util.function.Consumer<ServerConfig.Builder> config) {
        Loop loop = Loop.create(1);
        AppRunner runner = AppRunner.create(app, ServerConfig.create(c -> {
            c.accessLog(AccessLog.off()).shutdownGrace(Duration.ofMillis(200));
            config.accept(c);
        }), loop);
        try {
            return new TestServer(loop, runner, await(runner.start(Site.tcp("127.0.0.1", 0))));
        } catch (RuntimeException e) {
            runner.close();
            loop.close();
            throw e;
        }
    }

    int port() {
        return site.port();
    }

    /** {@code http://127.0.0.1:port} + path. */
    String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    /** {@code http://localhost:port} + path: a host name, so cookies are kept by a default jar. */
    String localhost(String path) {
        return "http://localhost:" + port() + path;
    }

    Loop loop() {
        return loop;
    }

    static <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("no result within " + TIMEOUT, e);
        }
    }

    /** The failure of {@code stage}, unwrapped; fails the test if it succeeds. */
    static Throwable failure(CompletionStage<?> stage) {
        try {
            stage.toCompletableFuture().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("no result within " + TIMEOUT, e);
        }
        throw new AssertionError("expected the stage to fail");
    }

    @Override
    public void close() {
        try {
            runner.close();
        } finally {
            loop.close();
        }
    }
}
