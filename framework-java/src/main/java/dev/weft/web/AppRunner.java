package dev.weft.web;

import dev.weft.internal.loop.NettyLoop;
import dev.weft.internal.server.HttpServer;
import dev.weft.internal.web.RouteCompiler;
import dev.weft.loop.Loop;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an application programmatically, as aiohttp's {@code AppRunner} with its sites: set up (freeze, startup
 * signals), listen on one or more {@link Site}s, then stop gracefully.
 *
 * <pre>{@code
 * try (AppRunner runner = AppRunner.create(app)) {
 *     BoundSite site = runner.start(Site.tcp("127.0.0.1", 0)).toCompletableFuture().join();
 *     System.out.println("listening on " + site.url());
 *     ...
 * }
 * }</pre>
 *
 * <p>Stopping ({@link #shutdown()}, or {@link #close()} which waits for it) follows the "Lifecycle" section of the
 * repository's {@code ARCHITECTURE.md}: refuse new connections; close idle ones (busy ones get
 * {@code Connection: close}); close open WebSockets with 1001; run shutdown signals; wait up to the grace period for
 * requests in flight; cancel the rest; run cleanup signals and teardowns in reverse order, collecting
 * errors; close the loop if the runner owns it; log one line. Methods may be called from any thread but a loop
 * thread must not block on the stages.
 */
public final class AppRunner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AppRunner.class);
    /** How long a forced close waits for connections to go after the grace period. */
    static final Duration FORCED_CLOSE_WAIT = Duration.ofSeconds(5);

    private final Application app;
    private final ServerConfig config;
    private final NettyLoop loop;
    private final boolean ownsLoop;
    private final Lifecycle lifecycle;
    private @Nullable CompletableFuture<Void> setup;
    private @Nullable HttpServer server;
    private @Nullable CompletableFuture<Void> shutdown;

    private AppRunner(Application app, ServerConfig config, Loop loop, boolean ownsLoop) {
        if (app.parent() != null) {
            throw new IllegalArgumentException("run the root application; this one is a sub-application");
        }
        this.loop = NettyLoop.of(loop, "AppRunner");
        this.app = app;
        this.config = config;
        this.ownsLoop = ownsLoop;
        this.lifecycle = new Lifecycle(app, loop);
    }

    /** A runner with the default config on the implicit loop ({@link Loop#current()}). */
    public static AppRunner create(Application app) {
        return create(app, ServerConfig.create(), Loop.current());
    }

    /** A runner with {@code config} on the implicit loop. */
    public static AppRunner create(Application app, ServerConfig config) {
        return create(app, config, Loop.current());
    }

    /**
     * A runner on {@code loop}; the runner does not close the loop. Its timers (the shutdown grace) and timestamps go
     * by the loop's clock.
     *
     * @throws IllegalArgumentException if {@code loop} is not one made by {@link Loop#create()} or {@link Loop#builder()}
     */
    public static AppRunner create(Application app, ServerConfig config, Loop loop) {
        return new AppRunner(app, config, loop, false);
    }

    /** A runner that owns {@code loop} and closes it at the end of {@link #shutdown()}. */
    static AppRunner owning(Application app, ServerConfig config, Loop loop) {
        return new AppRunner(app, config, loop, true);
    }

    /** Freezes the application and runs its startup signals; a failure unwinds what had started. Idempotent. */
    public synchronized CompletionStage<Void> setup() {
        if (setup == null) {
            CompletableFuture<Void> done = new CompletableFuture<>();
            setup = done;
            loop.execute(() -> {
                try {
                    app.freeze();
                    server = new HttpServer(RouteCompiler.compile(app), config, loop, allRoutes());
                } catch (Throwable t) {
                    done.completeExceptionally(t);
                    return;
                }
                lifecycle.startup().whenComplete((v, t) -> {
                    if (t == null) {
                        done.complete(null);
                        return;
                    }
                    List<Throwable> errors = new ArrayList<>();
                    lifecycle.cleanup(errors).whenComplete((v2, t2) -> {
                        errors.forEach(e -> LOG.error("cleanup after a failed startup failed too", e));
                        done.completeExceptionally(t);
                    });
                });
            });
        }
        return setup;
    }

    /** Sets up if needed, then listens on {@code site}; completes with the bound address (the real port for 0). */
    public CompletionStage<BoundSite> start(Site site) {
        return setup().thenCompose(v -> {
            if (shutdown != null) {
                throw new IllegalStateException("the runner has been shut down");
            }
            return server.bind(site);
        });
    }

    /** The sites listening now. */
    public List<BoundSite> sites() {
        HttpServer s = server;
        return s == null ? List.of() : s.sites();
    }

    /**
     * How many requests are being handled now: received, and their response not yet written to the end. A
     * handler that never completes stays counted; the test harness reports it as a leak. Any thread.
     */
    public int requestsInFlight() {
        HttpServer s = server;
        return s == null ? 0 : s.inFlight();
    }

    /** How many connections switched protocols (WebSockets) and are still open. Any thread. */
    public int openWebSockets() {
        HttpServer s = server;
        return s == null ? 0 : s.openUpgraded();
    }

    /** The application. */
    public Application app() {
        return app;
    }

    /** The loop the application runs on. */
    public Loop loop() {
        return loop;
    }

    /** The config. */
    public ServerConfig config() {
        return config;
    }

    /** Stops gracefully (see the class comment); idempotent. Completes when everything has stopped. */
    public synchronized CompletionStage<Void> shutdown() {
        if (shutdown != null) {
            return shutdown;
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        shutdown = done;
        CompletableFuture<Void> setUp = setup;
        if (setUp == null) {
            finish(done, new ArrayList<>(), 0);
            return done;
        }
        // Waits for a setup in progress. A failed setup has unwound itself already: its signals must not run twice.
        setUp.handle((v, t) -> t == null).thenAccept(ok -> {
            HttpServer s = server;
            if (ok && s != null) {
                stop(s, done);
            } else {
                finish(done, new ArrayList<>(), 0);
            }
        });
        return done;
    }

    private void stop(HttpServer s, CompletableFuture<Void> done) {
        long started = loop.clock().nanoTime();
        List<Throwable> errors = new ArrayList<>();
        s.stopAccepting()
                .thenRun(s::closeIdleConnections)
                .thenCompose(v -> s.closeUpgraded())
                .thenCompose(v -> onLoop(() -> lifecycle.shutdown(errors)))
                .thenCompose(v -> within(s.drained(), config.shutdownGrace()))
                .thenCompose(finished -> {
                    if (finished) {
                        return CompletableFuture.completedFuture(0);
                    }
                    int cut = s.forceClose();
                    return within(s.drained(), FORCED_CLOSE_WAIT).thenApply(x -> cut);
                })
                .thenCompose(cut -> onLoop(() -> lifecycle.cleanup(errors)).thenApply(v -> cut))
                .whenComplete((cut, t) -> {
                    if (t != null) {
                        errors.add(t);
                    }
                    LOG.info("Weft stopped in {} ms: {} requests cancelled at the end of the {} ms grace period",
                            TimeUnit.NANOSECONDS.toMillis(loop.clock().nanoTime() - started), cut == null ? 0 : cut,
                            config.shutdownGrace().toMillis());
                    finish(done, errors, cut == null ? 0 : cut);
                });
    }

    private void finish(CompletableFuture<Void> done, List<Throwable> errors, int cut) {
        for (Throwable e : errors) {
            LOG.error("error during shutdown", e);
        }
        if (ownsLoop) {
            new Thread(() -> {
                loop.close();
                complete(done, errors);
            }, "weft-loop-close").start();
        } else {
            complete(done, errors);
        }
    }

    private static void complete(CompletableFuture<Void> done, List<Throwable> errors) {
        if (errors.isEmpty()) {
            done.complete(null);
        } else {
            RuntimeException e = new IllegalStateException(errors.size() + " error(s) during shutdown; the first is"
                    + " the cause", errors.get(0));
            errors.stream().skip(1).forEach(e::addSuppressed);
            done.completeExceptionally(e);
        }
    }

    private CompletionStage<Void> onLoop(java.util.function.Supplier<CompletionStage<Void>> work) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        loop.execute(() -> work.get().whenComplete((v, t) -> {
            if (t != null) {
                done.completeExceptionally(t);
            } else {
                done.complete(null);
            }
        }));
        return done;
    }

    /** Completes with true when {@code stage} completes within {@code limit}, false when the limit passes first. */
    private CompletionStage<Boolean> within(CompletionStage<Void> stage, Duration limit) {
        CompletableFuture<Boolean> out = new CompletableFuture<>();
        var timer = loop.deadline(limit, () -> out.complete(false));
        stage.whenComplete((v, t) -> {
            timer.cancel();
            out.complete(true);
        });
        return out;
    }

    /**
     * Shuts down and waits for it, up to the grace period plus a margin.
     *
     * @throws IllegalStateException if shutdown failed or did not finish in time
     */
    @Override
    public void close() {
        if (loop.inLoop()) {
            shutdown();
            return;
        }
        try {
            shutdown().toCompletableFuture().get(config.shutdownGrace().plus(FORCED_CLOSE_WAIT).toMillis() + 10_000,
                    TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while shutting down", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("shutdown failed: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("shutdown did not finish in time", e);
        }
    }

    private List<RouteDef> allRoutes() {
        List<RouteDef> out = new ArrayList<>();
        for (Application a : Lifecycle.tree(app)) {
            out.addAll(a.routes().routes());
        }
        return out;
    }
}
