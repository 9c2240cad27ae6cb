package dev.weft.test;

import dev.weft.client.Tracer;
import dev.weft.internal.client.Origin;
import dev.weft.internal.client.Transport;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.local.LocalChannel;
import java.net.SocketAddress;
import java.util.concurrent.CompletableFuture;

/** The client half of {@link TestTransport#MEMORY}: every origin connects to the one in-memory server address. */
final class MemoryTransport implements Transport {
    private final SocketAddress server;

    MemoryTransport(SocketAddress server) {
        this.server = server;
    }

    @Override
    public CompletableFuture<Channel> connect(Origin origin, EventLoop eventLoop, Tracer tracer) {
        CompletableFuture<Channel> done = new CompletableFuture<>();
        new Bootstrap().group(eventLoop).channel(LocalChannel.class)
                .option(ChannelOption.AUTO_READ, false) // the pool reads on demand, as over TCP
                .handler(new ChannelInitializer<LocalChannel>() {
                    @Override
                    protected void initChannel(LocalChannel ch) {
                    }
                })
                .connect(server).addListener((ChannelFutureListener) (ChannelFuture f) -> {
                    if (f.isSuccess()) {
                        done.complete(f.channel());
                    } else {
                        done.completeExceptionally(f.cause());
                    }
                });
        return done;
    }
}
