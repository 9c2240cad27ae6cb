package dev.weft.loop;

/** {@link LoopClock#system()}: the JVM's clock. Stateless. */
final class SystemClock implements LoopClock {
    static final SystemClock INSTANCE = new SystemClock();

    private SystemClock() {
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public long millis() {
        return System.currentTimeMillis();
    }

    @Override
    public String toString() {
        return "LoopClock.system()";
    }
}
