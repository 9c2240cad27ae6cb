package dev.weft.web;

import dev.weft.internal.loop.NettyLoop;
import dev.weft.loop.Timer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * A Server-Sent Events stream ({@code text/event-stream}), as aiohttp-sse's {@code EventSourceResponse}, on top of a
 * {@link StreamResponse}: {@link #prepare}, then {@link #send} events as they happen; the handler returns this object
 * as its {@link Reply} once the stream is over (or when {@link #disconnected()} says the browser left).
 * <pre>{@code
 * routes.get("/quotes", req -> {
 *     var sse = new EventSourceResponse();
 *     sse.prepare(req);
 *     Subscription s = quotes.subscribe(q -> sse.send(SseEvent.of(q.json()).event("quote").id(q.seq())));
 *     return Reply.async(sse.disconnected().thenApply(v -> { s.cancel(); return sse; }));
 * });
 * }</pre>
 *
 * <p>While nothing else is sent, a comment line goes out every {@code keepAliveInterval} (default
 * {@value #DEFAULT_KEEP_ALIVE_SECONDS} s), so proxies do not close an idle stream and a browser that left is noticed.
 * The head says {@code Cache-Control: no-cache} and {@code X-Accel-Buffering: no} (nginx would otherwise hold events
 * back). Sends have {@link StreamResponse}'s backpressure and threading: any thread, in call order per thread.
 */
public final class EventSourceResponse implements Reply {
    /** The default interval of the keep-alive comment, in seconds. */
    public static final long DEFAULT_KEEP_ALIVE_SECONDS = 15;

    private final StreamResponse stream = new StreamResponse().contentType("text/event-stream")
            .header("Cache-Control", "no-cache").header("X-Accel-Buffering", "no");
    private final Duration keepAliveInterval;
    private @Nullable String lastEventId;
    private volatile boolean sentSinceTick;
    private volatile boolean closed;
    private @Nullable Timer keepAlive;
    private @Nullable NettyLoop loop;

    /** A stream with the default keep-alive interval. */
    public EventSourceResponse() {
        this(Duration.ofSeconds(DEFAULT_KEEP_ALIVE_SECONDS));
    }

    /**
     * A stream that sends a keep-alive comment after {@code keepAliveInterval} without events; {@link Duration#ZERO}
     * for none.
     *
     * @throws IllegalArgumentException if {@code keepAliveInterval} is negative
     */
    public EventSourceResponse(Duration keepAliveInterval) {
        if (keepAliveInterval.isNegative()) {
            throw new IllegalArgumentException("keepAliveInterval must not be negative, got " + keepAliveInterval);
        }
        this.keepAliveInterval = keepAliveInterval;
    }

    /** Sets a header of the stream's head (before {@link #prepare}). */
    public EventSourceResponse header(String name, Object value) {
        stream.header(name, value);
        return this;
    }

    /**
     * Sends the head and starts the keep-alive; reads {@code Last-Event-ID}. Completes at once; fails as
     * {@link StreamResponse#prepare} does. On the request's loop thread.
     */
    public CompletionStage<Void> prepare(Request request) {
        lastEventId = request.header("Last-Event-ID");
        CompletionStage<Void> prepared = stream.prepare(request);
        if (stream.prepared() && !keepAliveInterval.isZero()) {
            loop = NettyLoop.of(request.loop(), "EventSourceResponse");
            scheduleKeepAlive();
            stream.disconnected().thenRun(this::stopKeepAlive);
        }
        return prepared;
    }

    /** The {@code Last-Event-ID} the browser sent when it reconnected, or null (known after {@link #prepare}). */
    public @Nullable String lastEventId() {
        return lastEventId;
    }

    /** Sends an event of {@code data} alone. */
    public CompletionStage<Void> send(String data) {
        return send(SseEvent.of(data));
    }

    /** Sends {@code event}. Fails once the stream is closed or the browser has gone. */
    public CompletionStage<Void> send(SseEvent event) {
        sentSinceTick = true;
        return stream.write(event.encode());
    }

    /** Sends a comment line (ignored by browsers), e.g. to keep the stream alive; CR and LF become spaces. */
    public CompletionStage<Void> comment(String text) {
        sentSinceTick = true;
        return stream.write(": " + text.replace('\r', ' ').replace('\n', ' ') + "\n\n");
    }

    /** Completes when the browser goes away before the stream is closed. */
    public CompletionStage<Void> disconnected() {
        return stream.disconnected();
    }

    /** Ends the stream (the browser will reconnect unless told otherwise); idempotent. */
    public CompletionStage<Void> close() {
        closed = true;
        stopKeepAlive();
        return stream.prepared() ? stream.writeEof() : CompletableFuture.completedFuture(null);
    }

    private void scheduleKeepAlive() {
        NettyLoop l = loop;
        if (l != null && !closed) {
            keepAlive = l.deadline(keepAliveInterval, this::tick);
        }
    }

    private void tick() {
        keepAlive = null;
        if (closed) {
            return;
        }
        if (!sentSinceTick) {
            stream.write(": ping\n\n").whenComplete((v, e) -> {
                if (e != null) {
                    stopKeepAlive();
                }
            });
        }
        sentSinceTick = false;
        scheduleKeepAlive();
    }

    private void stopKeepAlive() {
        closed = true;
        Timer t = keepAlive;
        if (t != null) {
            keepAlive = null;
            t.cancel();
        }
    }

    // ---- Reply: the stream is the reply; the server ends it when the handler's reply completes

    @Override
    public Reply then(ResponseFunction fn) {
        stopKeepAlive();
        return stream;
    }

    @Override
    public Reply recover(ErrorFunction fn) {
        stopKeepAlive();
        return stream;
    }

    @Override
    public CompletionStage<Response> toStage() {
        return stream.toStage();
    }

    @Override
    public String toString() {
        return "EventSourceResponse[" + stream + "]";
    }
}
