package dev.weft.bench.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.util.ReferenceCountUtil;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The WebSocket load of {@code benchmarks/run} (wrk speaks no WebSocket): {@code --connections} sockets (64), each
 * keeping {@code --in-flight} text messages (1) of {@code --size} bytes (32) in flight to an echo endpoint, for a
 * {@code --warmup} (2 s) and a measured {@code --duration} (6 s); one {@link Round} line with messages/s and the
 * round-trip latency of each message (sent to echoed back). Written on raw Netty with one event-loop thread, so that
 * the load costs as little as Netty allows and owes nothing to Weft: Netty's WebSocket client handshake, frames
 * masked by its encoder, one flush per read batch, an echo counted when its size is right.
 *
 * <p>{@code --check} sends one message on one socket and exits 0 when the same text comes back: the run script's
 * answer check before it measures a server.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.weft.bench.load.WsLoad --port 8080 --path /ws --size 1024
 * </pre>
 */
public final class WsLoad {
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final int HANDSHAKE_SECONDS = 10;
    /** How long {@code --check} waits for its echo. */
    private static final int CHECK_SECONDS = 5;
    private static final int MAX_FRAME = 1 << 20;

    private WsLoad() {
    }

    public static void main(String[] argv) throws Exception {
        Args args = Args.parse(argv);
        boolean check = args.flag("check");
        URI uri = URI.create("ws://" + args.text("host", "127.0.0.1") + ":" + args.number("port", 8080)
                + args.text("path", "/ws"));
        int connections = check ? 1 : args.number("connections", 64);
        int inFlight = check ? 1 : args.number("in-flight", 1);
        ByteBuf payload = payload(args.number("size", 32));
        Round round = Round.of(args);
        CountDownLatch open = new CountDownLatch(connections);
        CountDownLatch echoed = new CountDownLatch(1);
        boolean epoll = Epoll.isAvailable();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1,
                epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        try {
            Bootstrap b = new Bootstrap().group(group)
                    .channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .handler(new ChannelInitializer<>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            ch.pipeline()
                                    .addLast(new HttpClientCodec())
                                    .addLast(new HttpObjectAggregator(MAX_FRAME))
                                    .addLast(new WebSocketClientProtocolHandler(WebSocketClientProtocolConfig
                                            .newBuilder()
                                            .webSocketUri(uri)
                                            .version(WebSocketVersion.V13)
                                            .maxFramePayloadLength(MAX_FRAME)
                                            .withUTF8Validator(false)
                                            .handshakeTimeoutMillis(TimeUnit.SECONDS.toMillis(HANDSHAKE_SECONDS))
                                            .build()))
                                    .addLast(new Echoes(round, payload, inFlight, check, open, echoed));
                        }
                    });
            List<Channel> channels = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                ChannelFuture f = b.connect(uri.getHost(), uri.getPort());
                channels.add(f.channel());
                f.addListener(done -> {
                    if (!done.isSuccess()) {
                        round.connectError();
                        open.countDown();
                    }
                });
            }
            if (!open.await(HANDSHAKE_SECONDS + 5, TimeUnit.SECONDS)) {
                System.err.println("not every WebSocket opened within " + HANDSHAKE_SECONDS + " s");
            }
            if (check) {
                boolean ok = echoed.await(CHECK_SECONDS, TimeUnit.SECONDS);
                System.out.println(ok ? "echoed" : "no echo");
                System.exit(ok ? 0 : 1);
            }
            round.measure(args.number("warmup", 2), args.number("duration", 6));
            for (Channel ch : channels) {
                ch.close();
            }
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }

    /** {@code size} bytes of ASCII text (so, valid UTF-8), in one buffer every frame shares. */
    private static ByteBuf payload(int size) {
        byte[] text = new byte[size];
        for (int i = 0; i < size; i++) {
            text[i] = (byte) ALPHABET.charAt(i % ALPHABET.length());
        }
        return Unpooled.unreleasableBuffer(Unpooled.directBuffer(size).writeBytes(text));
    }

    /** One socket's load: its messages in flight, the send time of each (echoes come back in order). */
    private static final class Echoes extends ChannelInboundHandlerAdapter {
        private final Round round;
        private final ByteBuf payload;
        private final boolean check;
        private final CountDownLatch open;
        private final CountDownLatch echoed;
        private final long[] sent;
        private int head;
        private int tail;
        /** The handshake has ended, well or not: the socket has been counted down in {@code open}. */
        private boolean settled;

        Echoes(Round round, ByteBuf payload, int inFlight, boolean check, CountDownLatch open, CountDownLatch echoed) {
            this.round = round;
            this.payload = payload;
            this.check = check;
            this.open = open;
            this.echoed = echoed;
            this.sent = new long[inFlight];
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
                settled = true;
                open.countDown();
                for (int i = 0; i < sent.length; i++) {
                    send(ctx);
                }
                ctx.flush();
            } else if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
                failedToOpen();
            }
            ctx.fireUserEventTriggered(evt);
        }

        private void send(ChannelHandlerContext ctx) {
            sent[tail] = System.nanoTime();
            tail = (tail + 1) % sent.length;
            ctx.write(new TextWebSocketFrame(payload.duplicate()));
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (!(msg instanceof TextWebSocketFrame frame)) {
                    return; // close frames: the server is going; channelInactive counts it
                }
                ByteBuf content = frame.content();
                boolean right = check ? ByteBufUtil.equals(content, payload)
                        : content.readableBytes() == payload.readableBytes();
                if (!right) {
                    round.statusError();
                    if (check) {
                        System.err.println("echoed: " + content.toString(StandardCharsets.UTF_8));
                    }
                }
                long start = sent[head];
                head = (head + 1) % sent.length;
                round.completed(start);
                if (check && right) {
                    echoed.countDown();
                }
                if (!round.over()) {
                    send(ctx);
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (!settled) {
                failedToOpen();
            } else if (!round.over()) {
                round.readError();
            }
        }

        private void failedToOpen() {
            if (!settled) {
                settled = true;
                round.connectError();
                open.countDown();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
