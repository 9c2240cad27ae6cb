package dev.weft.internal.web;

import dev.weft.web.HttpRequestEntityTooLarge;
import io.netty.buffer.ByteBuf;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * A request body as it arrives, kept up to a limit. The limit is enforced while reading: the byte that crosses it
 * fails the body with 413, keeps nothing more, and marks the connection for closing. Loop thread only.
 */
public final class RequestBody {
    private static final byte[] NONE = new byte[0];

    private final long limit;
    /** The {@code Content-Length} the request declared, or -1 when it declared none. */
    private final long declaredLength;
    private byte[] data;
    private int size;
    private boolean complete;
    private boolean tooLarge;
    private @Nullable CompletableFuture<byte[]> result;
    private @Nullable Runnable onFirstRead;

    private RequestBody(long limit, long declaredLength, int expected) {
        this.limit = limit;
        this.declaredLength = declaredLength;
        this.data = expected > 0 ? new byte[expected] : NONE;
    }

    /** A body still to arrive; {@code expected} (the declared length, or -1) sizes the first buffer. */
    public static RequestBody open(long limit, long expected) {
        int initial = expected > 0 && expected <= limit ? (int) Math.min(expected, Integer.MAX_VALUE - 8) : 0;
        return new RequestBody(limit, expected, initial);
    }

    /** A body that is complete and empty; {@code declaredLength} is the request's {@code Content-Length} or -1. */
    public static RequestBody empty(long declaredLength) {
        RequestBody b = new RequestBody(0, declaredLength, 0);
        b.complete = true;
        return b;
    }

    /** Appends a chunk (not released here); {@code last} completes the body. */
    public void offer(ByteBuf chunk, boolean last) {
        if (complete) {
            return;
        }
        int n = chunk.readableBytes();
        if (!tooLarge && n > 0) {
            if ((long) size + n > limit) {
                tooLarge = true;
                data = NONE;
                size = 0;
                fail();
            } else {
                ensure(size + n);
                chunk.getBytes(chunk.readerIndex(), data, size, n);
                size += n;
            }
        }
        if (last) {
            complete = true;
            if (!tooLarge && result != null && !result.isDone()) {
                result.complete(bytesNow());
            }
        }
    }

    /** Whether the last chunk has arrived. */
    public boolean complete() {
        return complete;
    }

    /** Whether the body crossed the limit. */
    public boolean tooLarge() {
        return tooLarge;
    }

    /** The whole body once it has arrived. */
    public CompletionStage<byte[]> bytes() {
        if (result == null) {
            Runnable first = onFirstRead;
            onFirstRead = null;
            if (first != null && !complete) {
                first.run();
            }
            result = new CompletableFuture<>();
            if (tooLarge) {
                fail();
            } else if (complete) {
                result.complete(bytesNow());
            }
        }
        return result;
    }

    /** The {@code Content-Length} the request declared, or -1 when it declared none. */
    public long declaredLength() {
        return declaredLength;
    }

    /** Runs {@code action} when the body is first asked for (to send {@code 100 Continue}), not before. */
    public void onFirstRead(Runnable action) {
        this.onFirstRead = action;
    }

    /** Whether the client still waits for {@code 100 Continue} before sending the body: nobody asked for it. */
    public boolean awaitingContinue() {
        return onFirstRead != null && !complete;
    }

    /** The connection closed before the body was complete: a reader waiting for it fails. */
    public void abort(Throwable cause) {
        if (!complete && result != null && !result.isDone()) {
            result.completeExceptionally(cause);
        }
        complete = true;
    }

    private void fail() {
        if (result != null && !result.isDone()) {
            result.completeExceptionally(new HttpRequestEntityTooLarge(
                    "413: the request body is larger than the " + limit + " bytes this server accepts"));
        }
    }

    private byte[] bytesNow() {
        if (size == data.length) {
            return data;
        }
        data = Arrays.copyOf(data, size);
        return data;
    }

    private void ensure(int capacity) {
        if (capacity > data.length) {
            int grown = (int) Math.min(Math.max(capacity, Math.max(256, data.length * 2L)), Integer.MAX_VALUE - 8);
            data = Arrays.copyOf(data, grown);
        }
    }
}
