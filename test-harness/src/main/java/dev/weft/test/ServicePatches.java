package dev.weft.test;

import dev.weft.loop.Loop;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Patches service classes onto the test's loop for the rest of the test (see {@link ServicePatch}), undone at its
 * end. Resolved as a test parameter by {@link WeftExtension}; the test's thread calls it.
 *
 * <pre>{@code
 * @Test
 * void searches_through_the_backend(TestClients clients, ServicePatches patches) {
 *     patches.patch(SearchService.class);   // handlers' new SearchService() now run on the test's loop
 *     ...
 * }
 * }</pre>
 */
public final class ServicePatches {
    private final Loop loop;
    private final List<ServicePatch> patches = new CopyOnWriteArrayList<>();

    ServicePatches(Loop loop) {
        this.loop = loop;
    }

    /** Patches {@code service} onto the test's loop until the end of the test (or until the patch is closed). */
    public ServicePatch patch(Class<?> service) {
        ServicePatch p = ServicePatch.onLoop(service, loop);
        patches.add(p);
        return p;
    }

    /** Undoes every patch, the last made first; returns the failures. */
    List<Throwable> closeAll() {
        List<Throwable> errors = new ArrayList<>();
        for (int i = patches.size() - 1; i >= 0; i--) {
            try {
                patches.get(i).close();
            } catch (RuntimeException e) {
                errors.add(e);
            }
        }
        patches.clear();
        return errors;
    }
}
