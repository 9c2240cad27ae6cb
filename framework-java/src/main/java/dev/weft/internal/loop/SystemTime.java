package dev.weft.internal.loop;

/**
 * The JVM's clock, read here for {@code LoopClock.system()}: the one place of weft-core that calls
 * {@link System#nanoTime()} and {@link System#currentTimeMillis()} for its timers and timestamps (the architecture
 * test holds every other package to the loop's clock). Any thread.
 */
public final class SystemTime {
    private SystemTime() {
    }

    public static long nanoTime() {
        return System.nanoTime();
    }

    public static long millis() {
        return System.currentTimeMillis();
    }
}
