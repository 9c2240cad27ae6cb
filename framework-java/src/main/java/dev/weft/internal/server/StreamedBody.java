package dev.weft.internal.server;

import dev.weft.internal.web.BodySink;
import dev.weft.web.ClientDisconnectedException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * The body of a streamed response, after its head: framed as chunks, by a declared length, or by closing the
 * connection, and written with backpressure: a write's stage completes while the connection's outbound buffer is
 * under its high water mark, or once it has drained below the low one, so a slow reader makes the handler wait
 * instead of the server buffering without bound. Calls from any thread run on the connection's loop.
 */
final class StreamedBody implements BodySink {
    private static final CompletionStage<Void> DONE = CompletableFuture.completedStage(null);
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] LAST_CHUNK = "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    /** Room for a chunk's size line ({@code 7fffffff\r\n}) and its closing CRLF. */
    private static final int CHUNK_FRAMING_BYTES = 12;

    /** How a streamed body is framed. */
    enum Framing {
        /** {@code Transfer-Encoding: chunked}. */
        CHUNKED,
        /** A declared {@code Content-Length}. */
        LENGTH,
        /** Until the connection closes (an HTTP/1.0 client without a declared length). */
        CLOSE,
        /** No body goes out (HEAD, 204, 304): writes are counted, not sent. */
        NONE
    }

    private final Exchange exchange;
    private final ChannelHandlerContext ctx;
    private final Framing framing;
    private final long declaredLength;
    private long written;
    private boolean ended;
    private @Nullable Throwable gone;
    private @Nullable CompletableFuture<Void> drained;
    private @Nullable CompletableFuture<Void> disconnected;
    private @Nullable CompletionStage<Void> endStage;
    /** Calls made on another thread and not yet run on the loop. */
    private final java.util.concurrent.atomic.AtomicInteger queued = new java.util.concurrent.atomic.AtomicInteger();

    StreamedBody(Exchange exchange, ChannelHandlerContext ctx, Framing framing, long declaredLength) {
        this.exchange = exchange;
        this.ctx = ctx;
        this.framing = framing;
        this.declaredLength = declaredLength;
    }

    /** Whether no body goes out (HEAD, 204, 304): writes are only counted. */
    boolean discards() {
        return framing == Framing.NONE;
    }

    /** Body bytes the handler wrote (sent, or counted only where no body goes out). */
    long written() {
        return written;
    }

    @Override
    public CompletionStage<Void> write(byte[] data, int offset, int length) {
        java.util.Objects.checkFromIndexSize(offset, length, data.length);
        if (length == 0) {
            return onLoop(() -> ended || gone != null ? failed() : DONE);
        }
        if (framing == Framing.NONE) {
            return onLoop(() -> {
                if (ended || gone != null) {
                    return failed();
                }
                written += length;
                return DONE;
            });
        }
        // Copied now, on the caller's thread: the caller may reuse its array as soon as this returns.
        boolean chunked = framing == Framing.CHUNKED;
        ByteBuf buf = ctx.alloc().directBuffer(length + (chunked ? CHUNK_FRAMING_BYTES : 0));
        if (chunked) {
            buf.writeCharSequence(Integer.toHexString(length), StandardCharsets.US_ASCII);
            buf.writeBytes(CRLF);
        }
        buf.writeBytes(data, offset, length);
        if (chunked) {
            buf.writeBytes(CRLF);
        }
        return onLoop(() -> writeNow(buf, length));
    }

    private CompletionStage<Void> writeNow(ByteBuf buf, int length) {
        if (ended || gone != null) {
            buf.release();
            return failed();
        }
        if (framing == Framing.LENGTH && written + length > declaredLength) {
            buf.release();
            return CompletableFuture.failedFuture(new IllegalStateException("writing " + length + " bytes would pass"
                    + " the declared Content-Length of " + declaredLength + " (" + written + " written)"));
        }
        written += length;
        exchange.writePart(buf);
        if (ctx.channel().isWritable()) {
            return DONE;
        }
        CompletableFuture<Void> d = drained;
        if (d == null) {
            d = new CompletableFuture<>();
            drained = d;
        }
        return d;
    }

    /**
     * Writes {@code count} bytes of a file as a region the transport sends without copying them through the JVM
     * ({@code sendfile}); the region is released (its file closed) when written or dropped. Loop thread.
     */
    CompletionStage<Void> writeRegion(io.netty.channel.FileRegion region, long count) {
        if (ended || gone != null || framing != Framing.LENGTH || written + count > declaredLength) {
            region.release();
            return failed();
        }
        written += count;
        exchange.writePart(region);
        if (ctx.channel().isWritable()) {
            return DONE;
        }
        CompletableFuture<Void> d = drained;
        if (d == null) {
            d = new CompletableFuture<>();
            drained = d;
        }
        return d;
    }

    @Override
    public CompletionStage<Void> end() {
        return onLoop(this::endNow);
    }

    private CompletionStage<Void> endNow() {
        if (endStage != null) {
            return endStage;
        }
        if (gone != null) {
            endStage = failed();
            return endStage;
        }
        ended = true;
        releaseWaiter(null);
        if (framing == Framing.LENGTH && written < declaredLength) {
            // The framing cannot be completed: close, so the client sees a short body rather than waiting for more.
            exchange.endStream(null, true, written);
            endStage = CompletableFuture.failedFuture(new IllegalStateException("the response ended after " + written
                    + " of its declared " + declaredLength + " bytes; the connection was closed"));
            return endStage;
        }
        ByteBuf last = framing == Framing.CHUNKED ? ctx.alloc().buffer(LAST_CHUNK.length).writeBytes(LAST_CHUNK)
                : null;
        exchange.endStream(last, framing == Framing.CLOSE, written);
        endStage = DONE;
        return endStage;
    }

    @Override
    public CompletionStage<Void> disconnected() {
        return onLoop(() -> {
            if (disconnected == null) {
                disconnected = new CompletableFuture<>();
                if (gone != null) {
                    disconnected.complete(null);
                }
            }
            return disconnected;
        });
    }

    @Override
    public void abort() {
        onLoop(() -> {
            if (!ended && gone == null) {
                ended = true;
                releaseWaiter(null);
                exchange.abortStream();
            }
            return DONE;
        });
    }

    /** The connection can take more: a writer waiting for it goes on. Loop thread. */
    void writable() {
        CompletableFuture<Void> d = drained;
        if (d != null) {
            drained = null;
            d.complete(null);
        }
    }

    /** The client went away. Loop thread. */
    void gone(Throwable cause) {
        if (gone != null) {
            return;
        }
        gone = new ClientDisconnectedException("the client went away before the response ended", cause);
        releaseWaiter(gone);
        if (disconnected != null && !ended) {
            disconnected.complete(null);
        }
    }

    private void releaseWaiter(@Nullable Throwable error) {
        CompletableFuture<Void> d = drained;
        if (d != null) {
            drained = null;
            if (error == null) {
                d.complete(null);
            } else {
                d.completeExceptionally(error);
            }
        }
    }

    private CompletionStage<Void> failed() {
        return CompletableFuture.failedFuture(gone != null ? gone
                : new IllegalStateException("the response has ended: nothing more can be written"));
    }

    /**
     * Runs {@code step} on the loop: now if this is the loop thread and nothing called from another thread is still
     * on its way there; otherwise queued behind it. So a call that comes after another (the end after the writes a
     * pool thread made, say, though the end is called on the loop) never overtakes it.
     */
    private CompletionStage<Void> onLoop(java.util.function.Supplier<CompletionStage<Void>> step) {
        if (ctx.executor().inEventLoop() && queued.get() == 0) {
            return step.get();
        }
        CompletableFuture<Void> out = new CompletableFuture<>();
        queued.incrementAndGet();
        ctx.executor().execute(() -> {
            queued.decrementAndGet();
            step.get().whenComplete((v, e) -> {
                if (e != null) {
                    out.completeExceptionally(e);
                } else {
                    out.complete(v);
                }
            });
        });
        return out;
    }
}
