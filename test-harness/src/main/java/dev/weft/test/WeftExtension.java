package dev.weft.test;

import dev.weft.loop.Loop;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The JUnit 5 extension behind {@link WeftTest}: resolves test parameters the way aiohttp's pytest fixtures do.
 * <ul>
 *   <li>{@link Loop}: a fresh one-thread loop per test, closed after it;</li>
 *   <li>{@link TestServers}: starts servers on that loop, closed after the test;</li>
 *   <li>{@code @}{@link UnusedPort} {@code int}: a free loopback port.</li>
 * </ul>
 * At the end of each test it closes what the test started, the servers before the loop, and fails the test if
 * closing failed, saying what failed. Each test has its own resources: tests may run in parallel.
 */
public final class WeftExtension implements ParameterResolver, AfterEachCallback {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(WeftExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext context) {
        Class<?> type = p.getParameter().getType();
        return type == Loop.class || type == TestServers.class
                || (type == int.class && p.isAnnotated(UnusedPort.class));
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext context) {
        Class<?> type = p.getParameter().getType();
        if (type == Loop.class) {
            return resources(context).loop();
        }
        if (type == TestServers.class) {
            return resources(context).servers();
        }
        return unusedPort();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Resources r = context.getStore(NAMESPACE).remove(Resources.class, Resources.class);
        if (r == null) {
            return;
        }
        List<Throwable> errors = r.close();
        if (!errors.isEmpty()) {
            AssertionError failure = new AssertionError("closing the test's Weft resources failed: "
                    + errors.get(0).getMessage(), errors.get(0));
            errors.stream().skip(1).forEach(failure::addSuppressed);
            throw failure;
        }
    }

    private static Resources resources(ExtensionContext context) {
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(Resources.class, k -> new Resources(),
                Resources.class);
    }

    private static int unusedPort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new ParameterResolutionException("no free loopback port: " + e.getMessage(), e);
        }
    }

    /** What one test started, created on first use. */
    private static final class Resources {
        private Loop loop;
        private TestServers servers;

        Loop loop() {
            if (loop == null) {
                loop = Loop.create(1);
            }
            return loop;
        }

        TestServers servers() {
            if (servers == null) {
                servers = new TestServers(loop());
            }
            return servers;
        }

        List<Throwable> close() {
            List<Throwable> errors = servers == null ? new java.util.ArrayList<>() : servers.closeAll();
            if (loop != null) {
                loop.close();
            }
            return errors;
        }
    }
}
