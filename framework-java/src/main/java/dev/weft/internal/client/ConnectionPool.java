package dev.weft.internal.client;

import dev.weft.client.ClientConnectionException;
import dev.weft.client.TraceEvent;
import dev.weft.client.Tracer;
import dev.weft.internal.loop.NettyLoop;
import dev.weft.loop.Timer;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpDecoderConfig;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * The connections of one connector: at most {@code limit} open in all and {@code limitPerHost} per origin (idle,
 * busy and connecting ones all count; 0 means no limit), idle ones kept for {@code keepaliveTimeout} and reused
 * most-recent first. Callers that cannot have a connection wait in one FIFO queue: the first waiter that can be
 * served is, so a waiter held back only by its host's limit does not block others. Event-loop thread only.
 */
final class ConnectionPool {
    private final NettyLoop loop;
    private final EventLoop eventLoop;
    private final ConnectorSettings settings;
    private final Transport transport;
    private final Map<Origin, ArrayDeque<Connection>> idle = new HashMap<>();
    private final Map<Origin, Integer> perOrigin = new HashMap<>();
    private final Set<Connection> open = new LinkedHashSet<>();
    private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
    private final long keepaliveNanos;
    private int total;
    private boolean closed;

    private record Waiter(Origin origin, boolean fresh, Tracer tracer, CompletableFuture<Connection> future) {
    }

    ConnectionPool(NettyLoop loop, EventLoop eventLoop, ConnectorSettings settings, Transport transport) {
        this.loop = loop;
        this.eventLoop = eventLoop;
        this.settings = settings;
        this.transport = transport;
        this.keepaliveNanos = settings.keepaliveTimeout().toNanos();
    }

    /**
     * A connection to {@code origin}: an idle one unless {@code fresh}, else a new one, else one when a waiter's turn
     * comes. Failing the returned future (a connect timeout) takes the caller out of the queue.
     */
    CompletableFuture<Connection> acquire(Origin origin, boolean fresh, Tracer tracer) {
        if (closed) {
            return CompletableFuture.failedFuture(new ClientConnectionException("the connector is closed", null));
        }
        if (!fresh) {
            Connection c = idleFor(origin, tracer);
            if (c != null) {
                return CompletableFuture.completedFuture(c);
            }
        }
        if (canOpen(origin) || evictIdleFor(origin)) {
            CompletableFuture<Connection> f = new CompletableFuture<>();
            open(origin, tracer, f);
            return f;
        }
        Waiter w = new Waiter(origin, fresh, tracer, new CompletableFuture<>());
        waiters.add(w);
        tracer.on(new TraceEvent.ConnectionQueued(origin.host(), origin.port()));
        return w.future;
    }

    /**
     * An idle connection to {@code origin} at once, or null: {@link #acquire}'s usual case without a future, for a
     * caller that can go on synchronously.
     */
    @Nullable Connection idleFor(Origin origin, Tracer tracer) {
        if (closed) {
            return null;
        }
        Connection c = takeIdle(origin);
        if (c != null && tracer != DefaultClientSession.NO_TRACER) {
            tracer.on(new TraceEvent.ConnectionReuse(origin.host(), origin.port(), c.local()));
        }
        return c;
    }

    /** Gives back {@code c} after an exchange: pooled if {@code reusable}, else closed. */
    void release(Connection c, boolean reusable) {
        if (!reusable || closed || settings.forceClose() || !c.channel.isActive() || !c.counted) {
            close(c);
            return;
        }
        for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
            Waiter w = it.next();
            if (w.future.isDone()) {
                it.remove();
            } else if (!w.fresh && w.origin.equals(c.origin)) {
                it.remove();
                w.tracer.on(new TraceEvent.ConnectionReuse(c.origin.host(), c.origin.port(), c.local()));
                w.future.complete(c);
                return;
            }
        }
        c.idleSince = loop.nanoTime();
        c.idle = true;
        idle.computeIfAbsent(c.origin, o -> new ArrayDeque<>()).addLast(c);
        c.wakeBy(c.idleSince + keepaliveNanos);
        c.watchIdle();
        serveWaiters(); // a waiter for another origin may now evict this idle connection
    }

    /** A deadline on the pool's event loop, on its loop's clock (a request's socket-read timeout, say). */
    Timer deadline(java.time.Duration delay, Runnable task) {
        return loop.deadline(eventLoop, delay.toNanos(), task);
    }

    /** A deadline on the pool's event loop at {@code dueNanos} of its loop's clock (a connection's wake). */
    Timer deadlineAt(long dueNanos, Runnable task) {
        return loop.deadline(eventLoop, dueNanos - loop.nanoTime(), task);
    }

    /** Now on the loop's clock. */
    long nanoTime() {
        return loop.nanoTime();
    }

    long keepaliveNanos() {
        return keepaliveNanos;
    }

    /** The idle connection {@code c} has waited {@code keepaliveTimeout}: closed, unless it left the queue meanwhile. */
    void expire(Connection c) {
        ArrayDeque<Connection> q = idle.get(c.origin);
        if (q != null && q.remove(c)) {
            close(c);
        }
    }

    /** Closes {@code c} and frees its place at once, so a waiter can open another. */
    void close(Connection c) {
        forget(c);
        c.channel.close();
    }

    /** The channel of {@code c} closed (by either side). */
    void onClosed(Connection c) {
        forget(c);
    }

    private void forget(Connection c) {
        ArrayDeque<Connection> q = idle.get(c.origin);
        if (q != null) {
            q.remove(c);
        }
        c.idle = false;
        c.cancelWake();
        if (c.counted) {
            c.counted = false;
            open.remove(c);
            uncount(c.origin);
            serveWaiters();
        }
    }

    private void uncount(Origin origin) {
        total--;
        perOrigin.merge(origin, -1, (a, b) -> a + b == 0 ? null : a + b);
    }

    private Connection takeIdle(Origin origin) {
        ArrayDeque<Connection> q = idle.get(origin);
        while (q != null && !q.isEmpty()) {
            Connection c = q.pollLast();
            c.idle = false; // its wake, armed for the idle expiry, stays: it serves the next deadline
            boolean fresh = loop.nanoTime() - c.idleSince < keepaliveNanos;
            if (c.channel.isActive() && c.counted && fresh) {
                return c;
            }
            close(c);
        }
        return null;
    }

    private boolean canOpen(Origin origin) {
        return (settings.limit() == 0 || total < settings.limit())
                && (settings.limitPerHost() == 0 || perOrigin.getOrDefault(origin, 0) < settings.limitPerHost());
    }

    /** At the total limit with idle connections to other origins: close the oldest one if that lets us open. */
    private boolean evictIdleFor(Origin origin) {
        if (settings.limitPerHost() != 0 && perOrigin.getOrDefault(origin, 0) >= settings.limitPerHost()) {
            return false;
        }
        Connection oldest = null;
        for (ArrayDeque<Connection> q : idle.values()) {
            Connection c = q.peekFirst();
            if (c != null && (oldest == null || c.idleSince < oldest.idleSince)) {
                oldest = c;
            }
        }
        if (oldest == null) {
            return false;
        }
        close(oldest);
        return canOpen(origin);
    }

    private void open(Origin origin, Tracer tracer, CompletableFuture<Connection> into) {
        total++;
        perOrigin.merge(origin, 1, Integer::sum);
        transport.connect(origin, eventLoop, tracer).whenComplete((ch, error) -> {
            if (error != null) {
                uncount(origin);
                into.completeExceptionally(unwrap(error));
                serveWaiters();
                return;
            }
            Connection c = install(ch, origin);
            if (closed) {
                close(c);
                into.completeExceptionally(new ClientConnectionException("the connector is closed", null));
                return;
            }
            tracer.on(new TraceEvent.ConnectionCreate(origin.host(), origin.port(), ch.localAddress(),
                    ch.remoteAddress()));
            if (!into.complete(c)) {
                release(c, true); // the caller gave up (connect timeout): keep the connection for the next one
            }
        });
    }

    private Connection install(Channel ch, Origin origin) {
        var limits = settings.limits();
        HttpDecoderConfig decoder = new HttpDecoderConfig()
                .setMaxInitialLineLength(limits.maxStatusLineBytes())
                .setMaxHeaderSize(limits.maxHeaderBytes())
                .setAllowDuplicateContentLengths(false)
                .setStrictLineParsing(true);
        Connection c = new Connection(ch, origin, this);
        ch.pipeline().addLast("http", new HttpClientCodec(decoder, false, false));
        ch.pipeline().addLast("inflate", new Inflater(limits.maxBodyBytes()));
        ch.pipeline().addLast("weft", c);
        open.add(c);
        return c;
    }

    private void serveWaiters() {
        for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
            Waiter w = it.next();
            if (w.future.isDone()) {
                it.remove();
                continue;
            }
            Connection c = w.fresh ? null : takeIdle(w.origin);
            if (c != null) {
                it.remove();
                w.tracer.on(new TraceEvent.ConnectionReuse(c.origin.host(), c.origin.port(), c.local()));
                w.future.complete(c);
            } else if (canOpen(w.origin) || evictIdleFor(w.origin)) {
                it.remove();
                open(w.origin, w.tracer, w.future);
            } else if (settings.limit() != 0 && total >= settings.limit()) {
                return; // the total limit holds everyone behind this waiter too: first come, first served
            }
        }
    }

    /** Closes every connection and fails every waiter. */
    void closeAll() {
        closed = true;
        List<Waiter> queued = new ArrayList<>(waiters);
        waiters.clear();
        for (Waiter w : queued) {
            w.future.completeExceptionally(new ClientConnectionException("the connector was closed", null));
        }
        for (Connection c : new ArrayList<>(open)) {
            close(c);
        }
        transport.close();
    }

    boolean isClosed() {
        return closed;
    }

    /** Open connections (idle, busy), for tests and diagnostics. */
    int openCount() {
        return total;
    }

    int idleCount() {
        int n = 0;
        for (ArrayDeque<Connection> q : idle.values()) {
            n += q.size();
        }
        return n;
    }

    private static Throwable unwrap(Throwable error) {
        Throwable e = dev.weft.internal.util.Failures.unwrap(error);
        return e instanceof ClientConnectionException ? e : new ClientConnectionException(e.getMessage(), e);
    }
}
