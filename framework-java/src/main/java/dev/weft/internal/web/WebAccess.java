package dev.weft.internal.web;

import dev.weft.web.Application;
import dev.weft.web.Response;
import org.jspecify.annotations.Nullable;

/**
 * What the engine reads from {@code dev.weft.web} types that their public API does not show (the JDK's
 * "shared secrets" pattern), so that internals stay out of the API. Installed by {@code dev.weft.web}.
 */
public abstract class WebAccess {
    private static volatile @Nullable WebAccess instance;

    public static void install(WebAccess access) {
        instance = access;
    }

    public static WebAccess get() {
        WebAccess a = instance;
        if (a == null) {
            try {
                Class.forName(Response.class.getName(), true, Response.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
            a = instance;
            if (a == null) {
                throw new IllegalStateException("dev.weft.web did not install its WebAccess");
            }
        }
        return a;
    }

    /** The parts of {@code response} to encode. */
    public abstract ResponseParts parts(Response response);

    /** Cancels the stage behind an asynchronous reply (a no-op for others). */
    public abstract void cancel(dev.weft.web.Reply reply);

    /** Compiles a frozen application tree into its dispatcher. */
    public abstract Dispatcher compile(Application app);
}
