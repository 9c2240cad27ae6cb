package dev.weft.web;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How a server runs an application: limits, shutdown grace, backlog, access log.
 *
 * <pre>{@code
 * ServerConfig config = ServerConfig.create(c -> c.shutdownGrace(Duration.ofSeconds(5)).accessLog(AccessLog.off()));
 * }</pre>
 *
 * @param limits             per-connection limits
 * @param shutdownGrace      how long a graceful stop waits for in-flight requests, default 60 s (aiohttp's)
 * @param backlog            the listen backlog, default {@value #DEFAULT_BACKLOG}
 * @param accessLog          the access log
 * @param cancelOnDisconnect whether a handler's stage is cancelled when its client disconnects (off by default; the
 *                           test harness turns it on, as aiohttp's test server does)
 * @param serverHeader       the {@code Server} header value, or empty for none
 */
public record ServerConfig(ServerLimits limits, Duration shutdownGrace, int backlog, AccessLog accessLog,
                           boolean cancelOnDisconnect, String serverHeader) {
    public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(60);
    public static final int DEFAULT_BACKLOG = 128;
    public static final String DEFAULT_SERVER_HEADER = "Weft";

    public ServerConfig {
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(accessLog, "accessLog");
        if (shutdownGrace.isNegative()) {
            throw new IllegalArgumentException("shutdownGrace must not be negative, got " + shutdownGrace);
        }
        if (backlog <= 0) {
            throw new IllegalArgumentException("backlog must be positive, got " + backlog);
        }
        for (int i = 0; i < serverHeader.length(); i++) {
            char c = serverHeader.charAt(i);
            if (c < 0x20 || c >= 0x7f) {
                throw new IllegalArgumentException("serverHeader must be printable ASCII");
            }
        }
    }

    /** The defaults. */
    public static ServerConfig defaults() {
        return new ServerConfig(ServerLimits.defaults(), DEFAULT_SHUTDOWN_GRACE, DEFAULT_BACKLOG,
                AccessLog.defaults(), false, DEFAULT_SERVER_HEADER);
    }

    /** The defaults changed by {@code change}. */
    public static ServerConfig create(Consumer<Builder> change) {
        Builder b = builder();
        change.accept(b);
        return b.build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder(defaults());
    }

    /** A builder starting from this config. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Builds a {@link ServerConfig}; every setting is validated by {@link #build()}. */
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

        public Builder limits(ServerLimits limits) {
            this.limits = limits;
            return this;
        }

        public Builder keepAliveTimeout(Duration timeout) {
            this.limits = limits.withKeepAliveTimeout(timeout);
            return this;
        }

        public Builder shutdownGrace(Duration grace) {
            this.shutdownGrace = grace;
            return this;
        }

        public Builder backlog(int backlog) {
            this.backlog = backlog;
            return this;
        }

        public Builder accessLog(AccessLog accessLog) {
            this.accessLog = accessLog;
            return this;
        }

        public Builder cancelOnDisconnect(boolean cancel) {
            this.cancelOnDisconnect = cancel;
            return this;
        }

        public Builder serverHeader(String value) {
            this.serverHeader = value;
            return this;
        }

        public ServerConfig build() {
            return new ServerConfig(limits, shutdownGrace, backlog, accessLog, cancelOnDisconnect, serverHeader);
        }
    }
}
