package dev.weft.internal.server;

import dev.weft.internal.http.NettyHeaders;
import dev.weft.internal.web.ConnectionInfo;
import dev.weft.internal.web.DefaultRequest;
import dev.weft.internal.web.RequestBody;
import dev.weft.internal.web.RouteMatch;
import dev.weft.internal.web.WebAccess;
import dev.weft.web.Application;
import dev.weft.web.Handler;
import dev.weft.web.HttpException;
import dev.weft.web.Reply;
import dev.weft.web.Response;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayDeque;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
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
 * <p>Section map: connection events; inbound messages; starting an exchange; replies; writing; finishing.
 */
final class Http1Connection extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(Http1Connection.class);
    /** Pipelined messages held while a request is in progress before reading pauses. */
    static final int MAX_QUEUED_MESSAGES = 64;
    /** How long a refused client may go on sending before the connection is closed under it. */
    static final long LINGER_MILLIS = 2_000;

    private final HttpServer server;
    private @Nullable ChannelHandlerContext ctx;
    private @Nullable ConnectionInfo info;
    private @Nullable Exchange current;
    private @Nullable ArrayDeque<Object> queued;
    private boolean inRead;
    private boolean needsFlush;
    private boolean closing;
    private boolean broken;
    private long idleSince;
    private @Nullable ScheduledFuture<?> idleTimer;

    Http1Connection(HttpServer server) {
        this.server = server;
    }

    // ---- connection events

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.info = new ConnectionInfo(ctx.channel().remoteAddress(), ctx.channel().localAddress(), "http",
                server.loop());
        server.register(this);
        becomeIdle();
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (idleTimer != null) {
            idleTimer.cancel(false);
        }
        Exchange ex = current;
        current = null;
        if (ex != null) {
            ex.body.abort(new ClosedChannelException());
            if (ex.pending != null && server.config().cancelOnDisconnect()) {
                WebAccess.get().cancel(ex.pendingReply);
            }
            server.exchangeEnded();
        }
        if (queued != null) {
            queued.forEach(ReferenceCountUtil::release);
            queued.clear();
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
        if (ex != null && ex.pending != null) {
            WebAccess.get().cancel(ex.pendingReply);
        }
        if (ctx != null) {
            ctx.close();
        }
    }

    // ---- inbound messages

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        inRead = true;
        if (broken) {
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
            ex.body.abort(result.cause());
            return;
        }
        ex.body.offer(content.content(), last);
        if (ex.body.tooLarge()) {
            closing = true;
            if (ex.responded) {
                ctx.close();
                return;
            }
        }
        if (last) {
            ex.bodyDone = true;
            if (ex.responded) {
                finishExchange();
            }
        }
    }

    // ---- starting an exchange

    private void startExchange(HttpRequest req) {
        idleSince = 0;
        DecoderResult result = req.decoderResult();
        if (result.isFailure()) {
            failFraming(result.cause(), false);
            return;
        }
        BadRequestException bad = RequestChecks.check(req);
        if (bad != null) {
            refuse(bad.status(), bad.getMessage(), req);
            return;
        }
        String uri = req.uri();
        int q = uri.indexOf('?');
        String rawPath = q < 0 ? uri : uri.substring(0, q);
        String query = q < 0 ? "" : uri.substring(q + 1);
        if (!rawPath.startsWith("/")) {
            rawPath = RequestChecks.originForm(rawPath);
            if (rawPath == null) {
                refuse(400, "the request target is not a path", req);
                return;
            }
        }
        String path;
        try {
            path = dev.weft.http.UrlCodec.decodePath(rawPath);
        } catch (IllegalArgumentException e) {
            refuse(400, "malformed percent-encoding in the path", req);
            return;
        }
        String method = req.method().name();
        RouteMatch match = server.dispatcher().lookup(method, req.headers().get(HttpHeaderNames.HOST), path);
        Application owner = match instanceof RouteMatch.Found f ? f.route().owner() : server.dispatcher().root();
        if (!(match instanceof RouteMatch.Found) && !server.knownMethod(method)) {
            // RFC 9110 §9.1: a method no route uses is not implemented, even on a path that exists (not 405);
            // a route for any method ("*") still receives it.
            refuse(501, "method " + method + " is not implemented", req);
            return;
        }
        long contentLength = RequestChecks.contentLength(req);
        boolean chunked = contentLength < 0 && io.netty.handler.codec.http.HttpUtil.isTransferEncodingChunked(req);
        long limit = owner.clientMaxSize();
        if (contentLength > limit) {
            refuse(413, "the request body (" + contentLength + " bytes) is larger than the " + limit
                    + " bytes this server accepts", req);
            return;
        }
        String expect = req.headers().get(HttpHeaderNames.EXPECT);
        if (expect != null) {
            if (!HttpHeaderValues.CONTINUE.contentEqualsIgnoreCase(expect.trim())) {
                refuse(417, "unsupported expectation", req);
                return;
            }
            if (req.protocolVersion() == HttpVersion.HTTP_1_1 && (contentLength > 0 || chunked)) {
                ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE));
            }
        }
        boolean hasBody = contentLength > 0 || chunked;
        RequestBody body = hasBody ? RequestBody.open(limit, contentLength) : RequestBody.empty();
        boolean keepAlive = io.netty.handler.codec.http.HttpUtil.isKeepAlive(req);
        DefaultRequest request = new DefaultRequest(info, method, uri, rawPath, path, query,
                NettyHeaders.readOnly(req.headers()), req.protocolVersion().text(), keepAlive, body, contentLength,
                owner);
        request.route(match);
        Exchange ex = new Exchange(request, body, req);
        current = ex;
        server.exchangeStarted();
        Handler h = match instanceof RouteMatch.Found f ? f.route().chain() : server.dispatcher().unmatched();
        Reply reply;
        try {
            reply = h.handle(request);
        } catch (Throwable t) {
            reply = Reply.failed(t);
        }
        resolve(ex, reply);
    }

    // ---- replies

    private void resolve(Exchange ex, Reply reply) {
        if (reply instanceof Response r) {
            respond(ex, r);
        } else if (reply instanceof HttpException e) {
            respond(ex, e.toResponse());
        } else {
            CompletionStage<Response> stage = reply.toStage();
            ex.pending = stage;
            ex.pendingReply = reply;
            stage.whenComplete((r, e) -> {
                if (ctx.executor().inEventLoop()) {
                    settle(ex, r, e);
                } else {
                    ctx.executor().execute(() -> settle(ex, r, e));
                }
            });
        }
    }

    private void settle(Exchange ex, @Nullable Response r, @Nullable Throwable e) {
        ex.pending = null;
        if (current != ex) {
            return; // the connection closed meanwhile
        }
        if (e == null && r != null) {
            respond(ex, r);
            return;
        }
        Throwable t = e;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof HttpException h) {
            respond(ex, h.toResponse());
        } else if (t instanceof CancellationException) {
            respond(ex, Response.text("503: Service Unavailable").status(503));
        } else {
            if (t == null) {
                t = new NullPointerException("the handler's stage completed with null");
            }
            LOG.error("Error handling request {} {}", ex.request.method(), ex.request.rawTarget(), t);
            respond(ex, Response.text("500: Internal Server Error").status(500));
        }
    }

    // ---- writing

    private void respond(Exchange ex, Response response) {
        if (ex.responded) {
            return;
        }
        ex.responded = true;
        boolean close = closing || !ex.request.keepAlive() || ex.body.tooLarge() || server.stopping();
        FullHttpResponse out;
        try {
            out = ResponseWriter.encode(ctx.alloc(), WebAccess.get().parts(response),
                    "HEAD".equals(ex.request.method()), close,
                    ex.nettyRequest.protocolVersion() == HttpVersion.HTTP_1_0, server.serverHeader(),
                    ex.request.app().jsonCodec());
        } catch (Exception e) {
            LOG.error("Error encoding the response to {} {}", ex.request.method(), ex.request.rawTarget(), e);
            try {
                out = ResponseWriter.encode(ctx.alloc(), WebAccess.get().parts(
                        Response.text("500: Internal Server Error").status(500)), false, close,
                        false, server.serverHeader(), ex.request.app().jsonCodec());
            } catch (Exception again) {
                ctx.close();
                return;
            }
        }
        if (server.accessLog().active()) {
            server.accessLog().log(new AccessLogger.Entry(String.valueOf(ex.request.remote()), ex.startMillis,
                    ex.startNanos, ex.request.method() + " " + ex.request.rawTarget() + " " + ex.request.version(),
                    out.status().code(), out.content().readableBytes(), ex.nettyRequest.headers(), out.headers()));
        }
        if (close) {
            closing = true;
            if (ex.bodyDone) {
                write(out).addListener(ChannelFutureListener.CLOSE);
            } else {
                lingerThenClose(write(out)); // the client may still be sending the body
            }
        } else {
            write(out);
        }
        if (ex.bodyDone) {
            finishExchange();
        }
    }

    private io.netty.channel.ChannelFuture write(Object msg) {
        if (inRead) {
            needsFlush = true;
            return ctx.write(msg);
        }
        return ctx.writeAndFlush(msg);
    }

    /** A request refused before any handler: answer with {@code status} and close (its framing is suspect). */
    private void refuse(int status, String why, @Nullable HttpRequest req) {
        broken = true;
        closing = true;
        // The reason is ours (a fixed phrase, never the client's bytes or a stack trace): say it, as aiohttp does.
        String text = status + ": " + dev.weft.http.HttpStatus.reason(status) + "\n\n" + why;
        LOG.debug("refused request with {}: {}", status, why);
        Response r = Response.text(text).status(status);
        try {
            FullHttpResponse out = ResponseWriter.encode(ctx.alloc(), WebAccess.get().parts(r), false, true, false,
                    server.serverHeader(), dev.weft.json.JsonCodec.jackson());
            lingerThenClose(write(out));
        } catch (IOException e) {
            ctx.close();
        }
        if (current != null) {
            current = null;
            server.exchangeEnded();
        }
    }

    /**
     * A message the decoder failed: answer with the status its cause calls for and close. {@code inBody}: the
     * failure is in a body (a chunk line or the trailer section), where an over-long line is a bad chunk (400), not
     * a long URI (414).
     */
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
            ctx.channel().config().setAutoRead(true);
            duplex.shutdownOutput();
            ctx.executor().schedule(() -> {
                ctx.close();
            }, LINGER_MILLIS, TimeUnit.MILLISECONDS);
        });
    }

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
        if (current != null && current.responded) {
            broken = true;
            // The response may still be in the batch's unflushed writes: send it, then close.
            ctx.writeAndFlush(io.netty.buffer.Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        refuse(status, String.valueOf(cause.getMessage()), null);
    }

    // ---- finishing

    private void finishExchange() {
        current = null;
        server.exchangeEnded();
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
                    ctx.flush();
                }
            }
        }
        if (current == null) {
            becomeIdle();
        }
    }

    private void becomeIdle() {
        idleSince = System.nanoTime();
        if (idleTimer == null) {
            scheduleIdleCheck(server.config().limits().keepAliveTimeout().toNanos());
        }
    }

    private void scheduleIdleCheck(long delayNanos) {
        idleTimer = ctx.executor().schedule(this::idleCheck, delayNanos, TimeUnit.NANOSECONDS);
    }

    private void idleCheck() {
        idleTimer = null;
        if (!ctx.channel().isActive()) {
            return;
        }
        long timeout = server.config().limits().keepAliveTimeout().toNanos();
        if (current == null && idleSince != 0) {
            long idleFor = System.nanoTime() - idleSince;
            if (idleFor >= timeout) {
                ctx.close();
                return;
            }
            scheduleIdleCheck(timeout - idleFor);
        } else {
            scheduleIdleCheck(timeout);
        }
    }

    /** One request and its response in progress. */
    private static final class Exchange {
        final DefaultRequest request;
        final RequestBody body;
        final HttpRequest nettyRequest;
        final long startMillis = System.currentTimeMillis();
        final long startNanos = System.nanoTime();
        boolean bodyDone;
        boolean responded;
        @Nullable CompletionStage<Response> pending;
        @Nullable Reply pendingReply;

        Exchange(DefaultRequest request, RequestBody body, HttpRequest nettyRequest) {
            this.request = request;
            this.body = body;
            this.nettyRequest = nettyRequest;
        }
    }
}
