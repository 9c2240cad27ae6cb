package dev.weft.bench.servers;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.AsciiString;
import io.netty.util.CharsetUtil;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The ceiling of the load runs: a minimal HTTP/1.1 server on raw Netty 4.2 with the endpoints every server in the
 * run has. One event loop thread (epoll when available), HttpServerCodec and HttpObjectAggregator, a switch on the
 * path, a cached {@code Date} header, one flush per read batch. It does what the others do and nothing more: no
 * routing table, no request object, no middleware.
 *
 * <p>{@code GET /ws} is a WebSocket text echo through Netty's own {@link WebSocketServerProtocolHandler} (handshake,
 * frame codec, UTF-8 validation, close and ping handling): added to the pipeline of the connection that asks for it,
 * so that the HTTP endpoints pay nothing for it. The echo sends the received bytes back as they are, with one flush
 * per read batch.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar dev.weft.bench.servers.NettyServer PORT}.
 */
public final class NettyServer {
    private static final AsciiString SERVER = AsciiString.cached("Netty");
    private static final AsciiString TEXT = AsciiString.cached("text/plain; charset=utf-8");
    private static final AsciiString JSON = AsciiString.cached("application/json");
    private static final AsciiString OCTETS = AsciiString.cached("application/octet-stream");
    private static final byte[] HELLO = "Hello, World!".getBytes(CharsetUtil.UTF_8);
    private static final byte[] NOT_FOUND = "Not Found".getBytes(CharsetUtil.UTF_8);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String WS_PATH = "/ws";
    private static final int MAX_WS_FRAME = 1 << 16;

    private static volatile AsciiString date = now();

    private NettyServer() {
    }

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
        boolean epoll = Epoll.isAvailable();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1,
                epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        Class<? extends ServerChannel> channel = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        group.scheduleAtFixedRate(() -> date = now(), 1, 1, TimeUnit.SECONDS);
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
        System.out.println("netty listening on " + port + (epoll ? " (epoll)" : " (nio)"));
        server.closeFuture().sync();
    }

    /** The handlers of every accepted connection; also used by {@code RequestPathBenchmark}. */
    public static void initPipeline(Channel ch) {
        ch.pipeline()
                .addLast(new HttpServerCodec())
                .addLast(new HttpObjectAggregator(1 << 20))
                .addLast(new Handler());
    }

    private static AsciiString now() {
        return new AsciiString(DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)));
    }

    private static final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) throws Exception {
            String uri = req.uri();
            HttpMethod method = req.method();
            FullHttpResponse res;
            if (method == HttpMethod.GET && uri.equals("/plaintext")) {
                res = ok(Unpooled.wrappedBuffer(HELLO), TEXT);
            } else if (method == HttpMethod.GET && uri.equals("/json")) {
                res = ok(Unpooled.wrappedBuffer(MAPPER.writeValueAsBytes(Map.of("message", "Hello, World!"))), JSON);
            } else if (method == HttpMethod.GET && uri.startsWith("/user/") && uri.indexOf('/', 6) < 0) {
                res = ok(Unpooled.copiedBuffer("user " + uri.substring(6), CharsetUtil.UTF_8), TEXT);
            } else if (method == HttpMethod.POST && uri.equals("/echo")) {
                res = ok(req.content().retain(), OCTETS);
            } else if (method == HttpMethod.GET && uri.equals(WS_PATH)) {
                upgrade(ctx, req);
                return;
            } else {
                res = response(HttpResponseStatus.NOT_FOUND, Unpooled.wrappedBuffer(NOT_FOUND), TEXT);
            }
            if (HttpUtil.isKeepAlive(req)) {
                ctx.write(res);
            } else {
                res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
                ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
            }
        }

        /**
         * Puts Netty's WebSocket server handler and the echo before this handler and hands it the request again: it
         * answers the handshake (or refuses it) and turns the connection into a WebSocket.
         */
        private static void upgrade(ChannelHandlerContext ctx, FullHttpRequest req) {
            ChannelPipeline p = ctx.pipeline();
            p.addBefore(ctx.name(), "ws", new WebSocketServerProtocolHandler(WS_PATH, null, false, MAX_WS_FRAME));
            p.addBefore(ctx.name(), "wsecho", new WsEcho());
            p.context(HttpObjectAggregator.class).fireChannelRead(req.retain());
        }

        private static FullHttpResponse ok(ByteBuf body, AsciiString type) {
            return response(HttpResponseStatus.OK, body, type);
        }

        private static FullHttpResponse response(HttpResponseStatus status, ByteBuf body, AsciiString type) {
            FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body, false);
            res.headers()
                    .set(HttpHeaderNames.CONTENT_TYPE, type)
                    .set(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes())
                    .set(HttpHeaderNames.SERVER, SERVER)
                    .set(HttpHeaderNames.DATE, date);
            return res;
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    /**
     * The WebSocket echo: each text message back as it came, one flush per read batch. Public for the JMH
     * {@code WsFramePathBenchmark}, which runs it as raw Netty's side.
     */
    public static final class WsEcho extends SimpleChannelInboundHandler<TextWebSocketFrame> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
            ctx.write(new TextWebSocketFrame(frame.content().retain()));
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
