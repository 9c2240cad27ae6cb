package dev.weft.web.ws;

import dev.weft.http.ws.WsCloseCode;
import dev.weft.internal.util.Checks;
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
 *       within half of it. Default {@link #DEFAULT_HEARTBEAT}, zero: off.</li>
 *   <li>{@code autoping}: answer pings with pongs and do not deliver pings or pongs to the reader. Default
 *       {@value #DEFAULT_AUTOPING}.</li>
 *   <li>{@code autoclose}: answer a close frame from the peer at once and close. Default
 *       {@value #DEFAULT_AUTOCLOSE}.</li>
 *   <li>{@code closeTimeout}: how long {@link WebSocketResponse#close} waits for the peer's close frame before
 *       cutting the connection. Default 10 s ({@link #DEFAULT_CLOSE_TIMEOUT}).</li>
 *   <li>{@code compress}: accept permessage-deflate (RFC 7692) when the client offers it. Default
 *       {@value #DEFAULT_COMPRESS}.</li>
 *   <li>{@code allowedOrigins}: when not empty, a handshake whose {@code Origin} is not in the list is refused with
 *       403. Compared exactly (scheme, host and port as the browser sends them). Default empty: any origin.</li>
 * </ul>
 * The constructor refuses a bad setting with a message naming it. Change one with its wither
 * ({@code options.withHeartbeat(Duration.ofSeconds(30))}) or several with the builder, whose methods have the same
 * names ({@code WsOptions.create(o -> o.heartbeat(Duration.ofSeconds(30)).protocols("chat"))}).
 *
 * @param protocols       subprotocols the server speaks
 * @param maxMessageBytes the largest message accepted [1009]
 * @param heartbeat       the ping interval, zero for none
 * @param autoping        whether pings are answered and hidden from the reader
 * @param autoclose       whether the peer's close frame is answered at once
 * @param closeTimeout    how long a close waits for the peer's close frame
 * @param compress        whether permessage-deflate is accepted
 * @param allowedOrigins  the origins a handshake may come from, empty for any
 */
public record WsOptions(List<String> protocols, int maxMessageBytes, Duration heartbeat, boolean autoping,
                        boolean autoclose, Duration closeTimeout, boolean compress, List<String> allowedOrigins) {
    /** Default {@code maxMessageBytes}: aiohttp's {@code max_msg_size}, 4 MiB. */
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 4 * 1024 * 1024;
    /** Default {@code heartbeat}: zero, no heartbeat. */
    public static final Duration DEFAULT_HEARTBEAT = Duration.ZERO;
    /** Default {@code autoping}: on. */
    public static final boolean DEFAULT_AUTOPING = true;
    /** Default {@code autoclose}: on. */
    public static final boolean DEFAULT_AUTOCLOSE = true;
    /** Default {@code closeTimeout}: aiohttp's 10 s. */
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(10);
    /** Default {@code compress}: on. */
    public static final boolean DEFAULT_COMPRESS = true;
    /**
     * aiohttp's close timeout in seconds: 10.
     *
     * @deprecated times are {@link Duration}s: use {@link #DEFAULT_CLOSE_TIMEOUT} (a constant cannot log a warning)
     */
    @Deprecated(since = "0.1")
    public static final int DEFAULT_CLOSE_TIMEOUT_SECONDS = 10;

    private static final WsOptions DEFAULTS = new WsOptions(List.of(), DEFAULT_MAX_MESSAGE_BYTES, DEFAULT_HEARTBEAT,
            DEFAULT_AUTOPING, DEFAULT_AUTOCLOSE, DEFAULT_CLOSE_TIMEOUT, DEFAULT_COMPRESS, List.of());

    /**
     * Options with every setting given; the lists are copied.
     *
     * @throws IllegalArgumentException naming the setting when one is out of range, or a subprotocol is not a token
     * @throws NullPointerException     naming the setting when one is null
     */
    public WsOptions {
        protocols = List.copyOf(Checks.notNull(protocols, "WsOptions.protocols"));
        allowedOrigins = List.copyOf(Checks.notNull(allowedOrigins, "WsOptions.allowedOrigins"));
        Checks.positive(maxMessageBytes, "WsOptions.maxMessageBytes");
        Checks.zeroOrPositive(heartbeat, "WsOptions.heartbeat");
        Checks.positive(closeTimeout, "WsOptions.closeTimeout");
        for (String p : protocols) {
            if (p.isEmpty() || p.contains(",") || p.chars().anyMatch(c -> c <= ' ' || c >= 0x7f)) {
                throw new IllegalArgumentException("WsOptions.protocols: a subprotocol is a token, got '" + p + "'");
            }
        }
    }

    /** The defaults above. */
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
        return new Builder(DEFAULTS);
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Whether a heartbeat is configured. */
    public boolean heartbeatOn() {
        return !heartbeat.isZero();
    }

    /** These options with {@code protocols} changed. */
    public WsOptions withProtocols(String... protocols) {
        return toBuilder().protocols(protocols).build();
    }

    /** These options with {@code maxMessageBytes} changed. */
    public WsOptions withMaxMessageBytes(int maxMessageBytes) {
        return toBuilder().maxMessageBytes(maxMessageBytes).build();
    }

    /** These options with {@code heartbeat} changed. */
    public WsOptions withHeartbeat(Duration heartbeat) {
        return toBuilder().heartbeat(heartbeat).build();
    }

    /** These options with {@code autoping} changed. */
    public WsOptions withAutoping(boolean autoping) {
        return toBuilder().autoping(autoping).build();
    }

    /** These options with {@code autoclose} changed. */
    public WsOptions withAutoclose(boolean autoclose) {
        return toBuilder().autoclose(autoclose).build();
    }

    /** These options with {@code closeTimeout} changed. */
    public WsOptions withCloseTimeout(Duration closeTimeout) {
        return toBuilder().closeTimeout(closeTimeout).build();
    }

    /** These options with {@code compress} changed. */
    public WsOptions withCompress(boolean compress) {
        return toBuilder().compress(compress).build();
    }

    /** These options with {@code allowedOrigins} changed. */
    public WsOptions withAllowedOrigins(String... origins) {
        return toBuilder().allowedOrigins(origins).build();
    }

    /**
     * Builds {@link WsOptions}: setters return this and are named like the settings, {@link #build} validates. Not
     * thread-safe.
     */
    public static final class Builder {
        private List<String> protocols;
        private int maxMessageBytes;
        private Duration heartbeat;
        private boolean autoping;
        private boolean autoclose;
        private Duration closeTimeout;
        private boolean compress;
        private List<String> allowedOrigins;

        private Builder(WsOptions from) {
            protocols = from.protocols;
            maxMessageBytes = from.maxMessageBytes;
            heartbeat = from.heartbeat;
            autoping = from.autoping;
            autoclose = from.autoclose;
            closeTimeout = from.closeTimeout;
            compress = from.compress;
            allowedOrigins = from.allowedOrigins;
        }

        /** Sets {@code protocols}, the subprotocols the server speaks; default none. */
        public Builder protocols(String... protocols) {
            this.protocols = List.of(protocols);
            return this;
        }

        /** Sets {@code maxMessageBytes}, default {@value WsOptions#DEFAULT_MAX_MESSAGE_BYTES}. */
        public Builder maxMessageBytes(int maxMessageBytes) {
            this.maxMessageBytes = maxMessageBytes;
            return this;
        }

        /** Sets {@code heartbeat}, zero for none; default {@link WsOptions#DEFAULT_HEARTBEAT}. */
        public Builder heartbeat(Duration heartbeat) {
            this.heartbeat = heartbeat;
            return this;
        }

        /** Sets {@code autoping}, default {@value WsOptions#DEFAULT_AUTOPING}. */
        public Builder autoping(boolean autoping) {
            this.autoping = autoping;
            return this;
        }

        /** Sets {@code autoclose}, default {@value WsOptions#DEFAULT_AUTOCLOSE}. */
        public Builder autoclose(boolean autoclose) {
            this.autoclose = autoclose;
            return this;
        }

        /** Sets {@code closeTimeout}, default {@link WsOptions#DEFAULT_CLOSE_TIMEOUT}. */
        public Builder closeTimeout(Duration closeTimeout) {
            this.closeTimeout = closeTimeout;
            return this;
        }

        /** Sets {@code compress}, default {@value WsOptions#DEFAULT_COMPRESS}. */
        public Builder compress(boolean compress) {
            this.compress = compress;
            return this;
        }

        /** Sets {@code allowedOrigins}, exact origins a handshake may come from; default empty, any origin. */
        public Builder allowedOrigins(String... origins) {
            this.allowedOrigins = List.of(origins);
            return this;
        }

        /**
         * The options set so far.
         *
         * @throws IllegalArgumentException naming the setting when one is out of range, or a subprotocol is not a token
         * @throws NullPointerException     naming the setting when one is null
         */
        public WsOptions build() {
            return new WsOptions(protocols, maxMessageBytes, heartbeat, autoping, autoclose, closeTimeout, compress,
                    allowedOrigins);
        }
    }
}
