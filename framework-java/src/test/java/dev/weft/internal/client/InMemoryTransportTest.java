package dev.weft.internal.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.client.ClientLimits;
import dev.weft.client.ClientResponse;
import dev.weft.client.ClientSession;
import dev.weft.client.TraceEvent;
import dev.weft.client.Tracer;
import dev.weft.internal.loop.NettyLoop;
import dev.weft.loop.Loop;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalServerChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The connector's {@link Transport} seam, as the test harness will use it: an in-memory Netty {@code LocalChannel}
 * instead of TCP, with the same pool, codec and session above it. A local channel registers only on a loop of
 * {@code LocalIoHandler}s, hence the loop made here.
 */
class InMemoryTransportTest {

    @Test
    void a_session_runs_over_an_in_memory_transport_with_the_same_pooling() throws Exception {
        try (Loop loop = new NettyLoop(1, io.netty.channel.local.LocalIoHandler.newFactory())) {
            var group = ((NettyLoop) loop).group();
            LocalAddress address = new LocalAddress("weft-client-test-" + System.nanoTime());
            Channel server = new ServerBootstrap().group(group).channel(LocalServerChannel.class)
                    .childHandler(new ChannelInitializer<LocalChannel>() {
                        @Override
                        protected void initChannel(LocalChannel ch) {
                            ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 16),
                                    new SimpleChannelInboundHandler<FullHttpRequest>() {
                                        @Override
                                        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
                                            byte[] body = ("in memory " + req.uri()).getBytes(StandardCharsets.UTF_8);
                                            var res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                                                    HttpResponseStatus.OK, Unpooled.wrappedBuffer(body));
                                            res.headers().set("Content-Length", body.length);
                                            ctx.writeAndFlush(res);
                                        }
                                    });
                        }
                    }).bind(address).sync().channel();
            Transport local = new Transport() {
                @Override
                public CompletableFuture<Channel> connect(Origin origin, EventLoop eventLoop, Tracer tracer) {
                    CompletableFuture<Channel> done = new CompletableFuture<>();
                    new Bootstrap().group(eventLoop).channel(LocalChannel.class)
                            .option(ChannelOption.AUTO_READ, false)
                            .handler(new ChannelInitializer<LocalChannel>() {
                                @Override
                                protected void initChannel(LocalChannel ch) {
                                }
                            })
                            .connect(address).addListener(f -> {
                                if (f.isSuccess()) {
                                    done.complete(((io.netty.channel.ChannelFuture) f).channel());
                                } else {
                                    done.completeExceptionally(f.cause());
                                }
                            });
                    return done;
                }
            };
            ConnectorSettings settings = new ConnectorSettings(10, 0, Duration.ofSeconds(15), false, true,
                    Duration.ofSeconds(10), null, ClientLimits.create());
            List<TraceEvent> events = new CopyOnWriteArrayList<>();
            try (ClientSession session = ClientSession.create(s -> s
                    .connector(PooledConnector.create(loop, settings, local)).trace(events::add))) {
                for (int i = 0; i < 3; i++) {
                    ClientResponse r = session.get("http://app.test/x" + i).toCompletableFuture()
                            .get(10, TimeUnit.SECONDS);
                    assertThat(r.text().toCompletableFuture().get(10, TimeUnit.SECONDS)).isEqualTo("in memory /x" + i);
                }
            }
            assertThat(events).filteredOn(e -> e instanceof TraceEvent.ConnectionCreate).hasSize(1);
            assertThat(events).filteredOn(e -> e instanceof TraceEvent.ConnectionReuse).hasSize(2);
            server.close().sync();
        }
    }
}
