package dev.weft.web.ws;

import dev.weft.http.ws.WsCloseCode;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * How a {@link WebSocketResponse} behaves; aiohttp's {@code WebSocketResponse} arguments, with its defaults.
 * <ul>
 *   <li>{@code protocols}: subprotocols the server speaks, in no order; the first one the client offers (in the
 *       client's order) is chosen. Default none.</li>
 *   <li>{@code maxMessageBytes}: the largest message accepted, after joining fragments and inflating; a larger one
 *       closes the socket with {@link WsCloseCode#MESSAGE_TOO_BIG 1009}. Default
 *       {@value #DEFAULT_MAX_MESSAGE_BYTES} (aiohttp's {@code max_msg_size}).</li>
 *   <li>{@code heartbeat}: when positive, a ping is sent after this long without a message from the peer, and the
 *       socket is closed with {@link WsCloseCode#ABNORMAL_CLOSURE 1006} semantics (no close frame) when no pong comes
 *       within half of it. Default {@link Duration#ZERO}: off.</li>
 *   <li>{@code autoping}: answer pings with pongs and do not deliver pings or pongs to the reader. Default on.</li>
 *   <li>{@code autoclose}: answer a close frame from the peer at once and close. Default on.</li>
 *   <li>{@code closeTimeout}: how long {@link WebSocketResponse#close} waits for the peer's close frame before
 *       cutting the connection. Default {@link #DEFAULT_CLOSE_TIMEOUT_SECONDS} s.</li>
 *   <li>{@code compress}: accept permessage-deflate (RFC 7692) when the client offers it. Default on.</li>
 *   <li>{@code allowedOrigins}: when not empty, a handshake whose {@code Origin} is not in the list is refused with
 *       403. Compared exactly (scheme, host and port as the browser sends them). Default empty: any origin.</li>
 * </ul>
 */
public record WsOptions(List<String> protocols, int maxMessageBytes, Duration heartbeat, boolean autoping,
                        boolean autoclose, Duration closeTimeout, boolean compress, List<String> allowedOrigins) {
    /** aiohttp's {@code max_msg_size}: 4 MiB. */
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 4 * 1024 * 1024;
    /** aiohttp's close timeout: 10 s. */
    public static final int DEFAULT_CLOSE_TIMEOUT_SECONDS = 10;
    private static final WsOptions DEFAULTS = new Builder().build();

    public WsOptions {
        protocols = List.copyOf(protocols);
        allowedOrigins = List.copyOf(allowedOrigins);
        if (maxMessageBytes <= 0) {
            throw new IllegalArgumentException("maxMessageBytes must be positive, got " + maxMessageBytes);
        }
        if (heartbeat.isNegative()) {
            throw new IllegalArgumentException("heartbeat must be zero (off) or positive, got " + heartbeat);
        }
        if (closeTimeout.isNegative() || closeTimeout.isZero()) {
            throw new IllegalArgumentException("closeTimeout must be positive, got " + closeTimeout);
        }
        for (String p : protocols) {
            if (p.isEmpty() || p.contains(",") || p.chars().anyMatch(c -> c <= ' ' || c >= 0x7f)) {
                throw new IllegalArgumentException("a subprotocol is a token, got '" + p + "'");
            }
        }
    }

    /** The defaults. */
    public static WsOptions create() {
        return DEFAULTS;
    }

    /** The defaults changed by {@code config}: {@code WsOptions.create(o -> o.heartbeat(Duration.ofSeconds(30)))}. */
    public static WsOptions create(Consumer<Builder> config) {
        Builder b = builder();
        config.accept(b);
        return b.build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Whether a heartbeat is configured. */
    public boolean heartbeatOn() {
        return !heartbeat.isZero();
    }

    /** Builds {@link WsOptions}; setters return this, {@link #build} validates. Not thread-safe. */
    public static final class Builder {
        private List<String> protocols = List.of();
        private int maxMessageBytes = DEFAULT_MAX_MESSAGE_BYTES;
        private Duration heartbeat = Duration.ZERO;
        private boolean autoping = true;
        private boolean autoclose = true;
        private Duration closeTimeout = Duration.ofSeconds(DEFAULT_CLOSE_TIMEOUT_SECONDS);
        private boolean compress = true;
        private List<String> allowedOrigins = List.of();

        private Builder() {
        }

        public Builder protocols(String... protocols) {
            this.protocols = List.of(protocols);
            return this;
        }

        public Builder maxMessageBytes(int maxMessageBytes) {
            this.maxMessageBytes = maxMessageBytes;
            return this;
        }

        public Builder heartbeat(Duration heartbeat) {
            this.heartbeat = heartbeat;
            return this;
        }

        public Builder autoping(boolean autoping) {
            this.autoping = autoping;
            return this;
        }

        public Builder autoclose(boolean autoclose) {
            this.autoclose = autoclose;
            return this;
        }

        public Builder closeTimeout(Duration closeTimeout) {
            this.closeTimeout = closeTimeout;
            return this;
        }

        public Builder compress(boolean compress) {
            this.compress = compress;
            return this;
        }

        public Builder allowedOrigins(String... origins) {
            this.allowedOrigins = List.of(origins);
            return this;
        }

        public WsOptions build() {
            return new WsOptions(protocols, maxMessageBytes, heartbeat, autoping, autoclose, closeTimeout, compress,
                    allowedOrigins);
        }
    }
}
