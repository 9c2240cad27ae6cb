package dev.weft.web;

import dev.weft.internal.util.Failures;

import dev.weft.loop.Loop;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * Runs an application tree's signals in order on the loop, one after another, waiting for each stage: startup
 * (cleanup context setups, then startup signals) parent first; shutdown parent first; cleanup (cleanup signals, then
 * the teardowns of what was set up) in reverse. Shutdown and cleanup collect every error instead of stopping at the
 * first.
 */
final class Lifecycle {
    private final Application root;
    private final Loop loop;
    /** The teardowns of the cleanup contexts set up so far, per application, the last set up on top. */
    private final Map<Application, Deque<CleanupContext.Teardown>> teardowns = new IdentityHashMap<>();

    Lifecycle(Application root, Loop loop) {
        this.root = root;
        this.loop = loop;
    }

    /** A step: may return null (done) or a stage. */
    @FunctionalInterface
    interface Step {
        @Nullable CompletionStage<?> run() throws Exception;
    }

    /**
     * Per application, parent first: the cleanup contexts' setups, then the startup signals (as in aiohttp, where
     * the cleanup contexts come first in {@code on_startup}, so a startup signal can use what they set up).
     */
    CompletionStage<Void> startup() {
        List<Step> steps = new ArrayList<>();
        for (Application app : tree(root)) {
            for (CleanupContext c : app.cleanupContexts()) {
                steps.add(() -> {
                    CleanupContext.Teardown t = c.setup(app);
                    if (t != null) {
                        teardowns.computeIfAbsent(app, a -> new ArrayDeque<>()).push(t);
                    }
                    return null;
                });
            }
            for (AppSignal s : app.startupSignals()) {
                steps.add(() -> s.run(app));
            }
        }
        return sequence(steps, null);
    }

    CompletionStage<Void> shutdown(List<Throwable> errors) {
        List<Step> steps = new ArrayList<>();
        for (Application app : tree(root)) {
            for (AppSignal s : app.shutdownSignals()) {
                steps.add(() -> s.run(app));
            }
        }
        return sequence(steps, errors);
    }

    /**
     * The startup in reverse: per application, children first, the cleanup signals last added first, then the
     * teardowns of the cleanup contexts that were set up, last set up first.
     */
    CompletionStage<Void> cleanup(List<Throwable> errors) {
        List<Step> steps = new ArrayList<>();
        List<Application> apps = tree(root);
        for (int i = apps.size() - 1; i >= 0; i--) {
            Application app = apps.get(i);
            List<AppSignal> signals = app.cleanupSignals();
            for (int k = signals.size() - 1; k >= 0; k--) {
                AppSignal s = signals.get(k);
                steps.add(() -> s.run(app));
            }
            Deque<CleanupContext.Teardown> started = teardowns.remove(app);
            if (started != null) {
                for (CleanupContext.Teardown t : started) {
                    steps.add(t::run);
                }
            }
        }
        return sequence(steps, errors);
    }

    /** The tree, parent before children, in mount order. */
    static List<Application> tree(Application root) {
        List<Application> out = new ArrayList<>();
        collect(root, out);
        return out;
    }

    private static void collect(Application app, List<Application> out) {
        out.add(app);
        for (Application.Mount m : app.subapps()) {
            collect(m.app(), out);
        }
    }

    /**
     * Runs steps in order on the loop, each after the stage of the one before has completed; with {@code errors}
     * given, a failure is recorded and the rest still run, else the first failure ends the sequence.
     */
    private CompletionStage<Void> sequence(List<Step> steps, @Nullable List<Throwable> errors) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        onLoop(() -> next(steps, 0, errors, done));
        return done;
    }

    private void next(List<Step> steps, int i, @Nullable List<Throwable> errors, CompletableFuture<Void> done) {
        for (int k = i; k < steps.size(); k++) {
            CompletionStage<?> stage;
            try {
                stage = steps.get(k).run();
            } catch (Throwable t) {
                stage = CompletableFuture.failedFuture(t);
            }
            if (stage == null) {
                continue;
            }
            if (stage instanceof CompletableFuture<?> f && f.isDone() && !f.isCompletedExceptionally()) {
                continue; // already there: no hop, no recursion
            }
            int following = k + 1;
            stage.whenComplete((v, t) -> onLoop(() -> {
                if (t != null) {
                    Throwable cause = Failures.unwrap(t);
                    if (errors == null) {
                        done.completeExceptionally(cause);
                        return;
                    }
                    errors.add(cause);
                }
                next(steps, following, errors, done);
            }));
            return;
        }
        done.complete(null);
    }

    /** Signals run on the loop, also after a stage that completed on another thread. */
    private void onLoop(Runnable r) {
        if (loop.inLoop()) {
            r.run();
        } else {
            loop.execute(r);
        }
    }
}
