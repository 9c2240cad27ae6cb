package dev.weft.web;

import dev.weft.loop.Loop;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an application until the process is told to stop, as aiohttp's {@code web.run_app}: on SIGINT or SIGTERM the
 * server stops gracefully (see {@link AppRunner}) before the JVM exits.
 *
 * <pre>{@code
 * public static void main(String[] args) {
 *     Server.run(app, "0.0.0.0", 8080);
 * }
 * }</pre>
 */
public final class Server {
    private static final Logger LOG = LoggerFactory.getLogger(Server.class);

    private Server() {
    }

    /** Serves {@code app} on {@code host}:{@code port} with the default config; blocks until the process stops. */
    public static void run(Application app, String host, int port) {
        run(app, ServerConfig.create(), Site.tcp(host, port));
    }

    /** Serves {@code app} on {@code sites} with {@code config}; blocks until the process stops. */
    public static void run(Application app, ServerConfig config, Site... sites) {
        AppRunner runner = AppRunner.owning(app, config, Loop.create());
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            try {
                runner.close();
            } catch (RuntimeException e) {
                LOG.error("graceful shutdown failed", e);
            } finally {
                stopped.countDown();
            }
        }, "weft-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            for (Site site : sites) {
                BoundSite bound = runner.start(site).toCompletableFuture().join();
                LOG.info("Weft serving on {}", bound.url());
                System.out.println("======== Running on " + bound.url() + " ========\n(Press CTRL+C to quit)");
            }
        } catch (RuntimeException e) {
            Runtime.getRuntime().removeShutdownHook(hook);
            runner.close();
            throw e;
        }
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
