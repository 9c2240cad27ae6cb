package dev.weft.internal.server;

import dev.weft.internal.web.ConnectionInfo;
import dev.weft.internal.web.ProtocolSwitch;
import dev.weft.loop.Timer;
import dev.weft.web.HttpBadRequest;
import dev.weft.web.Response;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One HTTP/1.x connection: turns decoded messages into requests, runs them one at a time in arrival order
 * (pipelined requests wait their turn), writes each response, and owns keep-alive and the idle timeout.
 *
 * <p>Responses written while a read batch is being processed are flushed once at the end of the batch, so pipelined
 * requests share one syscall. A request whose framing cannot be trusted is answered with its error status and the
 * connection is closed. Loop thread only.
 *
 * <p>What happens inside one request (routing, the handler, encoding) is the {@link Exchange}'s; this class is the
 * connection around it.
 *
 * <p>Section map: connection events; inbound messages; the exchange's stream; refusing; finishing and idling.
 */
public final class Http1Connection extends ChannelInboundHandlerAdapter implements Exchange.Stream {
    private static final Logger LOG = LoggerFactory.getLogger(Http1Connection.class);
    /** Pipelined messages held while a request is in progress before reading pauses. */
    static final int MAX_QUEUED_MESSAGES = 64;
    /** How long a refused client may go on sending before the connection is closed under it. */
    static final long LINGER_MILLIS = 2_000;
    /**
     * The first size of the buffer the responses of one read batch are encoded into: sixteen pipelined responses of
     * a typical head fit without growing it.
     */
    static final int BATCH_BUFFER_BYTES = 4096;

    private final HttpServer server;
    private @Nullable ChannelHandlerContext ctx;
    /** The response encoder's context: Weft's own encoded responses are written from there, past the encoder. */
    private @Nullable ChannelHandlerContext encoderCtx;
    private @Nullable ConnectionInfo info;
    private @Nullable Exchange current;
    private @Nullable ArrayDeque<Object> queued;
    private boolean inRead;
    private boolean needsFlush;
    /**
     * The responses of this read batch, encoded one after the other and not yet written: written as one buffer
     * when the batch ends, or before anything else is written on this connection, so order is kept.
     */
    private @Nullable ByteBuf batch;
    private boolean closing;
    private boolean broken;
    /** Our answer is out and our side shut down; the client's remaining bytes are read and dropped. */
    private boolean lingering;
    /**
     * The current exchange counts as in flight ({@code HttpServer.inFlight}): from its start until it is answered and
     * done, answered on a connection that closes (the rest of its body is only read to be dropped), or gone.
     */
    private boolean counted;
    /** When the connection last became idle on the loop's clock, or 0 while a request is in progress. */
    private long idleSince;
    private @Nullable Timer idleTimer;
    private final Runnable idleCheck = this::idleCheck;
    /** The connection switched protocols (a WebSocket): it is no longer HTTP. */
    private ProtocolSwitch.@Nullable Upgraded upgraded;

    public Http1Connection(HttpServer server) {
        this.server = server;
    }

    // ---- connection events

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.encoderCtx = ctx.pipeline().context(io.netty.handler.codec.http.HttpResponseEncoder.class);
        this.info = new ConnectionInfo(ctx.channel().remoteAddress(), ctx.channel().localAddress(), "http",
                server.loop());
        server.register(this);
        becomeIdle();
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (idleTimer != null) {
            idleTimer.cancel();
        }
        Exchange ex = current;
        current = null;
        if (ex != null) {
            ex.abandon(new ClosedChannelException(), server.config().cancelOnDisconnect());
            endCount();
        }
        if (queued != null) {
            queued.forEach(ReferenceCountUtil::release);
            queued.clear();
        }
        if (batch != null) {
            batch.release();
            batch = null;
        }
        if (upgraded != null) {
            server.unregisterUpgraded(upgraded);
        }
        server.unregister(this);
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!(cause instanceof IOException)) {
            LOG.debug("connection error, closing {}", ctx.channel(), cause);
        }
        ctx.close();
    }

    /** Graceful stop: close now if idle, else after the current response. */
    void shutdown() {
        if (upgraded != null) {
            return; // not HTTP any more: the server closes it the protocol's way (WebSocket 1001), step 3
        }
        closing = true;
        if (current == null && ctx != null) {
            ctx.close();
        }
    }

    /** The event loop of this connection. */
    java.util.concurrent.Executor executor() {
        ChannelHandlerContext c = ctx;
        return c != null ? c.executor() : Runnable::run;
    }

    /** Whether a request is in progress. */
    boolean busy() {
        return current != null;
    }

    void forceClose() {
        Exchange ex = current;
        if (ex != null) {
            ex.cancel();
        }
        if (ctx != null) {
            ctx.close();
        }
    }

    // ---- inbound messages

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        inRead = true;
        if (broken || upgraded != null) {
            if (lingering && msg instanceof LastHttpContent) {
                // The refused body has been read to its end: nothing is left unread, so closing now sends a
                // clean FIN after our answer instead of a reset that could destroy it.
                ctx.close();
            }
            ReferenceCountUtil.release(msg);
            return;
        }
        if (closing && current == null) {
            // Our last response is out (Connection: close, a stop): nothing after it is a request to answer, though
            // a pipelining client may have sent more (RFC 9112 §9.6).
            ReferenceCountUtil.release(msg);
            return;
        }
        if (queued != null && !queued.isEmpty()) {
            enqueue(msg); // keep arrival order behind what is already waiting
            return;
        }
        Exchange ex = current;
        if (ex != null && ex.bodyDone) {
            enqueue(msg); // the next pipelined request: it waits until this response is written
            return;
        }
        handle(msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        inRead = false;
        if (needsFlush) {
            needsFlush = false;
            writeBatch();
            ctx.flush();
        }
        ctx.fireChannelReadComplete();
    }

    private void enqueue(Object msg) {
        if (queued == null) {
            queued = new ArrayDeque<>();
        }
        queued.add(msg);
        if (queued.size() >= MAX_QUEUED_MESSAGES) {
            ctx.channel().config().setAutoRead(false);
        }
    }

    private void handle(Object msg) {
        // A decoded head (not reference-counted) and the empty last content of a body-less request are nearly every
        // message: told apart by class and identity, not by interface checks (see RequestDecoder.decode).
        if (msg instanceof DecodedHead head) {
            startExchange(head);
            return;
        }
        if (msg == LastHttpContent.EMPTY_LAST_CONTENT) {
            bodyChunk(LastHttpContent.EMPTY_LAST_CONTENT);
            return;
        }
        try {
            if (msg instanceof HttpRequest req) {
                startExchange(req);
            }
            if (msg instanceof HttpContent content) {
                bodyChunk(content);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void bodyChunk(HttpContent content) {
        Exchange ex = current;
        if (ex == null || ex.bodyDone) {
            return; // the rest of a request already answered and closed, or a request refused
        }
        boolean last = content instanceof LastHttpContent;
        DecoderResult result = content.decoderResult();
        if (result.isFailure()) {
            // Answer first: a handler waiting for the body then finds its exchange over, instead of racing us
            // with a 500 for the decoder's exception.
            failFraming(result.cause(), true);
            // The client's fault, answered already: a handler reading the body sees a 400 (stackless, never logged
            // as an error), not the decoder's exception with its stack trace, which any client could make us log.
            ex.body.abort(new HttpBadRequest("400: malformed request body: " + result.cause().getMessage()));
            return;
        }
        ex.body.offer(content.content(), last);
        if (ex.body.tooLarge()) {
            closing = true;
            if (ex.complete()) {
                // The 413 may still be in this batch's unflushed writes: send it, then close gently.
                writeBatch();
                lingerThenClose(ctx.writeAndFlush(Unpooled.EMPTY_BUFFER));
                return;
            }
        }
        if (last) {
            ex.bodyDone = true;
            if (ex.complete()) {
                finishExchange();
            }
        }
    }

    private void startExchange(HttpRequest req) {
        idleSince = 0;
        DecoderResult result = req.decoderResult();
        if (result.isFailure()) {
            failFraming(result.cause(), false);
            return;
        }
        Exchange ex = Exchange.open(req, server, info, this);
        if (ex == null) {
            return; // refused
        }
        current = ex;
        counted = true;
        server.exchangeStarted();
        ex.run();
    }

    // ---- the exchange's stream

    @Override
    public ChannelHandlerContext context() {
        return ctx;
    }

    @Override
    public @Nullable ByteBuf responseBuffer(Exchange ex) {
        if (!inRead || current != ex || closing) {
            return null; // a response of its own: written now, or one after which the connection closes
        }
        ByteBuf b = batch;
        if (b == null) {
            b = ctx.alloc().buffer(BATCH_BUFFER_BYTES);
            batch = b;
        }
        return b;
    }

    @Override
    public void sendContinue() {
        writeBatch();
        ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE));
    }

    @Override
    public boolean closing() {
        return closing;
    }

    @Override
    public void send(Exchange ex, ResponseWriter.Encoded out, boolean close) {
        if (current != ex) {
            out.release();
            return;
        }
        if (close) {
            closing = true;
            if (ex.bodyDone) {
                write(out).addListener(ChannelFutureListener.CLOSE);
            } else {
                lingerThenClose(write(out)); // the client may still be sending the body
                endCount(); // answered: what is left of the body is read only to be dropped
            }
        } else {
            write(out);
        }
        if (ex.bodyDone) {
            finishExchange();
        }
    }

    @Override
    public void writePart(Exchange ex, Object part) {
        if (current != ex) {
            ReferenceCountUtil.release(part);
            return;
        }
        writeBatch();
        // A failed write reaches exceptionCaught, which closes; the exchange learns of it from channelInactive.
        encoderCtx.write(part, encoderCtx.voidPromise());
        flushSoon();
    }

    @Override
    public void endStream(Exchange ex, @Nullable ByteBuf last, boolean close) {
        if (current != ex) {
            if (last != null) {
                last.release();
            }
            return;
        }
        writeBatch();
        io.netty.channel.ChannelFuture done = encoderCtx.write(last != null ? last : Unpooled.EMPTY_BUFFER);
        flushSoon();
        if (close) {
            closing = true;
            if (ex.bodyDone) {
                done.addListener(ChannelFutureListener.CLOSE);
            } else {
                lingerThenClose(done); // the client may still be sending the body
                endCount();
            }
        }
        if (ex.bodyDone) {
            finishExchange();
        }
    }

    /** Flushes at the end of this read batch, or now outside one. */
    private void flushSoon() {
        if (inRead) {
            needsFlush = true;
        } else {
            ctx.flush();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        Exchange ex = current;
        if (ex != null && ctx.channel().isWritable()) {
            ex.writable();
        }
        ctx.fireChannelWritabilityChanged();
    }

    /**
     * Writes a response Weft encoded itself, from the encoder's context so that it goes past Netty's encoder (which
     * takes only its own message types) in order with everything else written on this thread.
     */
    private io.netty.channel.ChannelFuture write(ResponseWriter.Encoded out) {
        ChannelHandlerContext to = encoderCtx;
        io.netty.channel.ChannelFuture done;
        if (out.shared()) {
            // The head is in the batch already. Only a response followed by a body of its own, or by a close,
            // needs the batch written now; the others leave it for the end of the read.
            if (out.body() == null && !closing) {
                needsFlush = true;
                return ctx.voidPromise();
            }
            done = writeBatch();
            if (out.body() != null) {
                done = to.write(out.body());
            }
        } else if (out.body() == null) {
            writeBatch();
            done = to.write(out.head());
        } else {
            writeBatch();
            to.write(out.head(), to.voidPromise());
            done = to.write(out.body());
        }
        if (inRead) {
            needsFlush = true;
        } else {
            ctx.flush();
        }
        return done;
    }

    /**
     * Writes the batch's responses, if any, ahead of whatever is written next; returns the write's future (a void
     * one when there was nothing to write).
     */
    private io.netty.channel.ChannelFuture writeBatch() {
        ByteBuf b = batch;
        if (b == null) {
            return ctx.voidPromise();
        }
        batch = null;
        if (!b.isReadable()) {
            b.release();
            return ctx.voidPromise();
        }
        return encoderCtx.write(b);
    }

    @Override
    public void switchProtocols(Exchange ex, FullHttpResponse response, ProtocolSwitch.Upgraded upgraded,
                                String[] names, ChannelHandler[] handlers) {
        if (current != ex || !ctx.channel().isActive()) {
            response.release();
            throw new IllegalStateException("cannot switch protocols: the connection is gone");
        }
        writeBatch();
        this.upgraded = upgraded;
        current = null;
        endCount();
        idleSince = 0;
        if (idleTimer != null) {
            idleTimer.cancel();
            idleTimer = null;
        }
        if (queued != null) {
            queued.forEach(ReferenceCountUtil::release); // RequestDecoder holds bytes after an upgrade request
            queued = null;
        }
        ctx.writeAndFlush(response);
        ChannelPipeline p = ctx.pipeline();
        for (int i = 0; i < handlers.length; i++) {
            p.addBefore(ctx.name(), names[i], handlers[i]);
        }
        p.remove("encoder"); // the 101 is encoded already: the write above ran through it on this thread
        // Removing the decoder hands the bytes it holds (frames the client sent right after the request head) to the
        // first new handler; it decoded nothing past the upgrade request (RequestDecoder holds the rest).
        p.remove("decoder");
        // A removed context keeps its links to its neighbours: holding the encoder's would keep the decoder, its
        // parser buffers and read deadlines alive for the socket's life (about 700 bytes per idle WebSocket). Nothing
        // HTTP is written or decoded from here on, so let both go, and the connection's address record too.
        encoderCtx = null;
        info = null;
        server.registerUpgraded(upgraded);
        ctx.channel().config().setAutoRead(true);
    }

    // ---- refusing

    /** A request refused before any handler: answer with {@code status} and close (its framing is suspect). */
    @Override
    public void refuse(int status, String why) {
        broken = true;
        closing = true;
        // The reason is ours (a fixed phrase, never the client's bytes or a stack trace): say it, as aiohttp does.
        String text = status + ": " + dev.weft.http.HttpStatus.reason(status) + "\n\n" + why;
        LOG.debug("refused request with {}: {}", status, why);
        Response r = Response.text(text).status(status);
        try {
            ResponseWriter.Encoded out = server.writer().encode(ctx.alloc(), r, dev.weft.json.JsonCodec.jackson(),
                    ResponseWriter.CLOSE);
            lingerThenClose(write(out));
        } catch (IOException e) {
            ctx.close();
        }
        if (current != null) {
            current = null;
            endCount();
        }
    }

    /**
     * Closes after {@code written}, but gently: a client still sending a body it was refused (413 mid-upload) would
     * get a connection reset, not our answer, if we closed with unread bytes. So: shut down our output, keep
     * reading and discarding for at most {@link #LINGER_MILLIS}, then close.
     */
    private void lingerThenClose(io.netty.channel.ChannelFuture written) {
        written.addListener(f -> {
            if (!f.isSuccess() || !(ctx.channel() instanceof io.netty.channel.socket.DuplexChannel duplex)) {
                ctx.close();
                return;
            }
            broken = true;
            lingering = true;
            ctx.channel().config().setAutoRead(true);
            duplex.shutdownOutput();
            server.loop().deadline(ctx.executor(), TimeUnit.MILLISECONDS.toNanos(LINGER_MILLIS), ctx::close);
        });
    }

    /**
     * A message the decoder failed: answer with the status its cause calls for and close. {@code inBody}: the
     * failure is in a body (a chunk line or the trailer section), where an over-long line is a bad chunk (400), not
     * a long URI (414).
     */
    private void failFraming(Throwable cause, boolean inBody) {
        int status;
        if (cause instanceof BadRequestException b) {
            status = b.status();
        } else if (cause instanceof TooLongHttpLineException) {
            status = inBody ? 400 : 414;
        } else if (cause instanceof TooLongHttpHeaderException) {
            status = 431; // the header section, or the trailer section counted with it
        } else if (cause instanceof TooLongFrameException) {
            status = 431;
        } else {
            status = 400;
        }
        if (current != null && current.responded()) {
            broken = true;
            // The response may still be in the batch's unflushed writes: send it, then close.
            writeBatch();
            ctx.writeAndFlush(io.netty.buffer.Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        refuse(status, String.valueOf(cause.getMessage()));
    }

    // ---- finishing and idling

    /** Ends the current exchange's count in flight, once. */
    private void endCount() {
        if (counted) {
            counted = false;
            server.exchangeEnded();
        }
    }

    private void finishExchange() {
        current = null;
        endCount();
        if (closing) {
            return; // the close listener of the last write ends the connection
        }
        ArrayDeque<Object> q = queued;
        if (q != null && !q.isEmpty()) {
            if (!ctx.channel().config().isAutoRead()) {
                ctx.channel().config().setAutoRead(true);
            }
            boolean wasInRead = inRead;
            inRead = true; // batch the queued responses into one flush
            try {
                while (!q.isEmpty() && (current == null || !current.bodyDone) && !broken && !closing) {
                    handle(q.poll());
                }
            } finally {
                inRead = wasInRead;
                if (!wasInRead && needsFlush) {
                    needsFlush = false;
                    writeBatch();
                    ctx.flush();
                }
            }
        }
        if (current == null) {
            becomeIdle();
        }
    }

    private void becomeIdle() {
        idleSince = ReadTimeouts.nonZero(server.clock().nanoTime()); // 0 means "not idle"
        if (idleTimer == null) {
            scheduleIdleCheck(server.config().limits().keepAliveTimeout().toNanos());
        }
    }

    private void scheduleIdleCheck(long delayNanos) {
        idleTimer = server.loop().deadline(ctx.executor(), delayNanos, idleCheck);
    }

    private void idleCheck() {
        idleTimer = null;
        if (!ctx.channel().isActive()) {
            return;
        }
        long timeout = server.config().limits().keepAliveTimeout().toNanos();
        if (current == null && idleSince != 0) {
            long idleFor = server.clock().nanoTime() - idleSince;
            if (idleFor >= timeout) {
                ctx.close();
                return;
            }
            scheduleIdleCheck(timeout - idleFor);
        } else {
            scheduleIdleCheck(timeout);
        }
    }
}
