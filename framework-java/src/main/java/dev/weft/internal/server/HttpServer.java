package dev.weft.internal.server;

import dev.weft.internal.loop.NettyLoop;
import dev.weft.internal.web.Dispatcher;
import dev.weft.internal.web.ProtocolSwitch;
import dev.weft.loop.LoopClock;
import dev.weft.web.BoundSite;
import dev.weft.web.RouteDef;
import dev.weft.web.ServerConfig;
import dev.weft.web.Site;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalServerChannel;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.socket.nio.NioServerDomainSocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.util.AsciiString;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The listening half of a running application: binds sites, keeps track of open connections and requests in
 * progress, and carries out the connection steps of a graceful stop (stop accepting, close idle connections, wait,
 * force the rest).
 */
public final class HttpServer {
    private static final Set<String> STANDARD_METHODS =
            Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH");

    private final Dispatcher dispatcher;
    private final ServerConfig config;
    private final NettyLoop loop;
    private final AccessLogger accessLog;
    private final ResponseWriter writer;
    private final Set<String> knownMethods;
    private final Set<Http1Connection> connections = ConcurrentHashMap.newKeySet();
    /** Connections that switched protocols (WebSockets), closed their own way at a graceful stop. */
    private final Set<ProtocolSwitch.Upgraded> upgraded = ConcurrentHashMap.newKeySet();
    private final List<Channel> listeners = new CopyOnWriteArrayList<>();
    private final List<BoundSite> sites = new CopyOnWriteArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final CompletableFuture<Void> drained = new CompletableFuture<>();
    private volatile boolean stopping;

    public HttpServer(Dispatcher dispatcher, ServerConfig config, NettyLoop loop, List<RouteDef> allRoutes) {
        this.dispatcher = dispatcher;
        this.config = config;
        this.loop = loop;
        this.accessLog = new AccessLogger(config.accessLog(), loop.clock());
        this.writer = new ResponseWriter(AsciiString.cached(config.serverHeader()), loop.clock());
        Set<String> methods = new HashSet<>(STANDARD_METHODS);
        for (RouteDef r : allRoutes) {
            methods.add(r.method());
        }
        this.knownMethods = Set.copyOf(methods);
    }

    /** Binds {@code site}; completes with the address actually bound. */
    public CompletionStage<BoundSite> bind(Site site) {
        if (stopping) {
            return CompletableFuture.failedFuture(new IllegalStateException("the server is stopping"));
        }
        ServerBootstrap b = new ServerBootstrap()
                .group(loop.group())
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline()
                                .addLast("decoder", new RequestDecoder(config.limits(), loop))
                                .addLast("encoder", new HttpResponseEncoder())
                                .addLast("weft", new Http1Connection(HttpServer.this));
                    }
                });
        SocketAddress address;
        if (site instanceof Site.Tcp tcp) {
            b.channel(tcpChannel()).option(ChannelOption.SO_BACKLOG, config.backlog())
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childOption(ChannelOption.TCP_NODELAY, true);
            address = new InetSocketAddress(tcp.host(), tcp.port());
        } else if (site instanceof Site.InMemory memory) {
            b.channel(LocalServerChannel.class);
            address = new LocalAddress(memory.name());
        } else {
            Site.Unix unix = (Site.Unix) site;
            b.option(ChannelOption.SO_BACKLOG, config.backlog());
            try {
                Files.deleteIfExists(unix.path());
            } catch (java.io.IOException e) {
                return CompletableFuture.failedFuture(e);
            }
            if (Epoll.isAvailable()) {
                b.channel(EpollServerDomainSocketChannel.class);
                address = new DomainSocketAddress(unix.path().toString());
            } else {
                b.channel(NioServerDomainSocketChannel.class);
                address = UnixDomainSocketAddress.of(unix.path());
            }
        }
        CompletableFuture<BoundSite> result = new CompletableFuture<>();
        b.bind(address).addListener((io.netty.channel.ChannelFutureListener) f -> {
            if (!f.isSuccess()) {
                result.completeExceptionally(f.cause());
                return;
            }
            listeners.add(f.channel());
            BoundSite bound = describe(site, f.channel().localAddress());
            sites.add(bound);
            result.complete(bound);
        });
        return result;
    }

    private static Class<? extends ServerChannel> tcpChannel() {
        return Epoll.isAvailable() ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    private static BoundSite describe(Site site, SocketAddress bound) {
        if (bound instanceof InetSocketAddress inet) {
            String host = inet.getAddress() != null ? inet.getAddress().getHostAddress() : inet.getHostString();
            if (host.contains(":")) {
                host = "[" + host + "]";
            }
            return new BoundSite(site, bound, inet.getPort(), "http://" + host + ":" + inet.getPort());
        }
        if (site instanceof Site.InMemory memory) {
            return new BoundSite(site, bound, -1, "http://" + memory.name());
        }
        Site.Unix unix = (Site.Unix) site;
        return new BoundSite(site, UnixDomainSocketAddress.of(unix.path()), -1, "unix:" + unix.path());
    }

    public List<BoundSite> sites() {
        return List.copyOf(sites);
    }

    // ---- graceful stop

    /** Step 1: closes every listener; new connections are refused. */
    public CompletionStage<Void> stopAccepting() {
        stopping = true;
        List<CompletableFuture<Void>> closes = new ArrayList<>();
        for (Channel ch : listeners) {
            CompletableFuture<Void> done = new CompletableFuture<>();
            ch.close().addListener(f -> done.complete(null));
            closes.add(done);
        }
        listeners.clear();
        for (BoundSite s : sites) {
            if (s.site() instanceof Site.Unix unix) {
                try {
                    Files.deleteIfExists(unix.path());
                } catch (java.io.IOException ignored) {
                    // the socket file may be gone already
                }
            }
        }
        return CompletableFuture.allOf(closes.toArray(CompletableFuture[]::new));
    }

    /** Step 2: idle connections close now; busy ones close after their current response. */
    public void closeIdleConnections() {
        for (Http1Connection c : connections) {
            c.executor().execute(c::shutdown);
        }
        checkDrained();
    }

    /**
     * Step 3: closes every connection that switched protocols its own way (a WebSocket with 1001); completes when
     * each has written its close (not when the peers answered: the drain waits for that).
     */
    public CompletionStage<Void> closeUpgraded() {
        List<CompletableFuture<Void>> closes = new ArrayList<>();
        for (ProtocolSwitch.Upgraded u : upgraded) {
            closes.add(u.serverStopping().toCompletableFuture().exceptionally(t -> null));
        }
        return CompletableFuture.allOf(closes.toArray(CompletableFuture[]::new));
    }

    /** How many connections switched protocols and are still open. */
    public int openUpgraded() {
        return upgraded.size();
    }

    /** Completes when no connection is left open. */
    public CompletionStage<Void> drained() {
        checkDrained();
        return drained;
    }

    /** Step 5: closes what is still open, cancelling handlers in progress; returns how many were cut off. */
    public int forceClose() {
        int busy = 0;
        for (Http1Connection c : connections) {
            if (c.busy()) {
                busy++;
            }
            c.executor().execute(c::forceClose);
        }
        return busy;
    }

    public int inFlight() {
        return inFlight.get();
    }

    public int openConnections() {
        return connections.size();
    }

    // ---- for connections

    void register(Http1Connection c) {
        connections.add(c);
        if (stopping) {
            c.shutdown();
        }
    }

    void registerUpgraded(ProtocolSwitch.Upgraded u) {
        upgraded.add(u);
        if (stopping) {
            u.serverStopping();
        }
    }

    void unregisterUpgraded(ProtocolSwitch.Upgraded u) {
        upgraded.remove(u);
    }

    void unregister(Http1Connection c) {
        connections.remove(c);
        checkDrained();
    }

    private void checkDrained() {
        if (stopping && connections.isEmpty()) {
            drained.complete(null);
        }
    }

    void exchangeStarted() {
        inFlight.incrementAndGet();
    }

    void exchangeEnded() {
        inFlight.decrementAndGet();
    }

    boolean stopping() {
        return stopping;
    }

    boolean knownMethod(String method) {
        return knownMethods.contains(method);
    }

    Dispatcher dispatcher() {
        return dispatcher;
    }

    public ServerConfig config() {
        return config;
    }

    public NettyLoop loop() {
        return loop;
    }

    /** The clock of every timestamp and deadline of this server: its loop's. */
    LoopClock clock() {
        return loop.clock();
    }

    AccessLogger accessLog() {
        return accessLog;
    }

    /** Encodes this server's responses. */
    ResponseWriter writer() {
        return writer;
    }
}
