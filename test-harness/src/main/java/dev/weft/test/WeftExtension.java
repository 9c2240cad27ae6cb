package dev.weft.test;

import dev.weft.loop.Loop;
import dev.weft.loop.ManualClock;
import dev.weft.loop.PendingTimer;
import java.io.IOException;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Executable;
import java.util.Arrays;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit 5 extension behind {@link WeftTest}: resolves test parameters the way aiohttp's pytest fixtures do.
 * <ul>
 *   <li>{@link Loop}: a fresh one-thread loop per test for the test's {@link TestTransport}, closed after it;</li>
 *   <li>{@link ManualClock}: the clock of that loop, which then stands still until the test advances it (its timers,
 *       the servers' and clients' timeouts included, fire only then). A test gets a loop on a manual clock when its
 *       method, or the method being resolved (a {@code @BeforeEach}), declares a {@code ManualClock} parameter;</li>
 *   <li>{@link TestClients}: starts applications with a {@link TestClient} on that loop;</li>
 *   <li>{@link TestServers}: starts servers on that loop;</li>
 *   <li>{@link ServicePatches}: patches service classes onto that loop, undone after the test;</li>
 *   <li>{@code @}{@link UnusedPort} {@code int}: a free loopback port.</li>
 * </ul>
 * At the end of each test it first looks for leaks, without waiting: a response of a {@link TestClient} neither
 * read nor released, a request still awaiting its response, a request a server is still handling (a handler that
 * never completed), a WebSocket still open on a server. Then it closes what the test started (clients, servers,
 * then the loop); just before the loop, it looks for timers still scheduled on it (an application's cleanup has run
 * by then). It fails the test if it leaked, naming each leak by request or by where the timer was scheduled, or if
 * closing failed. Each test has its own resources: tests may run in parallel.
 */
public final class WeftExtension implements ParameterResolver, AfterEachCallback {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(WeftExtension.class);
    /** How long the leak check waits for the loop to run the events already queued: a safety net, never a delay. */
    static final long LOOP_BARRIER_TIMEOUT_SECONDS = 10;
    /**
     * How long a server gets to notice what the test's client side already did (a connection closed by a client
     * timeout, a socket aborted by a failed heartbeat) before its open requests and WebSockets count as leaks: the
     * loop takes turns until they are done, so a test that finished what it started waits for nothing, and only a
     * test that really leaked waits this long before it fails.
     */
    static final java.time.Duration SETTLE_LIMIT = java.time.Duration.ofMillis(250);
    /** Turns taken back to back before the settling check pauses between turns (to leave the CPU to the loop). */
    static final int QUICK_TURNS = 64;

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext context) {
        Class<?> type = p.getParameter().getType();
        return type == Loop.class || type == ManualClock.class || type == TestServers.class
                || type == TestClients.class
                || type == ServicePatches.class
                || (type == int.class && p.isAnnotated(UnusedPort.class));
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext context) {
        Class<?> type = p.getParameter().getType();
        Resources r = resources(context, p.getDeclaringExecutable());
        if (type == Loop.class) {
            return r.loop();
        }
        if (type == ManualClock.class) {
            if (!(r.loop().clock() instanceof ManualClock clock)) {
                throw new ParameterResolutionException("the test's loop was made on the system clock before a"
                        + " ManualClock parameter asked for a manual one: declare the ManualClock parameter on the test"
                        + " method (or first among the parameters of the method that takes it)");
            }
            return clock;
        }
        if (type == TestServers.class) {
            return r.servers();
        }
        if (type == TestClients.class) {
            return r.clients();
        }
        if (type == ServicePatches.class) {
            return r.patches();
        }
        return unusedPort();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Resources r = context.getStore(NAMESPACE).remove(Resources.class, Resources.class);
        if (r == null) {
            return;
        }
        List<String> leaks = r.leaks();
        List<Throwable> errors = r.closeAllButLoop();
        leaks.addAll(r.pendingTimers());
        r.closeLoop();
        if (!leaks.isEmpty()) {
            AssertionError failure = new AssertionError("the test leaked " + leaks.size() + " thing(s) it should"
                    + " have finished before it ended:\n  - " + String.join("\n  - ", leaks));
            errors.forEach(failure::addSuppressed);
            throw failure;
        }
        if (!errors.isEmpty()) {
            AssertionError failure = new AssertionError("closing the test's Weft resources failed: "
                    + errors.get(0).getMessage(), errors.get(0));
            errors.stream().skip(1).forEach(failure::addSuppressed);
            throw failure;
        }
    }

    /** The transport of the test: its method's {@link WeftTest}, else its class's, else TCP. */
    static TestTransport transport(ExtensionContext context) {
        Optional<WeftTest> onMethod = context.getTestMethod().flatMap(m -> find(m));
        if (onMethod.isPresent()) {
            return onMethod.get().transport();
        }
        return context.getTestClass().flatMap(c -> find(c)).map(WeftTest::transport).orElse(TestTransport.TCP);
    }

    private static Optional<WeftTest> find(AnnotatedElement element) {
        return AnnotationSupport.findAnnotation(element, WeftTest.class);
    }

    private static Resources resources(ExtensionContext context, Executable resolving) {
        return context.getStore(NAMESPACE).computeIfAbsent(Resources.class,
                k -> new Resources(transport(context), wantsManualClock(context, resolving)), Resources.class);
    }

    /** Whether the test method, or the method whose parameters are being resolved, takes a {@link ManualClock}. */
    static boolean wantsManualClock(ExtensionContext context, Executable resolving) {
        return takesManualClock(resolving) || context.getTestMethod().map(WeftExtension::takesManualClock).orElse(false);
    }

    private static boolean takesManualClock(Executable method) {
        return Arrays.asList(method.getParameterTypes()).contains(ManualClock.class);
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
        private final TestTransport transport;
        private final boolean manualClock;
        private Loop loop;
        private TestServers servers;
        private TestClients clients;
        private ServicePatches patches;

        Resources(TestTransport transport, boolean manualClock) {
            this.transport = transport;
            this.manualClock = manualClock;
        }

        Loop loop() {
            if (loop == null) {
                loop = manualClock ? transport.newLoop(b -> b.clock(ManualClock.create())) : transport.newLoop(1);
            }
            return loop;
        }

        TestServers servers() {
            if (servers == null) {
                servers = new TestServers(loop(), transport);
            }
            return servers;
        }

        TestClients clients() {
            if (clients == null) {
                clients = new TestClients(loop(), transport);
            }
            return clients;
        }

        ServicePatches patches() {
            if (patches == null) {
                patches = new ServicePatches(loop());
            }
            return patches;
        }

        /** What the test left unfinished, once the loop has run what was already queued. */
        List<String> leaks() {
            List<String> leaks = new ArrayList<>();
            if (clients == null && servers == null) {
                return leaks; // nothing that answers later, so nothing queued worth waiting for
            }
            runQueuedEvents(loop);
            List<TestServer> serversSeen = new ArrayList<>();
            if (clients != null) {
                for (TestClient c : clients.created()) {
                    for (String r : c.unreleasedResponses()) {
                        leaks.add("an unreleased response to " + r + ": read its body or call release()"
                                + " (or use try-with-resources)");
                    }
                    for (String r : c.requestsAwaitingResponse()) {
                        leaks.add("a request still awaiting its response: " + r + " on " + c.server().url());
                    }
                    for (String path : c.openWebSockets()) {
                        leaks.add("a client WebSocket to " + path + " on " + c.server().url() + " still open:"
                                + " close it before the test ends");
                    }
                    serversSeen.add(c.server());
                }
            }
            if (servers != null) {
                serversSeen.addAll(servers.started());
            }
            settle(serversSeen);
            for (TestServer s : serversSeen) {
                int busy = s.requestsInFlight();
                if (busy > 0) {
                    leaks.add(busy + " request(s) still being handled by " + s.url() + ": a handler whose reply"
                            + " never completed (or a response not written to the end)");
                }
                int ws = s.openWebSockets();
                if (ws > 0) {
                    leaks.add(ws + " WebSocket(s) still open on " + s.url() + ": close them before the test ends");
                }
            }
            return leaks;
        }

        /**
         * Timers still scheduled on the loop once the test's clients and servers are closed (so an application's
         * cleanup has cancelled its own): each would have fired after the test, or never.
         */
        List<String> pendingTimers() {
            List<String> leaks = new ArrayList<>();
            if (loop != null) {
                List<PendingTimer> timers = loop.pendingTimers();
                if (!timers.isEmpty()) {
                    // A timer already due may not have run yet on a busy loop: it is not left behind.
                    runDueTimers(loop);
                    timers = loop.pendingTimers();
                }
                for (PendingTimer timer : timers) {
                    leaks.add(timer + ": cancel it (Timer.cancel()) or let it run before the test ends");
                }
            }
            return leaks;
        }

        List<Throwable> closeAllButLoop() {
            List<Throwable> errors = new ArrayList<>();
            if (clients != null) {
                errors.addAll(clients.closeAll());
            }
            if (servers != null) {
                errors.addAll(servers.closeAll());
            }
            if (patches != null) {
                errors.addAll(patches.closeAll());
            }
            return errors;
        }

        void closeLoop() {
            if (loop != null) {
                loop.close();
            }
        }
    }

    /** Gives each busy server up to {@link #SETTLE_LIMIT} to finish what has already ended on the client side. */
    private static void settle(List<TestServer> servers) {
        long deadline = System.nanoTime() + SETTLE_LIMIT.toNanos();
        for (TestServer s : servers) {
            for (int turn = 0; s.requestsInFlight() > 0 || s.openWebSockets() > 0; turn++) {
                if (System.nanoTime() - deadline > 0) {
                    break;
                }
                if (turn >= QUICK_TURNS) {
                    java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
                }
                runQueuedEvents(s.loop());
            }
        }
    }

    /** Lets the loop run the timers already due. */
    private static void runDueTimers(Loop loop) {
        awaitBarrier(barrier -> loop.runDueTimers().thenRun(barrier));
    }

    /** Lets the loop run the events already queued (a response just read, say), so none is mistaken for a leak. */
    private static void runQueuedEvents(Loop loop) {
        if (!loop.isClosed()) {
            awaitBarrier(loop::execute);
        }
    }

    /**
     * Hands {@code place} a task and waits until the loop has run it. A loop that refuses it, or cannot run it in
     * time, has nothing left worth waiting for.
     */
    private static void awaitBarrier(java.util.function.Consumer<Runnable> place) {
        CompletableFuture<Void> barrier = new CompletableFuture<>();
        try {
            place.accept(() -> barrier.complete(null));
            barrier.get(LOOP_BARRIER_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            // refused, or not run in time: the loop has nothing left worth waiting for
        }
    }
}
