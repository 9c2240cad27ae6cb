package dev.weft.web;

/**
 * Setup and teardown of one resource in one place, as aiohttp's {@code cleanup_ctx}: {@link #setup} runs at startup
 * (in registration order, before the application's startup signals) and returns the teardown, which runs at cleanup
 * in reverse order (after the application's cleanup signals). If a later setup or a startup signal fails, the
 * teardowns of those already set up still run.
 *
 * <pre>{@code
 * app.cleanupContext(a -> {
 *     var pool = Pool.open(config);
 *     a.set(POOL, pool);
 *     return pool::close;
 * });
 * }</pre>
 */
@FunctionalInterface
public interface CleanupContext {
    Teardown setup(Application app) throws Exception;

    /** The second half of a {@link CleanupContext}; return null when done, or a stage. */
    @FunctionalInterface
    interface Teardown {
        java.util.concurrent.@org.jspecify.annotations.Nullable CompletionStage<?> run() throws Exception;
    }
}
