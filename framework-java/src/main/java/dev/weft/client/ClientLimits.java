package dev.weft.client;

/**
 * Limits the client enforces on each response, set per connector with {@link TcpConnector.Builder#limits}; exceeding
 * one fails the request with a {@link ClientPayloadException} and closes the connection.
 * <ul>
 *   <li>{@code maxStatusLineBytes}, default {@value #DEFAULT_MAX_STATUS_LINE_BYTES} (aiohttp's max_line_size)</li>
 *   <li>{@code maxHeaderBytes}: the whole header section, default {@value #DEFAULT_MAX_HEADER_BYTES}</li>
 *   <li>{@code maxBodyBytes}: a body after decompression, whether read whole or streamed, default
 *       {@value #DEFAULT_MAX_BODY_BYTES} (64 MiB); this is what stops a gzip bomb</li>
 * </ul>
 */
public record ClientLimits(int maxStatusLineBytes, int maxHeaderBytes, long maxBodyBytes) {
    public static final int DEFAULT_MAX_STATUS_LINE_BYTES = 8190;
    public static final int DEFAULT_MAX_HEADER_BYTES = 32768;
    public static final long DEFAULT_MAX_BODY_BYTES = 64L * 1024 * 1024;

    /** The defaults. */
    public static final ClientLimits DEFAULT =
            new ClientLimits(DEFAULT_MAX_STATUS_LINE_BYTES, DEFAULT_MAX_HEADER_BYTES, DEFAULT_MAX_BODY_BYTES);

    public ClientLimits {
        if (maxStatusLineBytes < 64) {
            throw new IllegalArgumentException("maxStatusLineBytes must be at least 64, got " + maxStatusLineBytes);
        }
        if (maxHeaderBytes < 256) {
            throw new IllegalArgumentException("maxHeaderBytes must be at least 256, got " + maxHeaderBytes);
        }
        if (maxBodyBytes < 0) {
            throw new IllegalArgumentException("maxBodyBytes must not be negative, got " + maxBodyBytes);
        }
    }

    public ClientLimits withMaxBodyBytes(long maxBodyBytes) {
        return new ClientLimits(maxStatusLineBytes, maxHeaderBytes, maxBodyBytes);
    }

    public ClientLimits withMaxHeaderBytes(int maxHeaderBytes) {
        return new ClientLimits(maxStatusLineBytes, maxHeaderBytes, maxBodyBytes);
    }
}
