package dev.weft.client;

import dev.weft.internal.util.Checks;
import java.util.function.Consumer;

/**
 * Limits the client enforces on each response, set per connector with {@link TcpConnector.Builder#limits}; exceeding
 * one fails the request with a {@link ClientPayloadException} and closes the connection.
 * <ul>
 *   <li>{@code maxStatusLineBytes}, at least 64, default {@value #DEFAULT_MAX_STATUS_LINE_BYTES} (aiohttp's
 *       max_line_size)</li>
 *   <li>{@code maxHeaderBytes}: the whole header section, at least 256, default {@value #DEFAULT_MAX_HEADER_BYTES}</li>
 *   <li>{@code maxBodyBytes}: a body after decompression, whether read whole or streamed, default
 *       {@value #DEFAULT_MAX_BODY_BYTES} (64 MiB); this is what stops a gzip bomb</li>
 * </ul>
 * The constructor refuses a bad setting with a message naming it. Change one with its wither
 * ({@code ClientLimits.create().withMaxBodyBytes(1 << 20)}) or several with the builder, whose methods have the same
 * names ({@code ClientLimits.create(l -> l.maxBodyBytes(1 << 20).maxHeaderBytes(65536))}).
 *
 * @param maxStatusLineBytes the longest status line
 * @param maxHeaderBytes     the largest header section
 * @param maxBodyBytes       the largest body, after decompression
 */
public record ClientLimits(int maxStatusLineBytes, int maxHeaderBytes, long maxBodyBytes) {
    /** Default {@code maxStatusLineBytes}: aiohttp's. */
    public static final int DEFAULT_MAX_STATUS_LINE_BYTES = 8190;
    /** Default {@code maxHeaderBytes}: 32 KiB. */
    public static final int DEFAULT_MAX_HEADER_BYTES = 32768;
    /** Default {@code maxBodyBytes}: 64 MiB. */
    public static final long DEFAULT_MAX_BODY_BYTES = 64L * 1024 * 1024;

    private static final ClientLimits DEFAULTS =
            new ClientLimits(DEFAULT_MAX_STATUS_LINE_BYTES, DEFAULT_MAX_HEADER_BYTES, DEFAULT_MAX_BODY_BYTES);

    /**
     * The defaults.
     *
     * @deprecated use {@link #create()}, the name every configuration value uses (a constant cannot log a warning)
     */
    @Deprecated(since = "0.1")
    public static final ClientLimits DEFAULT = DEFAULTS;

    /**
     * Limits with every setting given.
     *
     * @throws IllegalArgumentException naming the setting when one is below its minimum
     */
    public ClientLimits {
        Checks.atLeast(maxStatusLineBytes, 64, "ClientLimits.maxStatusLineBytes");
        Checks.atLeast(maxHeaderBytes, 256, "ClientLimits.maxHeaderBytes");
        Checks.notNegative(maxBodyBytes, "ClientLimits.maxBodyBytes");
    }

    /** The defaults above. */
    public static ClientLimits create() {
        return DEFAULTS;
    }

    /** The defaults changed by {@code change}: {@code ClientLimits.create(l -> l.maxBodyBytes(1 << 20))}. */
    public static ClientLimits create(Consumer<Builder> change) {
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

    /** These limits with {@code maxStatusLineBytes} changed. */
    public ClientLimits withMaxStatusLineBytes(int maxStatusLineBytes) {
        return new ClientLimits(maxStatusLineBytes, maxHeaderBytes, maxBodyBytes);
    }

    /** These limits with {@code maxHeaderBytes} changed. */
    public ClientLimits withMaxHeaderBytes(int maxHeaderBytes) {
        return new ClientLimits(maxStatusLineBytes, maxHeaderBytes, maxBodyBytes);
    }

    /** These limits with {@code maxBodyBytes} changed. */
    public ClientLimits withMaxBodyBytes(long maxBodyBytes) {
        return new ClientLimits(maxStatusLineBytes, maxHeaderBytes, maxBodyBytes);
    }

    /**
     * Builds {@link ClientLimits}: setters return this and are named like the settings, {@link #build()} validates.
     * Not thread-safe.
     */
    public static final class Builder {
        private int maxStatusLineBytes;
        private int maxHeaderBytes;
        private long maxBodyBytes;

        private Builder(ClientLimits from) {
            maxStatusLineBytes = from.maxStatusLineBytes;
            maxHeaderBytes = from.maxHeaderBytes;
            maxBodyBytes = from.maxBodyBytes;
        }

        /** Sets {@code maxStatusLineBytes}, default {@value ClientLimits#DEFAULT_MAX_STATUS_LINE_BYTES}. */
        public Builder maxStatusLineBytes(int maxStatusLineBytes) {
            this.maxStatusLineBytes = maxStatusLineBytes;
            return this;
        }

        /** Sets {@code maxHeaderBytes}, default {@value ClientLimits#DEFAULT_MAX_HEADER_BYTES}. */
        public Builder maxHeaderBytes(int maxHeaderBytes) {
            this.maxHeaderBytes = maxHeaderBytes;
            return this;
        }

        /** Sets {@code maxBodyBytes}, default {@value ClientLimits#DEFAULT_MAX_BODY_BYTES}. */
        public Builder maxBodyBytes(long maxBodyBytes) {
            this.maxBodyBytes = maxBodyBytes;
            return this;
        }

        /**
         * The limits set so far.
         *
         * @throws IllegalArgumentException naming the setting when one is below its minimum
         */
        public ClientLimits build() {
            return new ClientLimits(maxStatusLineBytes, maxHeaderBytes, maxBodyBytes);
        }
    }
}
