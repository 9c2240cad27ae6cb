package dev.weft.web;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Runs an application tree's signals in order, one after another, waiting for each stage: startup (and cleanup
 * context setups) parent first; shutdown parent first; cleanup (and teardowns) in reverse. Cleanup collects every
 * error instead of stopping at the first.
 */
final class Lifecycle {
    private final Application root;
    private final Deque<CleanupContext.Teardown> teardowns = new ArrayDeque<>();

    Lifecycle(Application root) {
        this.root = root;
    }

    /** A step: may return null (done) or a stage. */
    @FunctionalInterface
    interface Step {
        CompletionStage<?> run() throws Exception;
    }

    CompletionStage<Void> startup() {
        List<Step> steps = new ArrayList<>();
        for (Application app : tree(root)) {
            // Cleanup contexts set up before the startup signals, as in aiohttp (where they are the first
            // startup handler), so a startup signal can use what a context provides.
            for (CleanupContext c : app.cleanupContexts()) {
                steps.add(() -> {
                    CleanupContext.Teardown t = c.setup(app);
                    if (t != null) {
                        teardowns.push(t);
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
        }
        while (!teardowns.isEmpty()) {
            CleanupContext.Teardown t = teardowns.pop();
            steps.add(t::run);
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

    /** Runs steps in order; with {@code errors} given, a failure is recorded and the rest still run. */
    private static CompletionStage<Void> sequence(List<Step> steps, List<Throwable> errors) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        next(steps, 0, errors, done);
        return done;
    }

    private static void next(List<Step> steps, int i, List<Throwable> errors, CompletableFuture<Void> done) {
        if (i == steps.size()) {
            done.complete(null);
            return;
        }
        CompletionStage<?> stage;
        try {
            stage = steps.get(i).run();
        } catch (Throwable t) {
            stage = CompletableFuture.failedFuture(t);
        }
        if (stage == null) {
            next(steps, i + 1, errors, done);
            return;
        }
        stage.whenComplete((v, t) -> {
            if (t != null) {
                Throwable cause = LaterReply.unwrap(t);
                if (errors == null) {
                    done.completeExceptionally(cause);
                    return;
                }
                errors.add(cause);
            }
            next(steps, i + 1, errors, done);
        });
    }
}
