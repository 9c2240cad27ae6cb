package dev.weft.web;

import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * A lifecycle callback: {@link Application#onStartup}, {@link Application#onShutdown}, {@link Application#onCleanup}.
 * Runs on the loop. Return null when the work is done, or a stage that completes when it is.
 *
 * <pre>{@code
 * app.onStartup(a -> { a.set(CACHE, new Cache()); return null; });
 * app.onCleanup(a -> a.require(POOL).closeAsync());
 * }</pre>
 */
@FunctionalInterface
public interface AppSignal {
    @Nullable CompletionStage<?> run(Application app) throws Exception;
}
