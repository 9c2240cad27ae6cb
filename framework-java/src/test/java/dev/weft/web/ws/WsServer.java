package dev.weft.web.ws;

import dev.weft.loop.Loop;
import dev.weft.web.AccessLog;
import dev.weft.web.AppRunner;
import dev.weft.web.Application;
import dev.weft.web.BoundSite;
import dev.weft.web.ServerConfig;
import dev.weft.web.Site;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** An application served on loopback for one WebSocket test: its own one-thread loop, closed by {@link #close()}. */
final class WsServer implements AutoCloseable {
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    final Loop loop;
    final AppRunner runner;
    final BoundSite site;

    private WsServer(Loop loop, AppRunner runner, BoundSite site) {
        this.loop = loop;
        this.runner = runner;
        this.site = site;
    }

    static WsServer start(Application app) {
        return start(app, c -> { });
    }

    /** Starts {@code app} with the test config (access log off, 5 s grace) changed by {@code config}. */
    static WsServer start(Application app, java.util.function.Consumer<ServerConfig.Builder> config) {
        Loop loop = Loop.create(1);
        AppRunner runner = AppRunner.create(app, ServerConfig.create(c -> {
            c.accessLog(AccessLog.off()).shutdownGrace(Duration.ofSeconds(5));
            config.accept(c);
        }), loop);
        try {
            return new WsServer(loop, runner, await(runner.start(Site.tcp("127.0.0.1", 0))));
        } catch (RuntimeException | Error e) {
            loop.close();
            throw e;
        }
    }

    int port() {
        return site.port();
    }

    URI uri(String path) {
        return URI.create("ws://127.0.0.1:" + port() + path);
    }

    static <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (TimeoutException e) {
            throw new AssertionError("no result within " + TIMEOUT, e);
        }
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
