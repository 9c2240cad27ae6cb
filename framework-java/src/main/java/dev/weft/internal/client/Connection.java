package dev.weft.internal.client;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.net.SocketAddress;
import org.jspecify.annotations.Nullable;

/**
 * One pooled HTTP/1.1 connection and the last handler of its pipeline: it hands what the codec decodes to the
 * {@link Exchange} in progress and tells the pool when the server closes it. While idle in the pool it keeps a read
 * pending, so that a close (or stray bytes, which also close it) is noticed before the connection is used again.
 * Event-loop thread only.
 *
 * <p>Its deadlines (the idle expiry in the pool, the total timeout of the exchange in progress) share one loop timer,
 * the <em>wake</em>, armed at most for the earliest of them and checked when it fires: a deadline later than the
 * armed one costs nothing, one that passed is acted on, and the wake is re-armed for what is left. So a connection
 * busy with one request after another arms about one timer per keep-alive period instead of two per request (a
 * scheduled task each, and its cancellation), and every deadline still runs at its exact time on the loop's clock.
 */
final class Connection extends ChannelInboundHandlerAdapter {
    final Channel channel;
    final Origin origin;
    private final ConnectionPool pool;
    private @Nullable Exchange exchange;
    /** How many requests this connection has carried, the one in progress included. */
    int uses;
    /** Whether the pool still counts this connection against its limits. */
    boolean counted = true;
    long idleSince;
    /** Whether the connection waits in the pool's idle queue; it expires {@code keepaliveTimeout} after idleSince. */
    boolean idle;
    /** The timer of the earliest deadline, due at {@link #wakeAt}; null when none is armed. */
    private dev.weft.loop.@Nullable Timer wake;
    private long wakeAt;

    Connection(Channel channel, Origin origin, ConnectionPool pool) {
        this.channel = channel;
        this.origin = origin;
        this.pool = pool;
    }

    void attach(Exchange x) {
        exchange = x;
        uses++;
    }

    void detach(Exchange x) {
        if (exchange == x) {
            exchange = null;
        }
    }

    /** Makes sure the wake runs no later than {@code dueNanos} (on the loop's clock). */
    void wakeBy(long dueNanos) {
        dev.weft.loop.Timer w = wake;
        if (w != null) {
            if (wakeAt - dueNanos <= 0) {
                return; // it runs first and re-arms for what is then left
            }
            w.cancel();
        }
        wakeAt = dueNanos;
        wake = pool.deadlineAt(dueNanos, this::onWake);
    }

    /** The connection is closed: nothing of it is due any more. */
    void cancelWake() {
        dev.weft.loop.Timer w = wake;
        wake = null;
        if (w != null) {
            w.cancel();
        }
    }

    private void onWake() {
        wake = null;
        long now = pool.nanoTime();
        Exchange x = exchange;
        if (x != null && x.hasDeadline()) {
            if (x.deadline() - now <= 0) {
                x.deadlinePassed();
            } else {
                wakeBy(x.deadline());
            }
        }
        if (idle) {
            long expiry = idleSince + pool.keepaliveNanos();
            if (expiry - now <= 0) {
                pool.expire(this);
            } else {
                wakeBy(expiry);
            }
        }
    }

    boolean reused() {
        return uses > 1;
    }

    SocketAddress local() {
        return channel.localAddress();
    }

    /** Starts watching the idle connection: a pending read reports a close or unexpected bytes. */
    void watchIdle() {
        if (channel.isActive()) {
            channel.read();
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Exchange x = exchange;
        if (x == null) {
            ReferenceCountUtil.release(msg);
            ctx.close(); // bytes nobody asked for: the framing can no longer be trusted
            return;
        }
        x.onMessage(msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        Exchange x = exchange;
        if (x != null) {
            x.onReadComplete();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        Exchange x = exchange;
        if (x != null && ctx.channel().isWritable()) {
            x.onWritable();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        pool.onClosed(this);
        Exchange x = exchange;
        if (x != null) {
            x.onClosed(null);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Exchange x = exchange;
        if (x != null) {
            if (cause instanceof io.netty.handler.codec.DecoderException) {
                x.fail(new dev.weft.client.ClientPayloadException("malformed response from " + origin + ": "
                        + cause.getMessage(), cause)); // a corrupt or oversized compressed body, say
            } else {
                x.onClosed(cause);
            }
        }
        ctx.close();
    }

    @Override
    public String toString() {
        return "Connection[" + origin + ", " + channel.localAddress() + " -> " + channel.remoteAddress() + ", uses="
                + uses + "]";
    }
}
