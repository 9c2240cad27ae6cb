package dev.weft.client;

import dev.weft.internal.client.ConnectorSettings;
import dev.weft.internal.client.PooledConnector;
import dev.weft.loop.Loop;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

/**
 * The connection pool behind {@link ClientSession}s (aiohttp's {@code TCPConnector}): keep-alive connections per
 * origin (scheme, host, port, proxy), a DNS cache, TLS, and limits. Several sessions may share one connector
 * ({@link ClientSession.Builder#connectorOwner(boolean) connectorOwner(false)}): they share its connections but keep
 * their own cookies.
 * <ul>
 *   <li>{@code limit}: connections open at once in all, default {@value #DEFAULT_LIMIT}; 0 is no limit</li>
 *   <li>{@code limitPerHost}: per origin, default {@value #DEFAULT_LIMIT_PER_HOST} (no limit)</li>
 *   <li>{@code keepaliveTimeout}: how long an idle connection is kept, default {@link #DEFAULT_KEEPALIVE_TIMEOUT}
 *       (15 s, as aiohttp)</li>
 *   <li>{@code dnsCacheTtl}: how long a resolved host is remembered, default {@link #DEFAULT_DNS_CACHE_TTL}
 *       (10 s)</li>
 *   <li>{@code inMemorySite}: an in-memory site of this JVM that every origin connects to instead of TCP (for
 *       tests); default none</li>
 * </ul>
 * Callers that find the limits reached wait in a first-come, first-served queue. A pooled connection the server
 * closed is noticed while idle and dropped; if a request on a reused connection still fails before any byte of its
 * response arrived (the server closed it as it was sent), an idempotent request with a replayable body is retried
 * once on a new connection.
 *
 * <p>A connector runs on one thread of its {@link Loop}. Any thread may call its methods.
 */
public interface TcpConnector extends AutoCloseable {
    int DEFAULT_LIMIT = 100;
    int DEFAULT_LIMIT_PER_HOST = 0;
    Duration DEFAULT_KEEPALIVE_TIMEOUT = Duration.ofSeconds(15);
    Duration DEFAULT_DNS_CACHE_TTL = Duration.ofSeconds(10);

    /** A connector with the defaults on {@link Loop#current()}. */
    static TcpConnector create() {
        return builder().build();
    }

    /** A connector with the defaults changed by {@code config}. */
    static TcpConnector create(Consumer<Builder> config) {
        Builder b = builder();
        config.accept(b);
        return b.build();
    }

    /** A builder with the defaults. */
    static Builder builder() {
        return new Builder();
    }

    /** The loop the connector runs on. */
    Loop loop();

    /** The total limit (0: none). */
    int limit();

    /** The per-origin limit (0: none). */
    int limitPerHost();

    /** Connections open now, busy and idle. */
    int openConnections();

    /** Idle keep-alive connections now. */
    int idleConnections();

    /** Whether {@link #close()} was called. */
    boolean isClosed();

    /** Closes every connection (requests in flight fail) and fails every waiting caller. Idempotent, any thread. */
    @Override
    void close();

    /** Builds a {@link TcpConnector}. Not thread-safe. */
    final class Builder {
        private @Nullable Loop loop;
        private int limit = DEFAULT_LIMIT;
        private int limitPerHost = DEFAULT_LIMIT_PER_HOST;
        private Duration keepaliveTimeout = DEFAULT_KEEPALIVE_TIMEOUT;
        private boolean forceClose;
        private boolean useDnsCache = true;
        private Duration dnsCacheTtl = DEFAULT_DNS_CACHE_TTL;
        private @Nullable InetAddress localAddress;
        private boolean verifySsl = true;
        private @Nullable SSLContext sslContext;
        private ClientLimits limits = ClientLimits.create();
        private @Nullable String inMemorySite;

        private Builder() {
        }

        /** The loop to run on; default {@link Loop#current()} when built. */
        public Builder loop(Loop loop) {
            this.loop = loop;
            return this;
        }

        /** Connections open at once in all; 0 for no limit. Default {@value TcpConnector#DEFAULT_LIMIT}. */
        public Builder limit(int limit) {
            if (limit < 0) {
                throw new IllegalArgumentException("limit must be 0 (none) or positive, got " + limit);
            }
            this.limit = limit;
            return this;
        }

        /** Connections open at once to one origin; 0 (the default) for no limit. */
        public Builder limitPerHost(int limitPerHost) {
            if (limitPerHost < 0) {
                throw new IllegalArgumentException("limitPerHost must be 0 (none) or positive, got " + limitPerHost);
            }
            this.limitPerHost = limitPerHost;
            return this;
        }

        /** How long an idle connection stays in the pool. Default 15 s. */
        public Builder keepaliveTimeout(Duration keepaliveTimeout) {
            if (keepaliveTimeout.isNegative() || keepaliveTimeout.isZero()) {
                throw new IllegalArgumentException("keepaliveTimeout must be positive; use forceClose(true) for none");
            }
            this.keepaliveTimeout = keepaliveTimeout;
            return this;
        }

        /** Close each connection after its response instead of pooling it. Default false. */
        public Builder forceClose(boolean forceClose) {
            this.forceClose = forceClose;
            return this;
        }

        /** Whether to cache DNS answers. Default true. */
        public Builder useDnsCache(boolean useDnsCache) {
            this.useDnsCache = useDnsCache;
            return this;
        }

        /** How long a DNS answer is cached. Default 10 s. */
        public Builder dnsCacheTtl(Duration ttl) {
            if (ttl.isNegative()) {
                throw new IllegalArgumentException("dnsCacheTtl must not be negative, got " + ttl);
            }
            this.dnsCacheTtl = ttl;
            return this;
        }

        /** The local IP address outgoing connections are bound to (port chosen by the system). Default any. */
        public Builder localAddress(InetAddress localAddress) {
            this.localAddress = localAddress;
            return this;
        }

        /** {@link #localAddress(InetAddress)} from an IP literal such as {@code "127.0.0.2"}. */
        public Builder localAddress(String ip) {
            if (!ip.matches("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")) {
                throw new IllegalArgumentException("localAddress takes an IP address, not a host name: " + ip);
            }
            try {
                return localAddress(InetAddress.getByName(ip));
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("not an IP address: " + ip, e);
            }
        }

        /**
         * Whether to verify TLS certificates and host names. Default true; false accepts any certificate (for
         * tests against self-signed servers only).
         */
        public Builder verifySsl(boolean verifySsl) {
            this.verifySsl = verifySsl;
            return this;
        }

        /** The JDK TLS context to use (its trust and key managers); default the JDK's default trust store. */
        public Builder sslContext(SSLContext sslContext) {
            this.sslContext = sslContext;
            return this;
        }

        /** Response limits: status line, headers, body. Default {@link ClientLimits#create()}. */
        public Builder limits(ClientLimits limits) {
            this.limits = limits;
            return this;
        }

        /**
         * Connects every origin, whatever its scheme, host and port, to the in-memory site named {@code name} of this
         * JVM (a server listening on {@code Site.inMemory(name)}) instead of over TCP: the connector a test uses to
         * reach a server with no socket. The requests are the same (the URL's host goes in the {@code Host} header,
         * the pool and the limits work as over TCP); DNS, proxies, TLS and {@link #localAddress} do not apply, so an
         * {@code https} URL is sent as plain HTTP. Not set by default.
         *
         * <p>The connector's loop must be one made for in-memory channels (the test harness's
         * {@code TestTransport.MEMORY.newLoop(..)}); on another loop each connection fails with a
         * {@link ClientConnectionException} that says so. So does a connection when no server is bound to
         * {@code name}.
         *
         * @throws IllegalArgumentException if {@code name} is not a host name (letters, digits, {@code .}, {@code -})
         */
        public Builder inMemorySite(String name) {
            if (name.isEmpty() || !name.matches("[A-Za-z0-9.-]+")) {
                throw new IllegalArgumentException("an in-memory site's name is a host name (letters, digits, '.',"
                        + " '-'), got '" + name + "'");
            }
            this.inMemorySite = name;
            return this;
        }

        /** The connector, on the loop given or else {@link Loop#current()}. */
        public TcpConnector build() {
            Loop on = loop == null ? Loop.current() : loop;
            ConnectorSettings settings = new ConnectorSettings(limit, limitPerHost, keepaliveTimeout, forceClose,
                    useDnsCache, dnsCacheTtl, localAddress, limits);
            return inMemorySite == null ? PooledConnector.tcp(on, settings, verifySsl, sslContext)
                    : PooledConnector.inMemory(on, settings, inMemorySite);
        }
    }
}
