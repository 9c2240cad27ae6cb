package dev.weft.internal.client;

import dev.weft.client.ClientConnectionException;
import dev.weft.client.TraceEvent;
import dev.weft.client.Tracer;
import dev.weft.internal.loop.NettyLoop;
import dev.weft.loop.Loop;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.proxy.HttpProxyHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.resolver.NoopAddressResolverGroup;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import org.jspecify.annotations.Nullable;

/**
 * The TCP {@link Transport}: resolves the host (through a DNS cache with a TTL, the lookup itself offloaded with
 * {@link Loop#runBlocking}), connects from the configured local address, tunnels through an HTTP proxy with
 * {@code CONNECT} for https, and does the TLS handshake with the JDK's TLS, verifying the certificate and host name
 * unless told not to.
 */
public final class TcpTransport implements Transport {
    private final Loop loop;
    private final boolean useDnsCache;
    private final Duration dnsCacheTtl;
    private final @Nullable InetAddress localAddress;
    private final SslContext sslContext;
    private final boolean verifyHostname;
    private final ConcurrentHashMap<String, Resolved> dnsCache = new ConcurrentHashMap<>();

    private record Resolved(List<InetAddress> addresses, long expiresAt) {
    }

    public TcpTransport(Loop loop, ConnectorSettings settings, SslContext sslContext, boolean verifyHostname) {
        this.loop = loop;
        this.useDnsCache = settings.useDnsCache();
        this.dnsCacheTtl = settings.dnsCacheTtl();
        this.localAddress = settings.localAddress();
        this.sslContext = sslContext;
        this.verifyHostname = verifyHostname;
    }

    @Override
    public CompletableFuture<Channel> connect(Origin origin, EventLoop eventLoop, Tracer tracer) {
        Origin.ProxyTarget proxy = origin.proxy();
        String dialHost = proxy == null ? origin.host() : proxy.host();
        int dialPort = proxy == null ? origin.port() : proxy.port();
        return resolve(dialHost, tracer).thenCompose(addresses -> dial(origin, eventLoop, addresses, 0, dialPort));
    }

    private CompletableFuture<List<InetAddress>> resolve(String host, Tracer tracer) {
        InetAddress literal = literal(host);
        if (literal != null) {
            return CompletableFuture.completedFuture(List.of(literal));
        }
        if (useDnsCache) {
            Resolved r = dnsCache.get(host);
            if (r != null && r.expiresAt - loop.nanoTime() > 0) {
                tracer.on(new TraceEvent.DnsResolve(host, r.addresses, true));
                return CompletableFuture.completedFuture(r.addresses);
            }
        }
        return loop.runBlocking(() -> List.of(InetAddress.getAllByName(host)))
                .handle((addresses, error) -> {
                    if (error != null) {
                        throw new ClientConnectionException("cannot resolve host " + host + ": " + error.getMessage(),
                                error);
                    }
                    if (useDnsCache) {
                        dnsCache.put(host, new Resolved(addresses, loop.nanoTime() + dnsCacheTtl.toNanos()));
                    }
                    tracer.on(new TraceEvent.DnsResolve(host, addresses, false));
                    return addresses;
                }).toCompletableFuture();
    }

    /** Tries the addresses in order, as aiohttp does without happy eyeballs. */
    private CompletableFuture<Channel> dial(Origin origin, EventLoop eventLoop, List<InetAddress> addresses, int index,
                                            int port) {
        CompletableFuture<Channel> result = new CompletableFuture<>();
        InetSocketAddress remote = new InetSocketAddress(addresses.get(index), port);
        Bootstrap b = new Bootstrap()
                .group(eventLoop)
                .channel(NettyLoop.nativeTransport() ? EpollSocketChannel.class : NioSocketChannel.class)
                .resolver(NoopAddressResolverGroup.INSTANCE) // resolved above, off the loop; a tunnel's target never
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        Origin.ProxyTarget proxy = origin.proxy();
                        if (proxy != null && origin.secure()) {
                            HttpProxyHandler tunnel = proxy.user() == null
                                    ? new HttpProxyHandler(remote)
                                    : new HttpProxyHandler(remote, proxy.user(), proxy.password());
                            tunnel.setConnectTimeoutMillis(0); // the session's connect timeout covers it
                            ch.pipeline().addLast("proxy", tunnel);
                        }
                        if (origin.secure()) {
                            ch.pipeline().addLast("tls", tlsHandler(ch, origin));
                        }
                        ch.pipeline().addLast(SETUP_GUARD, new SetupGuard());
                    }
                });
        ChannelFuture connect = localAddress == null
                ? b.connect(proxyAwareRemote(origin, remote))
                : b.connect(proxyAwareRemote(origin, remote), new InetSocketAddress(localAddress, 0));
        connect.addListener(f -> {
            if (!f.isSuccess()) {
                if (index + 1 < addresses.size()) {
                    dial(origin, eventLoop, addresses, index + 1, port).whenComplete((ch, e) -> {
                        if (e != null) {
                            result.completeExceptionally(e);
                        } else {
                            result.complete(ch);
                        }
                    });
                } else {
                    result.completeExceptionally(new ClientConnectionException("cannot connect to " + origin
                            + " at " + remote + ": " + f.cause().getMessage(), f.cause()));
                }
                return;
            }
            Channel ch = connect.channel();
            ready(ch, origin).whenComplete((ok, e) -> {
                if (e == null && ch.pipeline().get(SETUP_GUARD) != null) {
                    ch.pipeline().remove(SETUP_GUARD); // on failure it stays, for the exception event that follows
                }
                if (e != null) {
                    ch.close();
                    result.completeExceptionally(e instanceof ClientConnectionException ? e
                            : new ClientConnectionException((origin.secure() ? "TLS handshake" : "proxy tunnel")
                            + " with " + origin + " failed: " + e.getMessage(), e));
                } else {
                    result.complete(ch);
                }
            });
        });
        return result;
    }

    /**
     * Where the socket connects: for a tunnel, HttpProxyHandler is told the proxy address at construction and the
     * connect target is the origin, which the handler turns into a CONNECT request.
     */
    private static final String SETUP_GUARD = "setup-guard";

    /**
     * Ends the pipeline while the proxy tunnel and TLS are set up: their failures are reported through
     * {@link #ready}, so the exception event they also fire stops here instead of being logged by Netty's tail.
     */
    private static final class SetupGuard extends io.netty.channel.ChannelInboundHandlerAdapter {
        @Override
        public void exceptionCaught(io.netty.channel.ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    private static InetSocketAddress proxyAwareRemote(Origin origin, InetSocketAddress remote) {
        if (origin.proxy() != null && origin.secure()) {
            return InetSocketAddress.createUnresolved(origin.host(), origin.port());
        }
        return remote;
    }

    /** Completes when the proxy tunnel and the TLS handshake, whichever are present, are done. */
    private static CompletableFuture<Void> ready(Channel ch, Origin origin) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        HttpProxyHandler proxy = ch.pipeline().get(HttpProxyHandler.class);
        SslHandler tls = ch.pipeline().get(SslHandler.class);
        Runnable afterProxy = () -> {
            if (tls == null) {
                done.complete(null);
                return;
            }
            tls.handshakeFuture().addListener(h -> {
                if (h.isSuccess()) {
                    done.complete(null);
                } else {
                    done.completeExceptionally(h.cause());
                }
            });
        };
        if (proxy == null) {
            afterProxy.run();
        } else {
            proxy.connectFuture().addListener(p -> {
                if (p.isSuccess()) {
                    ch.pipeline().remove(proxy);
                    afterProxy.run();
                } else {
                    done.completeExceptionally(p.cause());
                }
            });
        }
        return done;
    }

    private SslHandler tlsHandler(Channel ch, Origin origin) {
        // The peer host names the server for SNI (the JDK leaves SNI out for IP literals) and for the host name check.
        SslHandler handler = sslContext.newHandler(ch.alloc(), origin.host(), origin.port());
        SSLEngine engine = handler.engine();
        SSLParameters params = engine.getSSLParameters();
        params.setEndpointIdentificationAlgorithm(verifyHostname ? "HTTPS" : null);
        engine.setSSLParameters(params);
        handler.setHandshakeTimeoutMillis(0); // the session's connect timeout covers it
        return handler;
    }

    private static @Nullable InetAddress literal(String host) {
        boolean v4 = IpLiterals.isIpv4(host);
        if (!v4 && host.indexOf(':') < 0) {
            return null;
        }
        try {
            return InetAddress.getByName(host); // a literal: no lookup happens
        } catch (UnknownHostException e) {
            return null;
        }
    }

    @Override
    public void close() {
        dnsCache.clear();
    }

    @Override
    public String toString() {
        return "TcpTransport[dnsCache=" + (useDnsCache ? dnsCacheTtl : "off") + ", local="
                + (localAddress == null ? "any" : Arrays.toString(localAddress.getAddress())) + "]";
    }
}
