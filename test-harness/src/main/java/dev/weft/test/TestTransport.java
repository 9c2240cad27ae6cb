package dev.weft.test;

import dev.weft.client.TcpConnector;
import dev.weft.loop.Loop;
import dev.weft.web.Site;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * How a test's client reaches its server: loopback TCP, or in memory inside the JVM (Netty local channels) with the
 * same HTTP semantics and no socket. Choose it per class or per test with {@code @WeftTest(transport = ...)}.
 *
 * <p>Each transport needs a loop made for it ({@link #newLoop}): a {@link #MEMORY} loop carries no TCP, so code
 * under test that opens real sockets (a {@link RawTestServer} backend, say) needs {@link #TCP}.
 */
public enum TestTransport {
    /** Loopback TCP on a free port of {@value TestServer#HOST}. */
    TCP,
    /** In memory: a server address inside this JVM; URLs look like {@code http://weft-test-7.memory}. */
    MEMORY;

    private static final AtomicLong NEXT_NAME = new AtomicLong();

    /**
     * A new loop with {@code threads} threads that this transport runs on. The caller closes it. Its threads are
     * borrowed from a pool that test loops share, and handed back when it closes: a suite that makes a loop per test
     * does not start a thread per test. It tracks the timers scheduled on it ({@link Loop#pendingTimers()}).
     */
    public Loop newLoop(int threads) {
        return newLoop(b -> b.threads(threads));
    }

    /**
     * A new test loop for this transport as {@link #newLoop(int)} makes it (one thread unless {@code options} say
     * otherwise), with {@code options} applied last: {@code newLoop(b -> b.clock(clock))} puts it on a
     * {@link dev.weft.loop.ManualClock}, say. The caller closes it.
     */
    public Loop newLoop(Consumer<Loop.Builder> options) {
        return Loop.create(b -> {
            b.threads(1).pooledThreads(true).trackTimers(true).inMemory(this == MEMORY);
            options.accept(b);
        });
    }

    /** A new site to serve a test application on: a free port, or a fresh in-memory name. */
    Site newSite() {
        return this == TCP ? Site.tcp(TestServer.HOST, 0)
                : Site.inMemory("weft-test-" + NEXT_NAME.incrementAndGet() + ".memory");
    }

    /** A connector on {@code loop} that reaches {@code server} over this transport. */
    TcpConnector connector(TestServer server, Loop loop) {
        if (this == TCP) {
            return TcpConnector.create(b -> b.loop(loop));
        }
        return TcpConnector.create(b -> b.loop(loop).inMemorySite(server.inMemoryName()));
    }
}
