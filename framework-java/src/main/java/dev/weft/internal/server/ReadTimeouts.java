package dev.weft.internal.server;

import dev.weft.internal.loop.NettyLoop;
import dev.weft.loop.Timer;
import io.netty.channel.ChannelHandlerContext;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The two read deadlines of one HTTP/1.x connection ({@code HOSTILE-INPUTS.md} cases 18 and 19): a request head must
 * arrive completely within the header timeout of its first byte, however slowly it trickles in; a request body must
 * not pause for longer than the body idle timeout.
 *
 * <p>One loop timer per connection at most, and it is not re-created per request: a request only records a
 * timestamp, and the timer, when it fires, either expires the request in progress or re-arms itself for the nearest
 * deadline. A connection serving many quick requests thus costs about one timer per timeout period. While the server
 * itself has paused reading (too many pipelined requests queued), the client is not late: its deadlines restart.
 * Time is the loop's clock, the one its timers run on; the timer runs on the connection's own event loop. Loop thread
 * only.
 */
final class ReadTimeouts {
    /** What to do when a deadline passes. */
    interface Expiry {
        /** @param head whether the request head (else the request body) is late */
        void expired(boolean head);
    }

    private final long headNanos;
    private final long bodyNanos;
    private final NettyLoop loop;
    private final Expiry expiry;
    private final Runnable check = this::check;
    private @Nullable ChannelHandlerContext ctx;
    /** When the request head in progress began, or 0 for none. */
    private long headSince;
    /** When the request body in progress last made progress, or 0 for none. */
    private long bodySince;
    private @Nullable Timer timer;
    private long timerAt;
    private boolean stopped;

    ReadTimeouts(Duration headerTimeout, Duration bodyIdleTimeout, NettyLoop loop, Expiry expiry) {
        this.loop = loop;
        this.headNanos = headerTimeout.toNanos();
        this.bodyNanos = bodyIdleTimeout.toNanos();
        this.expiry = expiry;
    }

    /** The first byte of a request head has arrived. */
    void headStarted(ChannelHandlerContext ctx) {
        long now = nonZero(loop.nanoTime());
        headSince = now;
        arm(ctx, now + headNanos);
    }

    /** The request head is complete (or refused). */
    void headEnded() {
        headSince = 0;
    }

    /** Bytes of a request body have arrived (or the head of a request with a body is complete). */
    void bodyProgress(ChannelHandlerContext ctx) {
        long now = nonZero(loop.nanoTime());
        bodySince = now;
        arm(ctx, now + bodyNanos);
    }

    /** The request body is complete (or refused). */
    void bodyEnded() {
        bodySince = 0;
    }

    /** No more deadlines on this connection. */
    void stop() {
        stopped = true;
        headSince = 0;
        bodySince = 0;
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }

    private void arm(ChannelHandlerContext ctx, long deadline) {
        if (stopped) {
            return;
        }
        this.ctx = ctx;
        if (timer != null) {
            if (timerAt - deadline <= 0) {
                return; // the timer fires first anyway and re-arms for this deadline then
            }
            timer.cancel();
        }
        timerAt = deadline;
        long delay = Math.max(0, deadline - loop.nanoTime());
        timer = loop.deadline(ctx.executor(), delay, check);
    }

    private void check() {
        timer = null;
        ChannelHandlerContext c = ctx;
        if (stopped || c == null || !c.channel().isActive()) {
            return;
        }
        long now = loop.nanoTime();
        if (!c.channel().config().isAutoRead()) {
            // Reading is paused on our side: whatever the client sent is waiting in the socket, not late.
            headSince = headSince != 0 ? nonZero(now) : 0;
            bodySince = bodySince != 0 ? nonZero(now) : 0;
        }
        if (headSince != 0) {
            long deadline = headSince + headNanos;
            if (deadline - now <= 0) {
                headSince = 0;
                expiry.expired(true);
            } else {
                arm(c, deadline);
            }
        } else if (bodySince != 0) {
            long deadline = bodySince + bodyNanos;
            if (deadline - now <= 0) {
                bodySince = 0;
                expiry.expired(false);
            } else {
                arm(c, deadline);
            }
        }
    }

    /** 0 means "none" in the fields above; a clock reading of exactly 0 is moved by a nanosecond. */
    static long nonZero(long nanos) {
        return nanos == 0 ? 1 : nanos;
    }
}
