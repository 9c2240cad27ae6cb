package dev.weft.web;

import java.time.Duration;

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
 *   <li>{@code maxChunkBytes}, the largest piece of body handed on at once, default {@value #DEFAULT_MAX_CHUNK_BYTES}</li>
 *   <li>{@code keepAliveTimeout}, how long an idle connection stays open, default 75 s (aiohttp's)</li>
 *   <li>{@code headerTimeout}, how long a request head (request line and header section) may take to arrive,
 *       counted from its first byte and not extended by later bytes, default 20 s (Apache's mod_reqtimeout) [408]</li>
 *   <li>{@code bodyIdleTimeout}, how long the client may pause while sending a request body, default 60 s (nginx's
 *       {@code client_body_timeout}) [408]</li>
 * </ul>
 * The request body limit is per application: {@link Application#clientMaxSize(long)} [413].
 */
public record ServerLimits(int maxRequestLineBytes, int maxHeaderBytes, int maxHeaderCount, int maxChunkBytes,
                           Duration keepAliveTimeout, Duration headerTimeout, Duration bodyIdleTimeout) {
    public static final int DEFAULT_MAX_REQUEST_LINE_BYTES = 4096;
    public static final int DEFAULT_MAX_HEADER_BYTES = 8192;
    public static final int DEFAULT_MAX_HEADER_COUNT = 128;
    public static final int DEFAULT_MAX_CHUNK_BYTES = 8192;
    public static final Duration DEFAULT_KEEP_ALIVE_TIMEOUT = Duration.ofSeconds(75);
    public static final Duration DEFAULT_HEADER_TIMEOUT = Duration.ofSeconds(20);
    public static final Duration DEFAULT_BODY_IDLE_TIMEOUT = Duration.ofSeconds(60);

    public ServerLimits {
        positive(maxRequestLineBytes, "maxRequestLineBytes");
        positive(maxHeaderBytes, "maxHeaderBytes");
        positive(maxHeaderCount, "maxHeaderCount");
        positive(maxChunkBytes, "maxChunkBytes");
        positive(keepAliveTimeout, "keepAliveTimeout");
        positive(headerTimeout, "headerTimeout");
        positive(bodyIdleTimeout, "bodyIdleTimeout");
    }

    /** The limits without the read timeouts, which take their defaults. */
    public ServerLimits(int maxRequestLineBytes, int maxHeaderBytes, int maxHeaderCount, int maxChunkBytes,
                        Duration keepAliveTimeout) {
        this(maxRequestLineBytes, maxHeaderBytes, maxHeaderCount, maxChunkBytes, keepAliveTimeout,
                DEFAULT_HEADER_TIMEOUT, DEFAULT_BODY_IDLE_TIMEOUT);
    }

    /** The defaults above. */
    public static ServerLimits defaults() {
        return new ServerLimits(DEFAULT_MAX_REQUEST_LINE_BYTES, DEFAULT_MAX_HEADER_BYTES, DEFAULT_MAX_HEADER_COUNT,
                DEFAULT_MAX_CHUNK_BYTES, DEFAULT_KEEP_ALIVE_TIMEOUT, DEFAULT_HEADER_TIMEOUT,
                DEFAULT_BODY_IDLE_TIMEOUT);
    }

    public ServerLimits withMaxRequestLineBytes(int v) {
        return new ServerLimits(v, maxHeaderBytes, maxHeaderCount, maxChunkBytes, keepAliveTimeout, headerTimeout,
                bodyIdleTimeout);
    }

    public ServerLimits withMaxHeaderBytes(int v) {
        return new ServerLimits(maxRequestLineBytes, v, maxHeaderCount, maxChunkBytes, keepAliveTimeout,
                headerTimeout, bodyIdleTimeout);
    }

    public ServerLimits withMaxHeaderCount(int v) {
        return new ServerLimits(maxRequestLineBytes, maxHeaderBytes, v, maxChunkBytes, keepAliveTimeout,
                headerTimeout, bodyIdleTimeout);
    }

    public ServerLimits withKeepAliveTimeout(Duration v) {
        return new ServerLimits(maxRequestLineBytes, maxHeaderBytes, maxHeaderCount, maxChunkBytes, v, headerTimeout,
                bodyIdleTimeout);
    }

    public ServerLimits withHeaderTimeout(Duration v) {
        return new ServerLimits(maxRequestLineBytes, maxHeaderBytes, maxHeaderCount, maxChunkBytes, keepAliveTimeout,
                v, bodyIdleTimeout);
    }

    public ServerLimits withBodyIdleTimeout(Duration v) {
        return new ServerLimits(maxRequestLineBytes, maxHeaderBytes, maxHeaderCount, maxChunkBytes, keepAliveTimeout,
                headerTimeout, v);
    }

    private static void positive(int v, String name) {
        if (v <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + v);
        }
    }

    private static void positive(Duration v, String name) {
        if (v == null) {
            throw new IllegalArgumentException(name + " must be set");
        }
        if (v.isNegative() || v.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + v);
        }
    }
}
