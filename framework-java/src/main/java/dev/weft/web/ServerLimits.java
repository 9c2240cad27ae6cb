package dev.weft.web;

import dev.weft.internal.util.Checks;
import dev.weft.internal.util.Deprecations;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Limits the server enforces on each connection; exceeding one is answered with the status in brackets and the
 * connection is closed.
 * <ul>
 *   <li>{@code maxRequestLineBytes}, default {@value #DEFAULT_MAX_REQUEST_LINE_BYTES} [414]; a chunk-size line
 *       (with its extensions) has the same limit [400]</li>
 *   <li>{@code maxHeaderBytes}, the whole header section, default {@value #DEFAULT_MAX_HEADER_BYTES} [431]; the
 *       trailer section of a chunked body counts towards the same total [431]</li>
 *   <li>{@code maxHeaderCount}, header fields in the header section, and separately in the trailer section, default
 *       {@value #DEFAULT_MAX_HEADER_COUNT} [431]</li>
 *   <li>{@code maxChunkBytes}, the largest piece of body handed on at once, default
 *       {@value #DEFAULT_MAX_CHUNK_BYTES}</li>
 *   <li>{@code keepAliveTimeout}, how long an idle connection stays open, default 75 s
 *       ({@link #DEFAULT_KEEP_ALIVE_TIMEOUT}, aiohttp's)</li>
 *   <li>{@code headerTimeout}, how long a request head (request line and header section) may take to arrive,
 *       counted from its first byte and not extended by later bytes, default 20 s ({@link #DEFAULT_HEADER_TIMEOUT},
 *       Apache's mod_reqtimeout) [408]</li>
 *   <li>{@code bodyIdleTimeout}, how long the client may pause while sending a request body, default 60 s
 *       ({@link #DEFAULT_BODY_IDLE_TIMEOUT}, nginx's {@code client_body_timeout}) [408]</li>
 * </ul>
 * The request body limit is per application: {@link Application#clientMaxSize(long)} [413].
 *
 * <p>Every setting must be positive; the constructor refuses others with a message naming the setting. Change one
 * with its wither ({@code ServerLimits.create().withMaxHeaderBytes(16384)}) or several with the builder, whose
 * methods have the same names ({@code ServerLimits.create(b -> b.maxHeaderBytes(16384).maxHeaderCount(64))}).
 *
 * @param maxRequestLineBytes the longest request line [414]
 * @param maxHeaderBytes      the largest header section [431]
 * @param maxHeaderCount      the most header fields [431]
 * @param maxChunkBytes       the largest piece of body handed on at once
 * @param keepAliveTimeout    how long an idle connection stays open
 * @param headerTimeout       how long a request head may take to arrive [408]
 * @param bodyIdleTimeout     how long the client may pause while sending a body [408]
 */
public record ServerLimits(int maxRequestLineBytes, int maxHeaderBytes, int maxHeaderCount, int maxChunkBytes,
                           Duration keepAliveTimeout, Duration headerTimeout, Duration bodyIdleTimeout) {
    /** Default {@code maxRequestLineBytes}: 4 KiB. */
    public static final int DEFAULT_MAX_REQUEST_LINE_BYTES = 4096;
    /** Default {@code maxHeaderBytes}: 8 KiB. */
    public static final int DEFAULT_MAX_HEADER_BYTES = 8192;
    /** Default {@code maxHeaderCount}: aiohttp's 128. */
    public static final int DEFAULT_MAX_HEADER_COUNT = 128;
    /** Default {@code maxChunkBytes}: 8 KiB. */
    public static final int DEFAULT_MAX_CHUNK_BYTES = 8192;
    /** Default {@code keepAliveTimeout}: aiohttp's 75 s. */
    public static final Duration DEFAULT_KEEP_ALIVE_TIMEOUT = Duration.ofSeconds(75);
    /** Default {@code headerTimeout}: 20 s. */
    public static final Duration DEFAULT_HEADER_TIMEOUT = Duration.ofSeconds(20);
    /** Default {@code bodyIdleTimeout}: 60 s. */
    public static final Duration DEFAULT_BODY_IDLE_TIMEOUT = Duration.ofSeconds(60);

    private static final ServerLimits DEFAULTS = new ServerLimits(DEFAULT_MAX_REQUEST_LINE_BYTES,
            DEFAULT_MAX_HEADER_BYTES, DEFAULT_MAX_HEADER_COUNT, DEFAULT_MAX_CHUNK_BYTES, DEFAULT_KEEP_ALIVE_TIMEOUT,
            DEFAULT_HEADER_TIMEOUT, DEFAULT_BODY_IDLE_TIMEOUT);

    /**
     * Limits with every setting given.
     *
     * @throws IllegalArgumentException naming the setting when one is zero or negative
     * @throws NullPointerException     naming the setting when a timeout is null
     */
    public ServerLimits {
        Checks.positive(maxRequestLineBytes, "ServerLimits.maxRequestLineBytes");
        Checks.positive(maxHeaderBytes, "ServerLimits.maxHeaderBytes");
        Checks.positive(maxHeaderCount, "ServerLimits.maxHeaderCount");
        Checks.positive(maxChunkBytes, "ServerLimits.maxChunkBytes");
        Checks.positive(keepAliveTimeout, "ServerLimits.keepAliveTimeout");
        Checks.positive(headerTimeout, "ServerLimits.headerTimeout");
        Checks.positive(bodyIdleTimeout, "ServerLimits.bodyIdleTimeout");
    }

    /**
     * The limits without the read timeouts, which take their defaults.
     *
     * @deprecated a telescoping constructor; use {@link #create(Consumer)} or the withers; logs a warning on first use
     */
    @Deprecated(since = "0.1")
    public ServerLimits(int maxRequestLineBytes, int maxHeaderBytes, int maxHeaderCount, int maxChunkBytes,
                        Duration keepAliveTimeout) {
        this(maxRequestLineBytes, maxHeaderBytes, maxHeaderCount, maxChunkBytes, keepAliveTimeout,
                DEFAULT_HEADER_TIMEOUT, DEFAULT_BODY_IDLE_TIMEOUT);
        Deprecations.warnOnce("new ServerLimits(int, int, int, int, Duration)", "ServerLimits.create(b -> ...)");
    }

    /** The defaults above. */
    public static ServerLimits create() {
        return DEFAULTS;
    }

    /** The defaults changed by {@code change}: {@code ServerLimits.create(b -> b.maxHeaderBytes(16384))}. */
    public static ServerLimits create(Consumer<Builder> change) {
        Builder b = builder();
        change.accept(b);
        return b.build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder(DEFAULTS);
    }

    /** A builder starting from these limits. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * The defaults above.
     *
     * @deprecated use {@link #create()}, the name every configuration value uses; logs a warning on first use
     */
    @Deprecated(since = "0.1")
    public static ServerLimits defaults() {
        Deprecations.warnOnce("ServerLimits.defaults()", "ServerLimits.create()");
        return DEFAULTS;
    }

    /** These limits with {@code maxRequestLineBytes} changed. */
    public ServerLimits withMaxRequestLineBytes(int maxRequestLineBytes) {
        return toBuilder().maxRequestLineBytes(maxRequestLineBytes).build();
    }

    /** These limits with {@code maxHeaderBytes} changed. */
    public ServerLimits withMaxHeaderBytes(int maxHeaderBytes) {
        return toBuilder().maxHeaderBytes(maxHeaderBytes).build();
    }

    /** These limits with {@code maxHeaderCount} changed. */
    public ServerLimits withMaxHeaderCount(int maxHeaderCount) {
        return toBuilder().maxHeaderCount(maxHeaderCount).build();
    }

    /** These limits with {@code maxChunkBytes} changed. */
    public ServerLimits withMaxChunkBytes(int maxChunkBytes) {
        return toBuilder().maxChunkBytes(maxChunkBytes).build();
    }

    /** These limits with {@code keepAliveTimeout} changed. */
    public ServerLimits withKeepAliveTimeout(Duration keepAliveTimeout) {
        return toBuilder().keepAliveTimeout(keepAliveTimeout).build();
    }

    /** These limits with {@code headerTimeout} changed. */
    public ServerLimits withHeaderTimeout(Duration headerTimeout) {
        return toBuilder().headerTimeout(headerTimeout).build();
    }

    /** These limits with {@code bodyIdleTimeout} changed. */
    public ServerLimits withBodyIdleTimeout(Duration bodyIdleTimeout) {
        return toBuilder().bodyIdleTimeout(bodyIdleTimeout).build();
    }

    /**
     * Builds {@link ServerLimits}: setters return this and are named like the settings, {@link #build()} validates.
     * Not thread-safe.
     */
    public static final class Builder {
        private int maxRequestLineBytes;
        private int maxHeaderBytes;
        private int maxHeaderCount;
        private int maxChunkBytes;
        private Duration keepAliveTimeout;
        private Duration headerTimeout;
        private Duration bodyIdleTimeout;

        private Builder(ServerLimits from) {
            maxRequestLineBytes = from.maxRequestLineBytes;
            maxHeaderBytes = from.maxHeaderBytes;
            maxHeaderCount = from.maxHeaderCount;
            maxChunkBytes = from.maxChunkBytes;
            keepAliveTimeout = from.keepAliveTimeout;
            headerTimeout = from.headerTimeout;
            bodyIdleTimeout = from.bodyIdleTimeout;
        }

        /** Sets {@code maxRequestLineBytes}, default {@value ServerLimits#DEFAULT_MAX_REQUEST_LINE_BYTES}. */
        public Builder maxRequestLineBytes(int maxRequestLineBytes) {
            this.maxRequestLineBytes = maxRequestLineBytes;
            return this;
        }

        /** Sets {@code maxHeaderBytes}, default {@value ServerLimits#DEFAULT_MAX_HEADER_BYTES}. */
        public Builder maxHeaderBytes(int maxHeaderBytes) {
            this.maxHeaderBytes = maxHeaderBytes;
            return this;
        }

        /** Sets {@code maxHeaderCount}, default {@value ServerLimits#DEFAULT_MAX_HEADER_COUNT}. */
        public Builder maxHeaderCount(int maxHeaderCount) {
            this.maxHeaderCount = maxHeaderCount;
            return this;
        }

        /** Sets {@code maxChunkBytes}, default {@value ServerLimits#DEFAULT_MAX_CHUNK_BYTES}. */
        public Builder maxChunkBytes(int maxChunkBytes) {
            this.maxChunkBytes = maxChunkBytes;
            return this;
        }

        /** Sets {@code keepAliveTimeout}, default {@link ServerLimits#DEFAULT_KEEP_ALIVE_TIMEOUT}. */
        public Builder keepAliveTimeout(Duration keepAliveTimeout) {
            this.keepAliveTimeout = keepAliveTimeout;
            return this;
        }

        /** Sets {@code headerTimeout}, default {@link ServerLimits#DEFAULT_HEADER_TIMEOUT}. */
        public Builder headerTimeout(Duration headerTimeout) {
            this.headerTimeout = headerTimeout;
            return this;
        }

        /** Sets {@code bodyIdleTimeout}, default {@link ServerLimits#DEFAULT_BODY_IDLE_TIMEOUT}. */
        public Builder bodyIdleTimeout(Duration bodyIdleTimeout) {
            this.bodyIdleTimeout = bodyIdleTimeout;
            return this;
        }

        /**
         * The limits set so far.
         *
         * @throws IllegalArgumentException naming the setting when one is zero or negative
         * @throws NullPointerException     naming the setting when a timeout is null
         */
        public ServerLimits build() {
            return new ServerLimits(maxRequestLineBytes, maxHeaderBytes, maxHeaderCount, maxChunkBytes,
                    keepAliveTimeout, headerTimeout, bodyIdleTimeout);
        }
    }
}
