package dev.weft.internal.web;

import dev.weft.web.Response;
import org.jspecify.annotations.Nullable;

/**
 * The one thing the engine reads from a {@link Response} that its public API does not show: its parts as they are
 * held, so that a text body is written straight into the connection's buffer and JSON is encoded only when sent (the
 * JDK's "shared secrets" pattern). {@code Response} installs it when its class is initialised, which happens before
 * any response exists.
 */
public abstract class ResponseAccess {
    private static volatile @Nullable ResponseAccess instance;

    /** Called once, by {@code Response}'s static initialiser. */
    public static void install(ResponseAccess access) {
        instance = access;
    }

    /** The parts of {@code response} to encode. */
    public static ResponseParts parts(Response response) {
        ResponseAccess a = instance;
        if (a == null) { // unreachable with a Response in hand: its class initialisation installed it
            throw new IllegalStateException("dev.weft.web.Response did not install its ResponseAccess");
        }
        return a.partsOf(response);
    }

    /** The body of {@code response} as held ({@link ResponseParts#body}), without making the parts. */
    public static @Nullable Object body(Response response) {
        ResponseAccess a = instance;
        if (a == null) {
            throw new IllegalStateException("dev.weft.web.Response did not install its ResponseAccess");
        }
        return a.bodyOf(response);
    }

    /** The body of {@code response}, as held. */
    protected abstract @Nullable Object bodyOf(Response response);

    /** The parts of {@code response}, as held. */
    protected abstract ResponseParts partsOf(Response response);
}
