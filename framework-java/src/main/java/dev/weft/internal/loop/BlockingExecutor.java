package dev.weft.internal.loop;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where {@code Loop.runBlocking} work runs: virtual threads when the runtime has them (Java 21+), else a bounded
 * pool of daemon threads sized like aiohttp's default executor, min(32, processors + 4).
 */
final class BlockingExecutor {
    static final int POOL_THREADS = Math.min(32, Runtime.getRuntime().availableProcessors() + 4);
    private static final ExecutorService EXECUTOR = create();

    private BlockingExecutor() {
    }

    static ExecutorService get() {
        return EXECUTOR;
    }

    static boolean virtual() {
        return !(EXECUTOR instanceof ThreadPoolExecutor);
    }

    private static ExecutorService create() {
        try {
            // Looked up, not linked: Weft is Java 17 bytecode and uses virtual threads only where present.
            var handle = MethodHandles.publicLookup().findStatic(java.util.concurrent.Executors.class,
                    "newVirtualThreadPerTaskExecutor", MethodType.methodType(ExecutorService.class));
            return (ExecutorService) handle.invoke();
        } catch (NoSuchMethodException | IllegalAccessException e) {
            return boundedPool();
        } catch (Throwable e) {
            return boundedPool();
        }
    }

    private static ExecutorService boundedPool() {
        AtomicInteger ids = new AtomicInteger();
        var pool = new ThreadPoolExecutor(POOL_THREADS, POOL_THREADS, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                r -> {
                    Thread t = new Thread(r, "weft-blocking-" + ids.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
