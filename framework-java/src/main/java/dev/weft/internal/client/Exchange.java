package dev.weft.internal.client;

import dev.weft.client.ClientConnectionException;
import dev.weft.client.ClientException;
import dev.weft.client.ClientPayloadException;
import dev.weft.client.ClientTimeoutException;
import dev.weft.loop.Timer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.DecoderResultProvider;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.time.Duration;
import java.util.concurrent.Flow;
import org.jspecify.annotations.Nullable;

/**
 * One request and its response on one {@link Connection}: writes the request (whole or streamed), turns decoded
 * response parts into a head for the {@link Listener} and chunks for the {@link Body}, keeps the socket read only
 * while someone wants bytes, times reads out, and at the end gives the connection back to the pool (or closes it
 * when the response cannot be trusted, was cut short, or said {@code Connection: close}). Event-loop thread only.
 */
final class Exchange implements ChannelFutureListener {

    /** Who is told of the head and of a failure before it. */
    interface Listener {
        /** The head arrived; {@code body} will receive the rest. */
        void onHead(Exchange exchange, HttpResponse head, Body body);

        /**
         * The exchange failed before the head; {@code retryable} if no byte of a response had arrived on a reused
         * connection (the server closed it as the request went out).
         */
        void onFailure(Exchange exchange, Throwable error, boolean retryable);

        /** The deadline given to {@link #deadline(long)} passed while the exchange was in progress. */
        default void onDeadline(Exchange exchange) {
        }
    }

    private final Connection conn;
    private final ConnectionPool pool;
    private final Listener listener;
    private final long maxBodyBytes;
    private final @Nullable Duration sockRead;
    private @Nullable Body body;
    private @Nullable HttpResponse head;
    private boolean gotBytes;
    private boolean done;
    private boolean reading;
    private boolean interim;
    private long bodyBytes;
    private @Nullable Timer readTimer;
    /** When the listener's deadline passes, on the loop's clock; only if {@link #timed}. */
    private long deadline;
    private boolean timed;
    private Flow.@Nullable Subscription upload;
    /** The write that ends the request; the connection is reused only once it has succeeded. */
    private io.netty.channel.@Nullable ChannelFuture lastWrite;

    Exchange(Connection conn, ConnectionPool pool, Listener listener, long maxBodyBytes,
             @Nullable Duration sockRead, boolean decompress) {
        this.conn = conn;
        this.pool = pool;
        this.listener = listener;
        this.maxBodyBytes = maxBodyBytes;
        this.sockRead = sockRead;
        conn.attach(this);
        Inflater inflater = conn.channel.pipeline().get(Inflater.class);
        if (inflater != null) {
            inflater.enabled = decompress;
        }
    }

    Connection connection() {
        return conn;
    }

    /**
     * Has the listener told (through {@link Listener#onDeadline}) if the exchange is still in progress at
     * {@code dueNanos} of the loop's clock. No timer of its own: the connection's wake covers it (see
     * {@link Connection}), so a request pays for no timer while its exchange ends in time.
     */
    void deadline(long dueNanos) {
        deadline = dueNanos;
        timed = true;
        conn.wakeBy(dueNanos);
    }

    boolean hasDeadline() {
        return timed && !done;
    }

    long deadline() {
        return deadline;
    }

    /** The connection's wake found the deadline passed. */
    void deadlinePassed() {
        if (timed && !done) {
            timed = false;
            listener.onDeadline(this);
        }
    }

    long bodyBytes() {
        return bodyBytes;
    }

    /** The request's write ended: a failure ends the exchange. The exchange is the listener, so none is made. */
    @Override
    public void operationComplete(ChannelFuture f) {
        if (!f.isSuccess()) {
            onClosed(f.cause());
        }
    }

    /** Sends a request whose body (if any) is in {@code request} already. */
    void send(HttpRequest request) {
        Channel ch = conn.channel;
        // The promise is noted before the write: over an in-memory channel the whole response can arrive within it.
        io.netty.channel.ChannelPromise promise = ch.newPromise();
        lastWrite = promise;
        ch.writeAndFlush(request, promise).addListener(this);
        resumeReading();
    }

    /** Sends {@code head} and then the chunks of {@code publisher}, one at a time, as the socket can take them. */
    void send(HttpRequest requestHead, Flow.Publisher<byte[]> publisher) {
        Channel ch = conn.channel;
        ch.writeAndFlush(requestHead).addListener(f -> {
            if (!f.isSuccess()) {
                onClosed(f.cause());
            }
        });
        resumeReading();
        publisher.subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                onLoop(() -> {
                    if (done) {
                        s.cancel();
                        return;
                    }
                    upload = s;
                    s.request(1);
                });
            }

            @Override
            public void onNext(byte[] chunk) {
                onLoop(() -> {
                    if (done) {
                        return;
                    }
                    ByteBuf buf = Unpooled.wrappedBuffer(chunk);
                    ch.writeAndFlush(new DefaultHttpContent(buf)).addListener(f -> {
                        if (!f.isSuccess()) {
                            onClosed(f.cause());
                        } else if (ch.isWritable()) {
                            ch.eventLoop().execute(Exchange.this::onWritable); // not inline: no recursion
                        }
                    });
                });
            }

            @Override
            public void onError(Throwable t) {
                onLoop(() -> fail(new ClientException("the request body stream failed: " + t.getMessage(), t)));
            }

            @Override
            public void onComplete() {
                onLoop(() -> {
                    if (upload == null) {
                        return; // completed twice, or cancelled: the last chunk went out already
                    }
                    upload = null;
                    if (!done) {
                        io.netty.channel.ChannelPromise promise = ch.newPromise();
                        lastWrite = promise;
                        ch.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT, promise).addListener(f -> {
                            if (!f.isSuccess()) {
                                onClosed(f.cause());
                            }
                        });
                    }
                });
            }
        });
    }

    private void onLoop(Runnable r) {
        if (conn.channel.eventLoop().inEventLoop()) {
            r.run();
        } else {
            conn.channel.eventLoop().execute(r);
        }
    }

    void onWritable() {
        Flow.Subscription s = upload;
        if (s != null && !done) {
            s.request(1);
        }
    }

    /** Asks the socket for more, unless a read is pending, the exchange is over, or the body buffer is full. */
    void resumeReading() {
        if (done || reading || body != null && !body.wantsMore()) {
            return;
        }
        reading = true;
        if (sockRead != null && readTimer == null) {
            readTimer = pool.deadline(sockRead, () -> {
                readTimer = null;
                fail(new ClientTimeoutException(ClientTimeoutException.Kind.SOCK_READ, sockRead,
                        "waiting for the response from " + conn.origin));
            });
        }
        conn.channel.read();
    }

    void onMessage(Object msg) {
        try {
            if (done) {
                return;
            }
            gotBytes = true;
            cancelReadTimer();
            if (msg instanceof DecoderResultProvider p && p.decoderResult().isFailure()) {
                Throwable cause = p.decoderResult().cause();
                fail(new ClientPayloadException("malformed response from " + conn.origin + ": " + cause.getMessage(),
                        cause));
                return;
            }
            if (msg instanceof HttpResponse r) {
                int status = r.status().code();
                if (status >= 100 && status < 200 && status != 101) {
                    interim = true; // 100 Continue and 103 Early Hints: wait for the final response
                } else {
                    head = r;
                    body = new Body(conn.channel.eventLoop(), this);
                    listener.onHead(this, r, body);
                }
            }
            if (msg instanceof HttpContent c) {
                if (interim) {
                    interim = !(c instanceof LastHttpContent);
                    return;
                }
                Body b = body;
                if (b == null || done) {
                    return;
                }
                int n = c.content().readableBytes();
                if (n > 0) {
                    bodyBytes += n;
                    if (bodyBytes > maxBodyBytes) {
                        fail(new ClientPayloadException("the response body from " + conn.origin
                                + " is over maxBodyBytes (" + maxBodyBytes + " bytes, after decompression)", null));
                        return;
                    }
                    byte[] bytes = new byte[n];
                    c.content().getBytes(c.content().readerIndex(), bytes);
                    b.onData(bytes);
                }
                if (c instanceof LastHttpContent && !done) {
                    finish();
                }
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    void onReadComplete() {
        reading = false;
        if (!done && (body == null || body.wantsMore())) {
            resumeReading();
        }
    }

    private void finish() {
        done = true;
        cancelReadTimer();
        conn.detach(this);
        HttpResponse h = head;
        boolean keepAlive = upload == null && h != null && HttpUtil.isKeepAlive(h);
        io.netty.channel.ChannelFuture w = lastWrite;
        if (keepAlive && w != null && !w.isDone()) {
            // The response is complete before the write reports back (an in-memory channel answers within the
            // flush; a server may answer early): decide when the write does.
            w.addListener(f -> pool.release(conn, f.isSuccess()));
        } else {
            pool.release(conn, keepAlive && w != null && w.isSuccess());
        }
        Body b = body;
        if (b != null) {
            b.onEnd();
        }
    }

    /**
     * The server switched protocols (101) and the caller takes the connection over: the exchange ends without giving
     * it back to the pool or reading further. The connection still counts against the pool's limits until it closes.
     */
    void upgraded() {
        done = true;
        cancelReadTimer();
        conn.detach(this);
    }

    /** The connection closed or broke under this exchange. */
    void onClosed(@Nullable Throwable cause) {
        if (done) {
            return;
        }
        String what = head == null ? "before the response" : "before the end of the response body";
        Throwable error = new ClientConnectionException("the server " + conn.origin + " closed the connection " + what
                + (cause == null ? "" : ": " + cause.getMessage()), cause);
        fail(error);
    }

    /** Ends the exchange with {@code error}: the connection is closed and whoever waits is told. */
    void fail(Throwable error) {
        if (done) {
            return;
        }
        done = true;
        cancelReadTimer();
        conn.detach(this);
        Flow.Subscription s = upload;
        upload = null;
        if (s != null) {
            s.cancel();
        }
        pool.close(conn);
        Body b = body;
        if (b != null) {
            b.onFailure(error);
        } else {
            boolean retryable = !gotBytes && conn.reused() && error instanceof ClientConnectionException;
            listener.onFailure(this, error, retryable);
        }
    }

    /** The user released the response before its end: close the connection quietly. */
    void abort() {
        fail(new ClientException("the response was released before its body was read"));
    }

    private void cancelReadTimer() {
        Timer t = readTimer;
        readTimer = null;
        if (t != null) {
            t.cancel();
        }
    }

    boolean isDone() {
        return done;
    }
}
