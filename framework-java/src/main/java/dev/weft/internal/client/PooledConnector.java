package dev.weft.internal.client;

import dev.weft.client.TcpConnector;
import dev.weft.client.Tracer;
import dev.weft.internal.loop.NettyLoop;
import dev.weft.loop.Loop;
import dev.weft.loop.Timer;
import io.netty.channel.EventLoop;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;

/**
 * {@link TcpConnector} over a {@link ConnectionPool} and a {@link Transport}. Pinned to one event loop of its
 * {@link Loop}: the pool, its connections and every exchange on them run there, so none of it needs a lock.
 */
public final class PooledConnector implements TcpConnector {
    private final NettyLoop loop;
    private final EventLoop eventLoop;
    private final ConnectorSettings settings;
    private final ConnectionPool pool;
    private volatile boolean closed;

    private PooledConnector(Loop loop, ConnectorSettings settings, Transport transport) {
        NettyLoop netty = NettyLoop.of(loop, "A TcpConnector (and a ClientSession on it)");
        this.loop = netty;
        this.eventLoop = netty.eventLoop();
        this.settings = settings;
        this.pool = new ConnectionPool(netty, eventLoop, settings, transport);
    }

    /** What {@code TcpConnector.Builder.build()} makes over TCP: DNS, proxies and TLS as {@code verifySsl} says. */
    public static TcpConnector tcp(Loop loop, ConnectorSettings settings, boolean verifySsl,
                                   @Nullable SSLContext sslContext) {
        SslContext ssl = sslContext(verifySsl, sslContext);
        return new PooledConnector(loop, settings, new TcpTransport(loop, settings, ssl, verifySsl));
    }

    /** What {@code TcpConnector.Builder.build()} makes with {@code inMemorySite(site)}: every origin goes there. */
    public static TcpConnector inMemory(Loop loop, ConnectorSettings settings, String site) {
        return new PooledConnector(loop, settings, new MemoryTransport(site));
    }

    private static SslContext sslContext(boolean verify, @Nullable SSLContext jdk) {
        if (jdk != null) {
            return new JdkSslContext(jdk, true, null, io.netty.handler.ssl.IdentityCipherSuiteFilter.INSTANCE, null,
                    ClientAuth.NONE, null, false);
        }
        try {
            SslContextBuilder b = SslContextBuilder.forClient().sslProvider(SslProvider.JDK);
            if (!verify) {
                b.trustManager(InsecureTrustManagerFactory.INSTANCE).endpointIdentificationAlgorithm(null);
            }
            return b.build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    EventLoop eventLoop() {
        return eventLoop;
    }

    /** The loop, as Weft's own. */
    NettyLoop netty() {
        return loop;
    }

    /** A deadline on this connector's event loop, on its loop's clock (a request's timeouts). */
    Timer deadline(Duration delay, Runnable task) {
        return pool.deadline(delay, task);
    }

    ConnectorSettings settings() {
        return settings;
    }

    /** A connection for {@code origin}; call on {@link #eventLoop()}. */
    CompletableFuture<Connection> acquire(Origin origin, boolean fresh, Tracer tracer) {
        return pool.acquire(origin, fresh, tracer);
    }

    ConnectionPool pool() {
        return pool;
    }

    @Override
    public Loop loop() {
        return loop;
    }

    @Override
    public int limit() {
        return settings.limit();
    }

    @Override
    public int limitPerHost() {
        return settings.limitPerHost();
    }

    @Override
    public int openConnections() {
        return onLoop(pool::openCount);
    }

    @Override
    public int idleConnections() {
        return onLoop(pool::idleCount);
    }

    private int onLoop(java.util.function.IntSupplier what) {
        if (eventLoop.inEventLoop()) {
            return what.getAsInt();
        }
        try {
            return eventLoop.submit(what::getAsInt).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (eventLoop.inEventLoop()) {
            pool.closeAll();
        } else if (!eventLoop.isShuttingDown()) {
            eventLoop.execute(pool::closeAll);
        }
    }

    @Override
    public String toString() {
        return "TcpConnector[limit=" + settings.limit() + ", limitPerHost=" + settings.limitPerHost()
                + (closed ? ", closed]" : "]");
    }
}
