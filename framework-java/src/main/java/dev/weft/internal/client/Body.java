package dev.weft.internal.client;

import dev.weft.client.ClientException;
import io.netty.channel.EventLoop;
import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * The body of one response between the socket and the user: chunks wait here (at most about {@link #HIGH_WATER}
 * bytes before the client stops reading the socket) until read as a stream, aggregated whole, or dropped by a
 * release. Event-loop thread only, except {@link #releaseFromAnyThread()}.
 */
final class Body {
    /** Above this many buffered bytes the socket is not read until the reader catches up. */
    static final int HIGH_WATER = 256 * 1024;
    /** A redirect's or error's body is drained (to keep the connection) up to this many bytes, else closed. */
    static final int DRAIN_LIMIT = 64 * 1024;
    private static final byte[] END = new byte[0];

    private final EventLoop eventLoop;
    private final Exchange exchange;
    /**
     * Chunks that arrived before anyone read them; made at the first such chunk (a body read whole, or read as it
     * comes, never needs it), sized for a few.
     */
    private @Nullable ArrayDeque<byte[]> chunks;
    private long buffered;
    private long drained;
    private boolean ended;
    private @Nullable Throwable failure;
    private boolean released;
    private boolean discarding;
    private @Nullable CompletableFuture<byte[]> pendingRead;
    /** Whether the body is being read whole ({@link #readAll()}): its bytes go to {@link #firstChunk}, then here. */
    private boolean aggregating;
    /**
     * The first chunk read whole, kept as it came: a small body is one chunk, handed over as it is, with no buffer
     * and no copy. A second chunk moves both into {@link #aggregate}.
     */
    private byte @Nullable [] firstChunk;
    private @Nullable ByteArrayOutputStream aggregate;
    private @Nullable CompletableFuture<byte[]> whole;
    private @Nullable CompletableFuture<Void> drainDone;
    /** Told once, when the body was read to the end, released or failed: the response is then no longer open. */
    private @Nullable Runnable onFinished;

    Body(EventLoop eventLoop, Exchange exchange) {
        this.eventLoop = eventLoop;
        this.exchange = exchange;
    }

    void onFinished(Runnable r) {
        this.onFinished = r;
        if (released || failure != null || ended && noChunks() && whole == null && buffered == 0
                && exchange.bodyBytes() == 0) {
            finish();
        }
    }

    private void finish() {
        Runnable r = onFinished;
        onFinished = null;
        if (r != null) {
            r.run();
        }
    }

    /** Whether the socket should be read further. */
    boolean wantsMore() {
        return discarding || whole != null || buffered < HIGH_WATER;
    }

    boolean ended() {
        return ended;
    }

    boolean atEnd() {
        return ended && noChunks();
    }

    private boolean noChunks() {
        return chunks == null || chunks.isEmpty();
    }

    private void dropChunks() {
        if (chunks != null) {
            chunks.clear();
        }
    }

    // ---- from the exchange

    void onData(byte[] bytes) {
        if (released) {
            return;
        }
        if (discarding) {
            drained += bytes.length;
            if (drained > DRAIN_LIMIT) {
                exchange.abort(); // not worth reading: close instead
            }
            return;
        }
        if (aggregating) {
            aggregate(bytes);
        } else if (pendingRead != null) {
            CompletableFuture<byte[]> r = pendingRead;
            pendingRead = null;
            r.complete(bytes);
        } else {
            ArrayDeque<byte[]> q = chunks;
            if (q == null) {
                chunks = q = new ArrayDeque<>(2);
            }
            q.add(bytes);
            buffered += bytes.length;
        }
    }

    void onEnd() {
        ended = true;
        if (drainDone != null) {
            drainDone.complete(null);
        }
        if (whole != null && aggregating) {
            ByteArrayOutputStream more = aggregate;
            byte[] all = more != null ? more.toByteArray() : firstChunk != null ? firstChunk : new byte[0];
            aggregating = false;
            aggregate = null;
            firstChunk = null;
            finish();
            whole.complete(all);
        } else if (pendingRead != null) {
            CompletableFuture<byte[]> r = pendingRead;
            pendingRead = null;
            finish();
            r.complete(END);
        } else if (exchange.bodyBytes() == 0) {
            finish(); // nothing to read: an empty body is not left open
        }
    }

    void onFailure(Throwable e) {
        if (ended || failure != null) {
            return;
        }
        failure = e;
        dropChunks();
        buffered = 0;
        if (drainDone != null) {
            drainDone.complete(null);
        }
        if (pendingRead != null) {
            pendingRead.completeExceptionally(e);
            pendingRead = null;
        }
        if (whole != null) {
            whole.completeExceptionally(e);
        }
        finish();
    }

    // ---- from the user, on the event loop

    CompletableFuture<byte[]> read() {
        if (released) {
            return CompletableFuture.failedFuture(new ClientException("the response was released"));
        }
        if (failure != null) {
            return CompletableFuture.failedFuture(failure);
        }
        if (pendingRead != null || whole != null) {
            return CompletableFuture.failedFuture(new IllegalStateException(
                    "a read is already in progress; read once the previous stage completed"));
        }
        byte[] next = chunks == null ? null : chunks.poll();
        if (next != null) {
            buffered -= next.length;
            if (!ended) {
                exchange.resumeReading();
            }
            return CompletableFuture.completedFuture(next);
        }
        if (ended) {
            finish();
            return CompletableFuture.completedFuture(END);
        }
        pendingRead = new CompletableFuture<>();
        exchange.resumeReading();
        return pendingRead;
    }

    private void aggregate(byte[] bytes) {
        ByteArrayOutputStream more = aggregate;
        if (more == null) {
            byte[] first = firstChunk;
            if (first == null) {
                firstChunk = bytes;
                return;
            }
            firstChunk = null;
            aggregate = more = new ByteArrayOutputStream((int) Math.min(Math.max(
                    (long) first.length + bytes.length + buffered, 256), HIGH_WATER));
            more.write(first, 0, first.length);
        }
        more.write(bytes, 0, bytes.length);
    }

    CompletableFuture<byte[]> readAll() {
        if (whole != null) {
            return whole;
        }
        if (released) {
            return CompletableFuture.failedFuture(new ClientException("the response was released"));
        }
        if (failure != null) {
            return CompletableFuture.failedFuture(failure);
        }
        if (pendingRead != null) {
            return CompletableFuture.failedFuture(new IllegalStateException("the body is being streamed"));
        }
        whole = new CompletableFuture<>();
        aggregating = true;
        if (chunks != null) {
            for (byte[] c : chunks) {
                aggregate(c);
            }
        }
        dropChunks();
        buffered = 0;
        if (ended) {
            onEnd();
        } else {
            exchange.resumeReading();
        }
        return whole;
    }

    /** Drops the body; the connection goes back to the pool if the body had arrived, else it is closed. */
    void release() {
        if (released) {
            return;
        }
        released = true;
        dropChunks();
        buffered = 0;
        if (pendingRead != null) {
            pendingRead.completeExceptionally(new ClientException("the response was released"));
            pendingRead = null;
        }
        if (!ended && failure == null) {
            exchange.abort();
        }
        finish();
    }

    /**
     * The response was garbage-collected: unless someone still waits for its body ({@code bytes()} or a stream read
     * in progress, which keep only the stage), release it and run {@code report}. On the event loop.
     */
    void collected(Runnable report) {
        Runnable action = () -> {
            if (released || whole != null || pendingRead != null || discarding) {
                return;
            }
            release();
            report.run();
        };
        if (eventLoop.inEventLoop()) {
            action.run();
        } else if (!eventLoop.isShuttingDown()) {
            try {
                eventLoop.execute(action);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // the loop is going away, and its connections with it
            }
        }
    }

    void releaseFromAnyThread() {
        if (eventLoop.inEventLoop()) {
            release();
        } else if (!eventLoop.isShuttingDown()) {
            try {
                eventLoop.execute(this::release);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // the loop is going away, and its connections with it
            }
        }
    }

    /**
     * Reads and drops the rest of the body so the connection can be reused; completes when it ended, or when the
     * connection was closed instead (more than {@link #DRAIN_LIMIT} bytes, a failure).
     */
    CompletableFuture<Void> drain() {
        dropChunks();
        buffered = 0;
        finish();
        if (ended || failure != null || released) {
            return CompletableFuture.completedFuture(null);
        }
        discarding = true;
        drainDone = new CompletableFuture<>();
        exchange.resumeReading();
        return drainDone;
    }
}
