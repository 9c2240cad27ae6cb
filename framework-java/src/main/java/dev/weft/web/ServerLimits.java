package dev.weft.web;

import java.time.Duration;

/**
 * Limits the server enforces on each connection; exceeding one is answered with the status in brackets and the
 * connection is closed.
 * <ul>
 *   <li>{@code maxRequestLineBytes}, default {@value #DEFAULT_MAX_REQUEST_LINE_BYTES} [414]</li>
 *   <li>{@code maxHeaderBytes}, the whole header section, default {@value #DEFAULT_MAX_HEADER_BYTES} [431]</li>
 *   <li>{@code maxHeaderCount}, default {@value #DEFAULT_MAX_HEADER_COUNT} [431]</li>
 *   <li>{@code maxChunkBytes}, the largest piece of body handed on at once, default {@value #DEFAULT_MAX_CHUNK_BYTES}</li>
 *   <li>{@code keepAliveTimeout}, how long an idle connection stays open, default 75 s (aiohttp's)</li>
 * </ul>
 * The request body limit is per application: {@link Application#clientMaxSize(long)} [413].
 */
public record ServerLimits(int maxRequestLineBytes, int maxHeaderBytes, int maxHeaderCount, int maxChunkBytes,
                           Duration keepAliveTimeout) {
    public static final int DEFAULT_MAX_REQUEST_LINE_BYTES = 4096;
    public static final int DEFAULT_MAX_HEADER_BYTES = 8192;
    public static final int DEFAULT_MAX_HEADER_COUNT = 128;
    public static final int DEFAULT_MAX_CHUNK_BYTES = 8192;
    public static final Duration DEFAULT_KEEP_ALIVE_TIMEOUT = Duration.ofSeconds(75);

    public ServerLimits {
        positive(maxRequestLineBytes, "maxRequestLineBytes");
        positive(maxHeaderBytes, "maxHeaderBytes");
        positive(maxHeaderCount, "maxHeaderCount");
        positive(maxChunkBytes, "maxChunkBytes");
        if (keepAliveTimeout.isNegative() || keepAliveTimeout.isZero()) {
            throw new IllegalArgumentException("keepAliveTimeout must be positive, got " + keepAliveTimeout);
        }
    }

    /** The defaults above. */
    public static ServerLimits defaults() {
        return new ServerLimits(DEFAULT_MAX_REQUEST_LINE_BYTES, DEFAULT_MAX_HEADER_BYTES, DEFAULT_MAX_HEADER_COUNT,
                DEFAULT_MAX_CHUNK_BYTES, DEFAULT_KEEP_ALIVE_TIMEOUT);
    }

    public ServerLimits withMaxRequestLineBytes(int v) {
        return new ServerLimits(v, maxHeaderBytes, maxHeaderCount, maxChunkBytes, keepAliveTimeout);
    }

    public ServerLimits withMaxHeaderBytes(int v) {
        return new ServerLimits(maxRequestLineBytes, v, maxHeaderCount, maxChunkBytes, keepAliveTimeout);
    }

    public ServerLimits withMaxHeaderCount(int v) {
        return new ServerLimits(maxRequestLineBytes, maxHeaderBytes, v, maxChunkBytes, keepAliveTimeout);
    }

    public ServerLimits withKeepAliveTimeout(Duration v) {
        return new ServerLimits(maxRequestLineBytes, maxHeaderBytes, maxHeaderCount, maxChunkBytes, v);
    }

    private static void positive(int v, String name) {
        if (v <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + v);
        }
    }
}
