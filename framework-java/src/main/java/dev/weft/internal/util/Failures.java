package dev.weft.internal.util;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** What a failed stage failed with, past the wrappers that {@code CompletableFuture} puts around it. */
public final class Failures {
    private Failures() {
    }

    /**
     * The first cause that is neither a {@link CompletionException} nor an {@link ExecutionException} (a wrapper
     * without a cause is returned as it is).
     */
    public static Throwable unwrap(Throwable error) {
        Throwable t = error;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
