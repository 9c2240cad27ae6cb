package dev.weft.loop;

import dev.weft.internal.loop.SystemTime;

/** {@link LoopClock#system()}: the JVM's clock. Stateless. */
final class SystemClock implements LoopClock {
    static final SystemClock INSTANCE = new SystemClock();

    private SystemClock() {
    }

    @Override
    public long nanoTime() {
        return SystemTime.nanoTime();
    }

    @Override
    public long millis() {
        return SystemTime.millis();
    }

    @Override
    public String toString() {
        return "LoopClock.system()";
    }
}
