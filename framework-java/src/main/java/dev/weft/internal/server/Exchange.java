package dev.weft.internal.server;

import dev.weft.http.HttpStatus;
import dev.weft.http.UrlCodec;
import dev.weft.internal.http.NettyHeaders;
import dev.weft.internal.loop.NettyLoop;
import dev.weft.internal.web.AsyncReply;
import dev.weft.internal.web.ConnectionInfo;
import dev.weft.internal.web.DefaultRequest;
import dev.weft.internal.web.ProtocolSwitch;
import dev.weft.internal.web.RequestBody;
import dev.weft.internal.web.RequestHead;
import dev.weft.internal.web.ResponseParts;
import dev.weft.internal.web.StreamStart;
import dev.weft.internal.web.UnmatchedHandler;
import dev.weft.internal.web.RouteMatch;
import dev.weft.internal.util.Failures;
import dev.weft.web.Application;
import dev.weft.web.Handler;
import dev.weft.web.HttpException;
import dev.weft.web.Reply;
import dev.weft.web.Response;
import dev.weft.web.StreamResponse;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One request and its response: from a decoded request head to routing, the handler, its reply, and the encoded
 * response. It knows nothing of how requests share a connection (pipelining, keep-alive): that is its
 * {@link Stream}'s business, so an HTTP/2 stream can drive an exchange as an HTTP/1.1 connection does.
 * Loop thread only.
 */
final class Exchange implements ProtocolSwitch, StreamStart {
    private static final Logger LOG = LoggerFactory.getLogger(Exchange.class);

    /** What an exchange needs from the connection or stream that carries it. */
    interface Stream {
        ChannelHandlerContext context();

        /**
         * A buffer to encode {@code exchange}'s response into, shared with the responses before it in this read
         * batch (see {@link ResponseWriter#encode(io.netty.buffer.ByteBufAllocator, io.netty.buffer.ByteBuf,
         * Response, dev.weft.json.JsonCodec, int)}), or null for a buffer of its own.
         */
        io.netty.buffer.@Nullable ByteBuf responseBuffer(Exchange exchange);

        /** Sends {@code 100 Continue} now. */
        void sendContinue();

        /** Refuses the request before any handler ran: answer {@code status} and close. */
        void refuse(int status, String why);

        /** Whether the connection closes after this response whatever the request said. */
        boolean closing();

        /** Sends the exchange's response, encoded; {@code close}: the connection closes after it. */
        void send(Exchange exchange, ResponseWriter.Encoded response, boolean close);

        /**
         * Writes part of a streamed response (its head, or body bytes already framed), after anything before it;
         * flushed at the end of the read batch, or now outside one.
         */
        void writePart(Exchange exchange, Object part);

        /**
         * Ends the exchange's streamed response with {@code last} (the last chunk, or null for nothing more), as
         * {@link #send} ends a whole one; {@code close}: the connection closes after it.
         */
        void endStream(Exchange exchange, io.netty.buffer.@Nullable ByteBuf last, boolean close);

        /** Sends {@code response} (a 101) and hands the connection over; see {@link ProtocolSwitch}. */
        void switchProtocols(Exchange exchange, FullHttpResponse response, Upgraded upgraded, String[] names,
                             ChannelHandler[] handlers);
    }

    final DefaultRequest request;
    final RequestBody body;
    final HttpRequest head;
    private final HttpServer server;
    private final Stream stream;
    private final Handler handler;
    /** When the request began, on the loop's clock: the access log's timestamp and duration (0 when not logging). */
    private final long startMillis;
    private final long startNanos;
    /** Whether the access log records this request. */
    private final boolean logged;
    /** The request asked for a WebSocket ({@link #wantsWebSocket}); set by {@link #open}. */
    private boolean upgradeAsked;
    /** The last body chunk has arrived. Set by the stream. */
    boolean bodyDone;
    private boolean responded;
    /** The response has gone out whole: a whole response once sent, a streamed one once ended. */
    private boolean complete;
    /** The body of a streamed response, from {@link #start} on. */
    private @Nullable StreamedBody streamed;
    /** A file response is being opened ({@link FileSender}); its head is not sent yet. */
    private boolean sendingFile;
    /** The response closes the connection after it (decided when its head is encoded). */
    private boolean closeAfter;
    /** The status and headers of a streamed response as sent, for the access log. */
    private int streamStatus;
    private io.netty.handler.codec.http.@Nullable HttpHeaders streamHeaders;
    private boolean abandoned;
    /** The connection switched protocols: the reply ends the protocol's session instead of being sent. */
    private @Nullable Upgraded upgraded;
    private @Nullable Settler settler;
    private @Nullable Reply pending;

    private Exchange(DefaultRequest request, RequestBody body, HttpRequest head, HttpServer server, Stream stream,
                     Handler handler) {
        this.request = request;
        this.body = body;
        this.head = head;
        this.server = server;
        this.stream = stream;
        this.handler = handler;
        // Decided once per request, and the clock read only for the access log: two clock reads a request are worth
        // sparing when nobody logs.
        this.logged = server.accessLog().active();
        this.startMillis = logged ? server.clock().millis() : 0;
        this.startNanos = logged ? server.clock().nanoTime() : 0;
    }

    /**
     * Reads the request head: target, routing, body limit and expectations. Returns the exchange, ready to
     * {@link #run()}, or null after {@link Stream#refuse refusing} the request.
     */
    static @Nullable Exchange open(HttpRequest head, HttpServer server, ConnectionInfo info, Stream stream) {
        BadRequestException bad = RequestChecks.check(head);
        if (bad != null) {
            stream.refuse(bad.status(), bad.getMessage());
            return null;
        }
        String uri = head.uri();
        int q = uri.indexOf('?');
        String rawPath = q < 0 ? uri : uri.substring(0, q);
        String query = q < 0 ? "" : uri.substring(q + 1);
        if (!rawPath.startsWith("/")) {
            rawPath = RequestChecks.originForm(rawPath);
            if (rawPath == null) {
                stream.refuse(400, "the request target is not a path");
                return null;
            }
        }
        String path;
        try {
            path = UrlCodec.decodePath(rawPath);
        } catch (IllegalArgumentException e) {
            stream.refuse(400, "malformed percent-encoding in the path");
            return null;
        }
        String method = head.method().name();
        // Routing sees %2F as part of a segment, as aiohttp does; the values it matches come out decoded.
        String routed = UrlCodec.decodePathSafe(rawPath);
        String host = head instanceof DecodedHead d ? d.host() : head.headers().get(HttpHeaderNames.HOST);
        RouteMatch match = server.dispatcher().lookup(method, host, routed);
        if (!(match instanceof RouteMatch.Found) && !server.knownMethod(method)) {
            // RFC 9110 §9.1: a method no route uses is not implemented, even on a path that exists (not 405);
            // a route for any method ("*") still receives it.
            stream.refuse(501, "method " + method + " is not implemented");
            return null;
        }
        Application owner = match instanceof RouteMatch.Found f ? f.route().owner() : server.dispatcher().root();
        long contentLength = RequestChecks.contentLength(head);
        // RequestChecks refused any Transfer-Encoding whose final coding is not chunked.
        boolean chunked = contentLength < 0 && DecodedHead.mayHave(head, DecodedHead.TRANSFER_ENCODING)
                && HttpUtil.isTransferEncodingChunked(head);
        long limit = owner.clientMaxSize();
        if (contentLength > limit) {
            stream.refuse(413, "the request body (" + contentLength + " bytes) is larger than the " + limit
                    + " bytes this server accepts");
            return null;
        }
        boolean hasBody = contentLength > 0 || chunked;
        String expect = DecodedHead.mayHave(head, DecodedHead.EXPECT) ? head.headers().get(HttpHeaderNames.EXPECT)
                : null;
        if (expect != null) {
            if (!HttpHeaderValues.CONTINUE.contentEqualsIgnoreCase(expect.trim())) {
                stream.refuse(417, "unsupported expectation");
                return null;
            }
        }
        RequestBody body = hasBody ? RequestBody.open(limit, contentLength) : RequestBody.empty(contentLength);
        if (expect != null && hasBody && head.protocolVersion() == HttpVersion.HTTP_1_1) {
            // 100 Continue only once the handler asks for the body: a handler or middleware that answers without
            // reading it (401, 403, a redirect) spares the client the upload, as aiohttp's per-route expect
            // handler allows. The connection then closes after the answer (the body's framing is unknown).
            body.onFirstRead(stream::sendContinue);
        }
        RequestHead parsed = new RequestHead(method, uri, rawPath, path, query, NettyHeaders.readOnly(head.headers()),
                head.protocolVersion().text(), keepAlive(head));
        DefaultRequest request = new DefaultRequest(info, parsed, body, owner);
        request.route(match);
        Handler handler;
        if (match instanceof RouteMatch.Found f) {
            handler = f.route().chain();
        } else {
            handler = server.dispatcher().unmatched();
            if (match instanceof RouteMatch.MethodNotAllowed m) {
                request.set(UnmatchedHandler.ALLOWED, m.allowed());
            }
        }
        Exchange exchange = new Exchange(request, body, head, server, stream, handler);
        request.streamStart(exchange);
        if (wantsWebSocket(head)) {
            exchange.upgradeAsked = true;
            request.set(ProtocolSwitch.KEY, exchange); // only an upgrade request can switch protocols
        }
        return exchange;
    }

    /** Runs the handler; its response is sent now or when its stage completes. */
    void run() {
        Reply reply;
        try {
            reply = handler.handle(request);
        } catch (Throwable t) {
            reply = Reply.failed(t);
        }
        if (streamed != null && !(reply instanceof AsyncReply)) {
            finishStream(reply, null); // the handler began a stream (a StreamResponse, or one inside another reply)
        } else if (reply instanceof Response r) {
            respond(r);
        } else if (reply instanceof HttpException e) {
            respond(e.toResponse());
        } else if (reply instanceof StreamResponse) {
            finishStream(reply, null);
        } else {
            pending = reply;
            Settler s = new Settler(this, stream.context());
            if (upgraded != null) {
                s.upgraded(upgraded); // switched already, inside the handler
            } else {
                settler = s;
            }
            if (reply instanceof AsyncReply later) {
                later.whenSettled(s);
            } else {
                reply.toStage().whenComplete(s::accept);
            }
        }
    }

    /** Whether the response has been started (a whole one sent, or a streamed one's head). */
    boolean responded() {
        return responded;
    }

    /** Whether the response has gone out whole: a streamed one only once ended. */
    boolean complete() {
        return complete;
    }

    /** The stream is gone: forget the response, and cancel the handler's stage if {@code cancel}. */
    void abandon(Throwable cause, boolean cancel) {
        abandoned = true;
        body.abort(cause);
        if (streamed != null) {
            streamed.gone(cause);
        }
        Reply p = pending;
        if (cancel && p != null) {
            p.cancel();
        }
    }

    /** Cancels the handler's stage (a forced stop); its 503 is still sent if the stream is open. */
    void cancel() {
        Reply p = pending;
        if (p != null) {
            p.cancel();
        }
    }

    /**
     * Waits for the handler's reply and settles the exchange on its loop. Once the connection has switched protocols
     * it forgets the exchange (and so the request and its headers, which a long-lived WebSocket must not keep) and
     * tells the protocol instead.
     */
    private static final class Settler implements java.util.function.BiConsumer<Reply, Throwable> {
        private final ChannelHandlerContext ctx;
        private @Nullable Exchange exchange;
        private @Nullable Upgraded upgraded;

        Settler(Exchange exchange, ChannelHandlerContext ctx) {
            this.exchange = exchange;
            this.ctx = ctx;
        }

        void upgraded(Upgraded upgraded) {
            this.upgraded = upgraded;
            this.exchange = null;
        }

        @Override
        public void accept(@Nullable Reply r, @Nullable Throwable e) {
            if (ctx.executor().inEventLoop()) {
                settle(r, e);
            } else {
                ctx.executor().execute(() -> settle(r, e));
            }
        }

        private void settle(@Nullable Reply r, @Nullable Throwable e) {
            Upgraded up = upgraded;
            if (up != null) {
                Throwable t = e != null ? Failures.unwrap(e) : r instanceof HttpException h ? h : null;
                if (t != null && !(t instanceof CancellationException)) {
                    LOG.error("Error in a handler after its connection switched protocols", t);
                }
                up.handlerDone(t);
                return;
            }
            Exchange ex = exchange;
            if (ex != null) {
                ex.settle(r, e);
            }
        }
    }

    private void settle(@Nullable Reply reply, @Nullable Throwable e) {
        pending = null;
        settler = null;
        if (abandoned) {
            return;
        }
        if (streamed != null || (e == null && reply instanceof StreamResponse)) {
            finishStream(reply, e);
            return;
        }
        if (e == null && reply instanceof Response r) {
            respond(r);
            return;
        }
        if (e == null && reply instanceof HttpException h) {
            respond(h.toResponse());
            return;
        }
        if (e == null && reply != null) {
            // Another kind of reply (a WebSocketResponse never prepared, a user's own): what its stage comes to.
            reply.toStage().whenComplete((r, again) -> {
                Runnable later = () -> settle(r, again);
                if (stream.context().executor().inEventLoop()) {
                    later.run();
                } else {
                    stream.context().executor().execute(later);
                }
            });
            return;
        }
        Throwable t = e == null ? null : Failures.unwrap(e);
        if (t instanceof HttpException h) {
            respond(h.toResponse());
        } else if (t instanceof CancellationException) {
            respond(Response.text("503: Service Unavailable").status(503));
        } else {
            if (t == null) {
                t = new NullPointerException("the handler's stage completed with null");
            }
            LOG.error("Error handling request {} {}", request.method(), request.rawTarget(), t);
            respond(Response.text("500: Internal Server Error").status(500));
        }
    }

    // ---- ProtocolSwitch

    @Override
    public ChannelHandlerContext context() {
        return stream.context();
    }

    @Override
    public NettyLoop loop() {
        return server.loop();
    }

    @Override
    public void switchProtocols(HttpHeaders headers, Upgraded upgraded, String[] names, ChannelHandler[] handlers) {
        if (responded || abandoned) {
            throw new IllegalStateException("cannot switch protocols: the response to " + request.method() + " "
                    + request.rawTarget() + (abandoned ? " has no connection any more" : " has been sent already"));
        }
        responded = true;
        this.upgraded = upgraded;
        pending = null;
        if (settler != null) {
            settler.upgraded(upgraded);
            settler = null;
        }
        FullHttpResponse out = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.SWITCHING_PROTOCOLS,
                Unpooled.EMPTY_BUFFER);
        out.headers().add(headers);
        if (logged) {
            server.accessLog().log(new AccessLogger.Entry(String.valueOf(request.remote()), startMillis, startNanos,
                    request.method() + " " + request.rawTarget() + " " + request.version(), 101, 0,
                    this.head.headers(), out.headers()));
        }
        stream.switchProtocols(this, out, upgraded, names, handlers);
    }

    /** Whether the request asks for a WebSocket ({@code Upgrade: websocket}). */
    static boolean wantsWebSocket(HttpRequest head) {
        return DecodedHead.mayHave(head, DecodedHead.UPGRADE)
                && head.headers().containsValue(HttpHeaderNames.UPGRADE, "websocket", true);
    }

    /** Whether the connection may stay open after this request, by its version and {@code Connection} field. */
    private static boolean keepAlive(HttpRequest head) {
        return DecodedHead.mayHave(head, DecodedHead.CONNECTION) ? HttpUtil.isKeepAlive(head)
                : head.protocolVersion().isKeepAliveDefault();
    }

    private void respond(Response response) {
        if (responded || sendingFile) {
            return;
        }
        if (dev.weft.internal.web.ResponseAccess.body(response) instanceof dev.weft.internal.web.FileBody file
                && !HttpStatus.forbidsBody(response.status())) {
            sendingFile = true; // answered once the file is open: no other response meanwhile
            FileSender.send(this, server, stream.context(), response, file);
            return;
        }
        responded = true;
        // A WebSocket upgrade answered with anything but 101: the client may already be sending frames, which must
        // never be read as HTTP (RequestDecoder holds them), so the connection closes after this response.
        // A client still waiting for 100 Continue may send the body or not: the framing is unknown, so close.
        boolean close = mustClose();
        complete = true;
        ChannelHandlerContext ctx = stream.context();
        boolean head = "HEAD".equals(request.method());
        int options = options(head, close);
        ResponseWriter.Encoded out;
        try {
            out = server.writer().encode(ctx.alloc(), stream.responseBuffer(this), response,
                    request.app().jsonCodec(), options);
        } catch (Exception e) {
            LOG.error("Error encoding the response to {} {}", request.method(), request.rawTarget(), e);
            try {
                out = server.writer().encode(ctx.alloc(), Response.text("500: Internal Server Error").status(500),
                        request.app().jsonCodec(), options);
            } catch (Exception again) {
                ctx.close();
                return;
            }
        }
        if (logged) {
            server.accessLog().log(new AccessLogger.Entry(String.valueOf(request.remote()), startMillis, startNanos,
                    request.method() + " " + request.rawTarget() + " " + request.version(), out.status(),
                    head ? 0 : out.bodyBytes(), this.head.headers(), out.headers()));
        }
        stream.send(this, out, close);
    }

    /**
     * Whether the connection closes after this response: a WebSocket upgrade answered with anything but 101 (the
     * client may already be sending frames, which must never be read as HTTP; RequestDecoder holds them), or a client
     * still waiting for 100 Continue (it may send the body or not: the framing is unknown), besides the usual reasons.
     */
    private boolean mustClose() {
        return stream.closing() || !request.keepAlive() || body.tooLarge() || server.stopping() || upgradeAsked
                || body.awaitingContinue();
    }

    private int options(boolean headRequest, boolean close) {
        return (headRequest ? ResponseWriter.HEAD_REQUEST : 0) | (close ? ResponseWriter.CLOSE : 0)
                | (this.head.protocolVersion() == HttpVersion.HTTP_1_0 ? ResponseWriter.HTTP_1_0 : 0)
                | (logged ? ResponseWriter.KEEP_HEADERS : 0);
    }

    // ---- a streamed response (StreamStart)

    @Override
    public dev.weft.internal.web.BodySink start(ResponseParts parts, long contentLength) {
        if (responded || abandoned) {
            throw new IllegalStateException("cannot start a streamed response to " + request.method() + " "
                    + request.rawTarget() + (abandoned ? ": the client has gone away" : ": it was answered already"));
        }
        responded = true;
        boolean headRequest = "HEAD".equals(request.method());
        boolean http10 = this.head.protocolVersion() == HttpVersion.HTTP_1_0;
        boolean bodyAllowed = !dev.weft.http.HttpStatus.forbidsBody(parts.status()) && parts.status() != 205;
        StreamedBody.Framing framing = !bodyAllowed || headRequest ? StreamedBody.Framing.NONE
                : contentLength >= 0 ? StreamedBody.Framing.LENGTH
                : http10 ? StreamedBody.Framing.CLOSE : StreamedBody.Framing.CHUNKED;
        // An HTTP/1.0 client without a length learns where the body ends by the close; HEAD and 204/304 announce
        // no framing of their own.
        closeAfter = mustClose() || framing == StreamedBody.Framing.CLOSE;
        io.netty.handler.codec.http.HttpHeaders sent = logged
                ? io.netty.handler.codec.http.DefaultHttpHeadersFactory.headersFactory().withValidation(false)
                        .newHeaders()
                : null;
        io.netty.buffer.ByteBuf headBytes = server.writer().encodeHead(stream.context().alloc(), parts,
                contentLength, !http10, options(headRequest, closeAfter), sent);
        streamed = new StreamedBody(this, stream.context(), framing, contentLength);
        streamStatus = parts.status();
        streamHeaders = sent;
        stream.writePart(this, headBytes);
        return streamed;
    }

    /** Writes part of this exchange's streamed body. Loop thread. */
    void writePart(Object part) {
        stream.writePart(this, part);
    }

    /** Ends this exchange's streamed response (from its {@link StreamedBody}). Loop thread. */
    void endStream(io.netty.buffer.@Nullable ByteBuf last, boolean close, long bodyBytes) {
        if (complete) {
            if (last != null) {
                last.release();
            }
            return;
        }
        complete = true;
        if (logged) {
            server.accessLog().log(new AccessLogger.Entry(String.valueOf(request.remote()), startMillis, startNanos,
                    request.method() + " " + request.rawTarget() + " " + request.version(), streamStatus,
                    bodyBytes, this.head.headers(), streamHeaders != null ? streamHeaders
                            : io.netty.handler.codec.http.EmptyHttpHeaders.INSTANCE));
        }
        if (abandoned) {
            if (last != null) {
                last.release();
            }
            return;
        }
        stream.endStream(this, last, close || closeAfter);
    }

    /** Whether the client has gone away. */
    boolean gone() {
        return abandoned;
    }

    /** Sends {@code response} instead of the file response that could not be (404 for no file). Loop thread. */
    void respondInstead(Response response) {
        sendingFile = false;
        respond(response);
    }

    /** The handler failed after the head went out: close the connection before the body ends. Loop thread. */
    void abortStream() {
        if (complete) {
            return;
        }
        complete = true;
        if (!abandoned) {
            // What was written goes out first; then the close, with no last chunk: the client sees the body unfinished.
            stream.endStream(this, null, true);
        }
    }

    /** The connection can take more bytes again. Loop thread. */
    void writable() {
        if (streamed != null) {
            streamed.writable();
        }
    }

    /**
     * The handler's reply came with a streamed response started, or is a {@link StreamResponse}: prepare it if the
     * handler did not (an empty body), then end it; a failure after the head went out can only close the connection.
     */
    private void finishStream(@Nullable Reply reply, @Nullable Throwable failure) {
        Throwable error = failure != null ? failure
                : reply instanceof dev.weft.internal.web.FailedReply f ? f.error()
                : reply instanceof HttpException h ? h
                : null;
        if (error == null && reply instanceof StreamResponse s && !s.prepared()) {
            if (responded) {
                LOG.error("The handler of {} {} returned a StreamResponse it never prepared, after answering already",
                        request.method(), request.rawTarget());
                return;
            }
            s.prepare(request);
        }
        StreamedBody body = streamed;
        if (body == null) {
            return;
        }
        if (error != null) {
            Throwable t = Failures.unwrap(error);
            if (!(t instanceof CancellationException) && !(t instanceof dev.weft.web.ClientDisconnectedException)
                    && !abandoned) {
                LOG.error("Error in the handler of {} {} after its streamed response began; closing the connection",
                        request.method(), request.rawTarget(), t);
            }
            body.abort();
            return;
        }
        if (reply instanceof Response) {
            LOG.warn("The handler of {} {} started a streamed response but returned {}; the stream is ended and the"
                    + " reply dropped", request.method(), request.rawTarget(), reply);
        }
        body.end();
    }
}
