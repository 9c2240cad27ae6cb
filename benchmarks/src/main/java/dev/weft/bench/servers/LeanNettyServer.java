package dev.weft.bench.servers;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeadersFactory;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.AsciiString;
import io.netty.util.CharsetUtil;
import io.netty.util.ReferenceCountUtil;
import java.util.Map;

/**
 * The ceiling of the load runs: the leanest honest HTTP/1.1 server on raw Netty 4.2 for the endpoints every server
 * in the run has. One event loop thread (epoll when available), {@link HttpServerCodec} and a switch on the path,
 * nothing else: no {@code HttpObjectAggregator} (only {@code POST /echo} reads a body, and it gathers the body
 * itself), no {@code Date} and no {@code Server} header (only {@code Content-Type} and {@code Content-Length}),
 * response headers without validation (the values are this class's constants), one flush per read batch.
 * Keep-alive and pipelining are honoured as HTTP/1.1 asks: a request with {@code Connection: close}, or an HTTP/1.0
 * one without {@code Connection: keep-alive}, gets its answer with {@code Connection: close} and the connection is
 * closed after it, whatever was pipelined behind it is dropped. A malformed request is answered 400 and closed.
 *
 * <p>{@link NettyServer} is the older reference: the same endpoints with an aggregator and a cached {@code Date}.
 * The difference between the two is what those conveniences cost.
 *
 * <p>{@code GET /ws} is the same WebSocket echo as {@link NettyServer}'s: Netty's
 * {@link WebSocketServerProtocolHandler} and {@link NettyServer.WsEcho} are put in the pipeline of the connection
 * that asks for it (Netty gathers the handshake request itself), so the HTTP endpoints pay nothing for it.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar dev.weft.bench.servers.LeanNettyServer PORT}.
 */
public final class LeanNettyServer {
    private static final AsciiString TEXT = AsciiString.cached("text/plain; charset=utf-8");
    private static final AsciiString JSON = AsciiString.cached("application/json");
    private static final AsciiString OCTETS = AsciiString.cached("application/octet-stream");
    private static final byte[] HELLO = "Hello, World!".getBytes(CharsetUtil.UTF_8);
    private static final byte[] NOT_FOUND = "Not Found".getBytes(CharsetUtil.UTF_8);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String WS_PATH = "/ws";
    private static final int MAX_WS_FRAME = 1 << 16;
    /** The largest echo body, as {@link NettyServer}'s aggregator allows; a larger one is answered 413. */
    private static final int MAX_ECHO_BYTES = 1 << 20;
    // Our own constant names and values: validating them on every response would be work for nothing.
    private static final HttpHeadersFactory HEADERS = DefaultHttpHeadersFactory.headersFactory().withValidation(false);

    private LeanNettyServer() {
    }

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
        boolean epoll = Epoll.isAvailable();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1,
                epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        Class<? extends ServerChannel> channel = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        try {
            serve(group, channel, port);
        } finally {   // also when the port is taken: the loop's thread would keep the JVM running
            group.shutdownGracefully();
        }
    }

    private static void serve(EventLoopGroup group, Class<? extends ServerChannel> channel, int port)
            throws InterruptedException {
        boolean epoll = channel == EpollServerSocketChannel.class;
        Channel server = new ServerBootstrap()
                .group(group)
                .channel(channel)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        initPipeline(ch);
                    }
                })
                .bind("127.0.0.1", port).sync().channel();
        System.out.println("lean netty listening on " + port + (epoll ? " (epoll)" : " (nio)"));
        server.closeFuture().sync();
    }

    /** The handlers of every accepted connection; also used by {@code RequestPathBenchmark}. */
    public static void initPipeline(Channel ch) {
        ch.pipeline()
                .addLast(new HttpServerCodec())
                .addLast(new Handler());
    }

    /**
     * One connection's requests, in order. Answers every request when its head arrives except {@code POST /echo},
     * which is answered when its last content arrives; the content of any other request is dropped.
     */
    private static final class Handler extends ChannelInboundHandlerAdapter {
        private boolean keepAlive;
        /** An HTTP/1.0 request that asked to keep the connection: its answer says it is kept (1.1 needs nothing). */
        private boolean keepAlive10;
        /** True from an echo request's head to its last content. */
        private boolean echoing;
        /** The echo body gathered so far when it came in more than one piece; null otherwise. */
        private ByteBuf body;
        /** True once a response closing the connection went out: nothing after it is answered. */
        private boolean closing;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
            if (closing) {
                ReferenceCountUtil.release(msg);
            } else if (msg instanceof HttpRequest req) {
                request(ctx, req);
            } else if (msg instanceof HttpContent content) {
                if (echoing) {
                    echoContent(ctx, content);
                } else {
                    content.release();
                }
            } else {
                ReferenceCountUtil.release(msg);   // after an upgrade: WebSocket frames the echo does not take
            }
        }

        private void request(ChannelHandlerContext ctx, HttpRequest req) throws Exception {
            if (req.decoderResult().isFailure()) {
                ReferenceCountUtil.release(req);   // the codec makes a malformed request a full one, with a buffer
                keepAlive = false;
                send(ctx, response(HttpResponseStatus.BAD_REQUEST, Unpooled.EMPTY_BUFFER, TEXT));
                return;
            }
            keepAlive = HttpUtil.isKeepAlive(req);
            keepAlive10 = keepAlive && req.protocolVersion() == HttpVersion.HTTP_1_0;
            HttpMethod method = req.method();
            String uri = req.uri();
            if (method == HttpMethod.GET) {
                switch (uri) {
                    case "/plaintext" -> send(ctx, ok(Unpooled.wrappedBuffer(HELLO), TEXT));
                    case "/json" -> send(ctx, ok(Unpooled.wrappedBuffer(
                            MAPPER.writeValueAsBytes(Map.of("message", "Hello, World!"))), JSON));
                    case WS_PATH -> upgrade(ctx, req);
                    default -> {
                        if (uri.startsWith("/user/") && uri.indexOf('/', 6) < 0) {
                            send(ctx, ok(Unpooled.copiedBuffer("user " + uri.substring(6), CharsetUtil.UTF_8),
                                    TEXT));
                        } else {
                            notFound(ctx);
                        }
                    }
                }
            } else if (method == HttpMethod.POST && uri.equals("/echo")) {
                if (HttpUtil.getContentLength(req, 0L) > MAX_ECHO_BYTES) {
                    keepAlive = false;
                    send(ctx, response(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, Unpooled.EMPTY_BUFFER, TEXT));
                    return;
                }
                if (HttpUtil.is100ContinueExpected(req)) {
                    ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE,
                            Unpooled.EMPTY_BUFFER, HEADERS.newHeaders(), EmptyHttpHeaders.INSTANCE));
                }
                echoing = true;
            } else {
                notFound(ctx);
            }
        }

        private void notFound(ChannelHandlerContext ctx) {
            send(ctx, response(HttpResponseStatus.NOT_FOUND, Unpooled.wrappedBuffer(NOT_FOUND), TEXT));
        }

        /**
         * The echo body: when it comes whole in its last content (the usual case for 1 KiB), that buffer is sent back
         * as it is; otherwise the pieces are copied into one buffer.
         */
        private void echoContent(ChannelHandlerContext ctx, HttpContent content) {
            ByteBuf data = content.content();
            boolean last = content instanceof LastHttpContent;
            if (body == null && last) {
                echoing = false;
                send(ctx, response(HttpResponseStatus.OK, data, OCTETS));   // the response takes over the buffer
                return;
            }
            try {
                if (body == null) {
                    body = ctx.alloc().buffer(Math.max(256, data.readableBytes() * 2));
                }
                if (body.readableBytes() + data.readableBytes() > MAX_ECHO_BYTES) {   // chunked, no length given
                    body.release();
                    body = null;
                    echoing = false;
                    keepAlive = false;
                    send(ctx, response(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, Unpooled.EMPTY_BUFFER, TEXT));
                    return;
                }
                body.writeBytes(data);
            } finally {
                content.release();
            }
            if (last) {
                ByteBuf whole = body;
                body = null;
                echoing = false;
                send(ctx, response(HttpResponseStatus.OK, whole, OCTETS));
            }
        }

        /**
         * Puts Netty's WebSocket server handler and the echo before this handler and hands them the request from the
         * codec: Netty gathers the handshake request, answers it (or refuses it) and turns the connection into a
         * WebSocket; the request's last content then goes to Netty's handler, not here.
         */
        private static void upgrade(ChannelHandlerContext ctx, HttpRequest req) {
            ChannelPipeline p = ctx.pipeline();
            p.addBefore(ctx.name(), "ws", new WebSocketServerProtocolHandler(WS_PATH, null, false, MAX_WS_FRAME));
            p.addBefore(ctx.name(), "wsecho", new NettyServer.WsEcho());
            p.context(HttpServerCodec.class).fireChannelRead(req);
        }

        /** Written now, flushed at the end of the read batch; a closing response is flushed and closes. */
        private void send(ChannelHandlerContext ctx, FullHttpResponse res) {
            if (keepAlive) {
                if (keepAlive10) {
                    res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
                }
                ctx.write(res);
            } else {
                closing = true;
                res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
                ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (body != null) {
                body.release();
                body = null;
            }
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    private static FullHttpResponse ok(ByteBuf body, AsciiString type) {
        return response(HttpResponseStatus.OK, body, type);
    }

    private static FullHttpResponse response(HttpResponseStatus status, ByteBuf body, AsciiString type) {
        // No trailers are ever sent: the shared empty set instead of a map per response.
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body, HEADERS.newHeaders(),
                EmptyHttpHeaders.INSTANCE);
        res.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, type)
                .set(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
        return res;
    }
}
