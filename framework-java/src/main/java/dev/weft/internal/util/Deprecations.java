package dev.weft.internal.util;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.LoggerFactory;

/**
 * The warning a deprecated API logs when it is first used: one SLF4J {@code WARN} on the logger
 * {@value #LOGGER_NAME} per process and per API, however often and from however many threads it is called.
 *
 * <p>A deprecated method calls it first thing (the README's deprecation policy says the rest):
 * <pre>{@code
 * @Deprecated(since = "0.3")
 * public Thing oldName(String x) {
 *     Deprecations.warnOnce("Thing.oldName(String)", "Thing.newName(String)");
 *     return newName(x);
 * }
 * }</pre>
 *
 * Thread-safe; the check after the first call is one concurrent-set lookup, cheap enough for a request path.
 */
public final class Deprecations {
    /** The logger the warnings go to, so that an application can silence or route them. */
    public static final String LOGGER_NAME = "dev.weft.deprecation";

    private static final Deprecations PROCESS = new Deprecations(LoggerFactory.getLogger(LOGGER_NAME)::warn);

    private final Set<String> warned = ConcurrentHashMap.newKeySet();
    private final AtomicLong logged = new AtomicLong();
    private final Consumer<String> log;

    /** Warnings go to {@code log}; the process-wide instance logs to SLF4J, tests pass their own. */
    Deprecations(Consumer<String> log) {
        this.log = log;
    }

    /**
     * Logs that {@code api} is deprecated in favour of {@code replacement}, unless this process did so already.
     *
     * @param api         what the caller used, as a user would write it, e.g. {@code "Application.middleware(..)"};
     *                    also the key: one warning per distinct string
     * @param replacement what to use instead
     * @return whether this call logged the warning (true for exactly one call per {@code api})
     */
    public static boolean warnOnce(String api, String replacement) {
        return PROCESS.warn(api, replacement);
    }

    boolean warn(String api, String replacement) {
        if (!warned.add(api)) {
            return false;
        }
        logged.incrementAndGet();
        log.accept(api + " is deprecated and will be removed in a later release; use " + replacement
                + " instead (logged once per process)");
        return true;
    }

    /** How many warnings this instance has logged. */
    long loggedCount() {
        return logged.get();
    }
}
