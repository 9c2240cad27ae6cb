package dev.weft.internal.loop;

import dev.weft.loop.PendingTimer;
import dev.weft.loop.Timer;
import io.netty.util.concurrent.EventExecutor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;

/**
 * The timers a loop's users scheduled ({@code Loop.schedule}) that have neither run nor been cancelled, each with
 * where it was scheduled: what a test harness reports when a test ends with one still pending (it would have fired
 * into the next test, or never). Kept by loops built with {@code trackTimers(true)}; the framework's own deadlines are
 * not tracked.
 */
final class PendingTimers {
    /** Frames of these classes (and their nested ones) are the scheduling machinery, not the caller to name. */
    private static final List<String> MACHINERY = List.of(NettyLoop.class.getName(), PendingTimers.class.getName());
    /** Nor are frames of these packages. */
    private static final String COROUTINES = "kotlinx.coroutines.";

    private final NettyLoop loop;
    private final Map<Object, Pending> pending = new ConcurrentHashMap<>();

    PendingTimers(NettyLoop loop) {
        this.loop = loop;
    }

    private record Pending(String site, long dueNanos) {
    }

    Timer schedule(EventExecutor on, long delayNanos, Runnable task) {
        Object key = new Object();
        // Recorded before it is scheduled, so that a timer due at once cannot run before it is recorded.
        pending.put(key, new Pending(callSite(), loop.clock().nanoTime() + delayNanos));
        Timer timer;
        try {
            timer = loop.deadline(on, delayNanos, () -> {
                pending.remove(key);
                task.run();
            });
        } catch (RejectedExecutionException rejected) {
            pending.remove(key); // a loop shutting down refuses it: there is no timer to report
            throw rejected;
        }
        return () -> {
            pending.remove(key);
            return timer.cancel();
        };
    }

    /** The pending timers: where each was scheduled and how long until it is due. */
    List<PendingTimer> list() {
        long now = loop.clock().nanoTime();
        List<PendingTimer> out = new ArrayList<>();
        for (Pending p : pending.values()) {
            out.add(new PendingTimer(p.site, Duration.ofNanos(Math.max(0, p.dueNanos - now))));
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
