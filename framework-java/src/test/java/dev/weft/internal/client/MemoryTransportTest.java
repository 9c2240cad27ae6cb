package dev.weft.internal.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.client.ClientConnectionException;
import dev.weft.client.ClientResponse;
import dev.weft.client.ClientSession;
import dev.weft.client.TraceEvent;
import dev.weft.client.TcpConnector;
import dev.weft.internal.loop.NettyLoop;
import dev.weft.loop.Loop;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
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
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@link MemoryTransport}, as {@code TcpConnector.Builder.inMemorySite} makes it: an in-memory Netty
 * {@code LocalChannel} instead of TCP, with the same pool, codec and session above it. A local channel registers only
 * on a loop of {@code LocalIoHandler}s, hence the loop made here.
 */
class MemoryTransportTest {

    @Test
    void a_session_runs_over_an_in_memory_transport_with_the_same_pooling() throws Exception {
        try (Loop loop = Loop.create(b -> b.threads(1).inMemory(true))) {
            var group = NettyLoop.of(loop, "the test").group();
            String site = "weft-client-test-" + System.nanoTime();
            LocalAddress address = new LocalAddress(site);
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
            List<TraceEvent> events = new CopyOnWriteArrayList<>();
            try (ClientSession session = ClientSession.create(s -> s
                    .connector(TcpConnector.create(c -> c.loop(loop).limit(10).inMemorySite(site)))
                    .trace(events::add))) {
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

    @Test
    void a_site_nobody_serves_fails_the_request_with_a_connection_error_naming_it() throws Exception {
        try (Loop loop = Loop.create(b -> b.threads(1).inMemory(true));
             ClientSession session = ClientSession.create(s -> s
                     .connector(TcpConnector.create(c -> c.loop(loop).inMemorySite("nobody.memory"))))) {
            var failure = session.get("http://nobody.memory/").toCompletableFuture()
                    .handle((r, e) -> e).get(10, TimeUnit.SECONDS);
            assertThat(failure).isInstanceOf(ClientConnectionException.class)
                    .hasMessageContaining("in-memory site nobody.memory");
        }
    }

    @Test
    void a_loop_without_in_memory_channels_fails_the_request_with_a_connection_error() throws Exception {
        try (Loop loop = Loop.create(1);
             ClientSession session = ClientSession.create(s -> s
                     .connector(TcpConnector.create(c -> c.loop(loop).inMemorySite("anywhere.memory"))))) {
            var failure = session.get("http://anywhere.memory/").toCompletableFuture()
                    .handle((r, e) -> e).get(10, TimeUnit.SECONDS);
            assertThat(failure).isInstanceOf(ClientConnectionException.class)
                    .hasMessageContaining("a loop made for in-memory channels");
        }
    }

    @Test
    void an_in_memory_site_name_is_a_host_name() {
        assertThatThrownBy(() -> TcpConnector.builder().inMemorySite("no spaces"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'no spaces'");
    }
}
