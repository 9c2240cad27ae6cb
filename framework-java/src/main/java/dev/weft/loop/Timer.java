package dev.weft.loop;

/** A task scheduled on a {@link Loop}; {@link #cancel()} stops it if it has not run yet. */
@FunctionalInterface
public interface Timer {
    /** Cancels the task; returns whether it was cancelled before running. Safe from any thread. */
    boolean cancel();
}
