package dev.weft.web;

import dev.weft.internal.util.Checks;
import dev.weft.internal.util.Deprecations;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * How a server runs an application: limits, shutdown grace, backlog, access log.
 * <ul>
 *   <li>{@code limits}: per-connection limits, default {@link ServerLimits#create()}</li>
 *   <li>{@code shutdownGrace}: how long a graceful stop waits for in-flight requests, default 60 s
 *       ({@link #DEFAULT_SHUTDOWN_GRACE}, aiohttp's); zero for no wait</li>
 *   <li>{@code backlog}: the listen backlog, the connections the OS queues before the server accepts them, default
 *       {@value #DEFAULT_BACKLOG}</li>
 *   <li>{@code accessLog}: the access log, default {@link AccessLog#defaults()}</li>
 *   <li>{@code cancelOnDisconnect}: whether a handler's stage is cancelled when its client disconnects, default
 *       {@value #DEFAULT_CANCEL_ON_DISCONNECT} (the test harness turns it on, as aiohttp's test server does)</li>
 *   <li>{@code serverHeader}: the {@code Server} header value, or empty for none; printable ASCII, default
 *       {@value #DEFAULT_SERVER_HEADER}</li>
 * </ul>
 * The constructor refuses a bad setting with a message naming it. Change one with its wither
 * ({@code config.withShutdownGrace(Duration.ofSeconds(5))}) or several with the builder, whose methods have the same
 * names:
 *
 * <pre>{@code
 * ServerConfig config = ServerConfig.create(c -> c.shutdownGrace(Duration.ofSeconds(5)).accessLog(AccessLog.off()));
 * }</pre>
 *
 * @param limits             per-connection limits
 * @param shutdownGrace      how long a graceful stop waits for in-flight requests
 * @param backlog            the listen backlog
 * @param accessLog          the access log
 * @param cancelOnDisconnect whether a handler's stage is cancelled when its client disconnects
 * @param serverHeader       the {@code Server} header value, or empty for none
 */
public record ServerConfig(ServerLimits limits, Duration shutdownGrace, int backlog, AccessLog accessLog,
                           boolean cancelOnDisconnect, String serverHeader) {
    /** Default {@code shutdownGrace}: aiohttp's 60 s. */
    public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(60);
    /** Default {@code backlog}: aiohttp's 128. */
    public static final int DEFAULT_BACKLOG = 128;
    /** Default {@code cancelOnDisconnect}: off. */
    public static final boolean DEFAULT_CANCEL_ON_DISCONNECT = false;
    /** Default {@code serverHeader}. */
    public static final String DEFAULT_SERVER_HEADER = "Weft";

    private static final ServerConfig DEFAULTS = new ServerConfig(ServerLimits.create(), DEFAULT_SHUTDOWN_GRACE,
            DEFAULT_BACKLOG, AccessLog.defaults(), DEFAULT_CANCEL_ON_DISCONNECT, DEFAULT_SERVER_HEADER);

    /**
     * A config with every setting given.
     *
     * @throws IllegalArgumentException naming the setting when one is out of range
     * @throws NullPointerException     naming the setting when one is null
     */
    public ServerConfig {
        Checks.notNull(limits, "ServerConfig.limits");
        Checks.notNull(shutdownGrace, "ServerConfig.shutdownGrace");
        if (shutdownGrace.isNegative()) {
            throw new IllegalArgumentException("ServerConfig.shutdownGrace must not be negative, got "
                    + shutdownGrace);
        }
        Checks.positive(backlog, "ServerConfig.backlog");
        Checks.notNull(accessLog, "ServerConfig.accessLog");
        Checks.notNull(serverHeader, "ServerConfig.serverHeader");
        for (int i = 0; i < serverHeader.length(); i++) {
            char c = serverHeader.charAt(i);
            if (c < 0x20 || c >= 0x7f) {
                throw new IllegalArgumentException("ServerConfig.serverHeader must be printable ASCII, got a U+"
                        + String.format("%04X", (int) c) + " at index " + i);
            }
        }
    }

    /** The defaults above. */
    public static ServerConfig create() {
        return DEFAULTS;
    }

    /** The defaults changed by {@code change}: {@code ServerConfig.create(c -> c.accessLog(AccessLog.off()))}. */
    public static ServerConfig create(Consumer<Builder> change) {
        Builder b = builder();
        change.accept(b);
        return b.build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder(DEFAULTS);
    }

    /** A builder starting from this config. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * The defaults.
     *
     * @deprecated use {@link #create()}, the name every configuration value uses; logs a warning on first use
     */
    @Deprecated(since = "0.1")
    public static ServerConfig defaults() {
        Deprecations.warnOnce("ServerConfig.defaults()", "ServerConfig.create()");
        return DEFAULTS;
    }

    /** This config with {@code limits} changed. */
    public ServerConfig withLimits(ServerLimits limits) {
        return toBuilder().limits(limits).build();
    }

    /** This config with {@code shutdownGrace} changed. */
    public ServerConfig withShutdownGrace(Duration shutdownGrace) {
        return toBuilder().shutdownGrace(shutdownGrace).build();
    }

    /** This config with {@code backlog} changed. */
    public ServerConfig withBacklog(int backlog) {
        return toBuilder().backlog(backlog).build();
    }

    /** This config with {@code accessLog} changed. */
    public ServerConfig withAccessLog(AccessLog accessLog) {
        return toBuilder().accessLog(accessLog).build();
    }

    /** This config with {@code cancelOnDisconnect} changed. */
    public ServerConfig withCancelOnDisconnect(boolean cancelOnDisconnect) {
        return toBuilder().cancelOnDisconnect(cancelOnDisconnect).build();
    }

    /** This config with {@code serverHeader} changed. */
    public ServerConfig withServerHeader(String serverHeader) {
        return toBuilder().serverHeader(serverHeader).build();
    }

    /**
     * Builds a {@link ServerConfig}: setters return this and are named like the settings, {@link #build()} validates.
     * Not thread-safe.
     */
    public static final class Builder {
        private ServerLimits limits;
        private Duration shutdownGrace;
        private int backlog;
        private AccessLog accessLog;
        private boolean cancelOnDisconnect;
        private String serverHeader;

        private Builder(ServerConfig from) {
            limits = from.limits;
            shutdownGrace = from.shutdownGrace;
            backlog = from.backlog;
            accessLog = from.accessLog;
            cancelOnDisconnect = from.cancelOnDisconnect;
            serverHeader = from.serverHeader;
        }

        /** Sets {@code limits}, default {@link ServerLimits#create()}. */
        public Builder limits(ServerLimits limits) {
            this.limits = limits;
            return this;
        }

        /** Sets the {@code keepAliveTimeout} of the limits: {@code limits(limits.withKeepAliveTimeout(timeout))}. */
        public Builder keepAliveTimeout(Duration timeout) {
            this.limits = limits.withKeepAliveTimeout(timeout);
            return this;
        }

        /** Sets {@code shutdownGrace}, default {@link ServerConfig#DEFAULT_SHUTDOWN_GRACE}. */
        public Builder shutdownGrace(Duration grace) {
            this.shutdownGrace = grace;
            return this;
        }

        /** Sets {@code backlog}, default {@value ServerConfig#DEFAULT_BACKLOG}. */
        public Builder backlog(int backlog) {
            this.backlog = backlog;
            return this;
        }

        /** Sets {@code accessLog}, default {@link AccessLog#defaults()}. */
        public Builder accessLog(AccessLog accessLog) {
            this.accessLog = accessLog;
            return this;
        }

        /** Sets {@code cancelOnDisconnect}, default {@value ServerConfig#DEFAULT_CANCEL_ON_DISCONNECT}. */
        public Builder cancelOnDisconnect(boolean cancel) {
            this.cancelOnDisconnect = cancel;
            return this;
        }

        /** Sets {@code serverHeader}, default {@value ServerConfig#DEFAULT_SERVER_HEADER}; empty for none. */
        public Builder serverHeader(String value) {
            this.serverHeader = value;
            return this;
        }

        /**
         * The config set so far.
         *
         * @throws IllegalArgumentException naming the setting when one is out of range
         * @throws NullPointerException     naming the setting when one is null
         */
        public ServerConfig build() {
            return new ServerConfig(limits, shutdownGrace, backlog, accessLog, cancelOnDisconnect, serverHeader);
        }
    }
}
