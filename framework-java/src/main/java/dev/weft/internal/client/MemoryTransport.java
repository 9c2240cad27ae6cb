package dev.weft.internal.client;

import dev.weft.client.ClientConnectionException;
import dev.weft.client.Tracer;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import java.util.concurrent.CompletableFuture;

/**
 * The in-memory {@link Transport}: every origin connects to one in-memory site of this JVM (Netty's
 * {@code LocalChannel}, bound by a server's {@code Site.inMemory(name)}). No DNS, proxy or TLS: HTTP/1.1 goes over
 * the local channel as it is. The event loop must be one that carries local channels.
 */
final class MemoryTransport implements Transport {
    private final String site;
    private final LocalAddress address;

    MemoryTransport(String site) {
        this.site = site;
        this.address = new LocalAddress(site);
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
                .connect(address).addListener((ChannelFutureListener) (ChannelFuture f) -> {
                    if (f.isSuccess()) {
                        done.complete(f.channel());
                    } else {
                        done.completeExceptionally(new ClientConnectionException("cannot connect to " + origin
                                + " at the in-memory site " + site + ": " + f.cause().getMessage()
                                + " (is a server bound to Site.inMemory(\"" + site + "\"), on a loop made for"
                                + " in-memory channels?)", f.cause()));
                    }
                });
        return done;
    }
}
