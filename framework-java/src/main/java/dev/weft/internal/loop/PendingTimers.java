package dev.weft.internal.loop;

import dev.weft.loop.Timer;
import io.netty.channel.EventLoop;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The timers a test loop's users scheduled that have neither run nor been cancelled, each with where it was
 * scheduled: what the test harness reports when a test ends with one still pending (it would have fired into the
 * next test, or never). Only loops made for tests keep this; the framework's own deadlines are not tracked.
 */
final class PendingTimers {
    /** Frames of these classes (and their nested ones) are the scheduling machinery, not the caller to name. */
    private static final List<String> MACHINERY = List.of(NettyLoop.class.getName(), PendingTimers.class.getName());
    /** Nor are frames of these packages. */
    private static final String COROUTINES = "kotlinx.coroutines.";

    private final Map<Object, Pending> pending = new ConcurrentHashMap<>();

    private record Pending(String site, long dueNanos) {
    }

    Timer schedule(EventLoop eventLoop, Duration delay, Runnable task) {
        Object key = new Object();
        // Recorded before it is scheduled, so that a timer due at once cannot run before it is recorded.
        pending.put(key, new Pending(callSite(), System.nanoTime() + delay.toNanos()));
        io.netty.util.concurrent.ScheduledFuture<?> future;
        try {
            future = eventLoop.schedule(() -> {
                pending.remove(key);
                task.run();
            }, delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RuntimeException rejected) {
            pending.remove(key); // a loop shutting down refuses it: there is no timer to report
            throw rejected;
        }
        return () -> {
            pending.remove(key);
            return future.cancel(false);
        };
    }

    /** One line per pending timer: where it was scheduled and when it is due. */
    List<String> describe() {
        long now = System.nanoTime();
        List<String> out = new ArrayList<>();
        for (Pending p : pending.values()) {
            long dueMillis = Math.max(0, TimeUnit.NANOSECONDS.toMillis(p.dueNanos - now));
            out.add("a timer scheduled at " + p.site + ", due in " + dueMillis + " ms");
        }
        return out;
    }

    private static boolean isMachinery(String className) {
        for (String m : MACHINERY) {
            if (className.equals(m) || className.startsWith(m + "$")) {
                return true;
            }
        }
        return className.startsWith(COROUTINES);
    }

    private static String callSite() {
        return StackWalker.getInstance().walk(frames -> frames
                .filter(f -> !isMachinery(f.getClassName()))
                .findFirst()
                .map(f -> f.getClassName() + "." + f.getMethodName() + "(" + f.getFileName() + ":"
                        + f.getLineNumber() + ")")
                .orElse("an unknown place"));
    }
}
