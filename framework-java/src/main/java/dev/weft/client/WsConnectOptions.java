package dev.weft.client;

import dev.weft.http.Headers;
import dev.weft.http.MutableHeaders;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What one {@link ClientSession#wsConnect} asks for, with aiohttp's {@code ws_connect} defaults; setters return this.
 * <ul>
 *   <li>{@code protocols}: subprotocols offered, in order of preference; the server's choice must be one of them.
 *       Default none.</li>
 *   <li>{@code maxMessageBytes}: the largest message accepted (after joining fragments and inflating); a larger one
 *       closes the socket with 1009. Default {@value #DEFAULT_MAX_MESSAGE_BYTES}.</li>
 *   <li>{@code heartbeat}: when positive, a ping after this long without a message from the server, and the socket
 *       fails with 1006 when no pong comes within half of it. Default {@link #DEFAULT_HEARTBEAT}, zero: off.</li>
 *   <li>{@code autoping}: answer pings and hide pings and pongs from the reader. Default on.</li>
 *   <li>{@code autoclose}: answer the server's close frame at once. Default on.</li>
 *   <li>{@code closeTimeout}: how long {@code close()} waits for the server's close frame. Default 10 s
 *       ({@link #DEFAULT_CLOSE_TIMEOUT}).</li>
 *   <li>{@code compress}: offer permessage-deflate (RFC 7692), so the server may compress. Default off, as aiohttp's
 *       client.</li>
 *   <li>{@code origin}, {@code header}: sent with the handshake, after the session's default headers.</li>
 *   <li>{@code timeout}: the handshake's time limits; default the session's.</li>
 * </ul>
 * Not thread-safe: configure it inside the {@code wsConnect} call.
 */
public final class WsConnectOptions {
    /** aiohttp's {@code max_msg_size}: 4 MiB. */
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 4 * 1024 * 1024;
    /** Default {@code heartbeat}: zero, no heartbeat. */
    public static final Duration DEFAULT_HEARTBEAT = Duration.ZERO;
    /** Default {@code closeTimeout}: aiohttp's 10 s. */
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(10);
    /**
     * aiohttp's close timeout in seconds: 10.
     *
     * @deprecated times are {@link Duration}s: use {@link #DEFAULT_CLOSE_TIMEOUT} (a constant cannot log a warning)
     */
    @Deprecated(since = "0.1")
    public static final int DEFAULT_CLOSE_TIMEOUT_SECONDS = 10;

    private List<String> protocols = List.of();
    private int maxMessageBytes = DEFAULT_MAX_MESSAGE_BYTES;
    private Duration heartbeat = DEFAULT_HEARTBEAT;
    private boolean autoping = true;
    private boolean autoclose = true;
    private Duration closeTimeout = DEFAULT_CLOSE_TIMEOUT;
    private boolean compress;
    private @Nullable String origin;
    private final MutableHeaders headers = Headers.create();
    private @Nullable ClientTimeout timeout;
    private @Nullable BasicAuth auth;

    /** Options with the defaults; {@code ClientSession.wsConnect(url, o -> ...)} hands one to change. */
    public WsConnectOptions() {
    }

    public WsConnectOptions protocols(String... protocols) {
        for (String p : protocols) {
            if (p.isEmpty() || p.contains(",") || p.chars().anyMatch(c -> c <= ' ' || c >= 0x7f)) {
                throw new IllegalArgumentException("a subprotocol is a token, got '" + p + "'");
            }
        }
        this.protocols = List.of(protocols);
        return this;
    }

    public WsConnectOptions maxMessageBytes(int maxMessageBytes) {
        if (maxMessageBytes <= 0) {
            throw new IllegalArgumentException("maxMessageBytes must be positive, got " + maxMessageBytes);
        }
        this.maxMessageBytes = maxMessageBytes;
        return this;
    }

    public WsConnectOptions heartbeat(Duration heartbeat) {
        if (heartbeat.isNegative()) {
            throw new IllegalArgumentException("heartbeat must be zero (off) or positive, got " + heartbeat);
        }
        this.heartbeat = heartbeat;
        return this;
    }

    public WsConnectOptions autoping(boolean autoping) {
        this.autoping = autoping;
        return this;
    }

    public WsConnectOptions autoclose(boolean autoclose) {
        this.autoclose = autoclose;
        return this;
    }

    public WsConnectOptions closeTimeout(Duration closeTimeout) {
        if (closeTimeout.isNegative() || closeTimeout.isZero()) {
            throw new IllegalArgumentException("closeTimeout must be positive, got " + closeTimeout);
        }
        this.closeTimeout = closeTimeout;
        return this;
    }

    public WsConnectOptions compress(boolean compress) {
        this.compress = compress;
        return this;
    }

    /** The {@code Origin} header of the handshake. */
    public WsConnectOptions origin(String origin) {
        this.origin = origin;
        return this;
    }

    /** Adds a header to the handshake (a name given here replaces the session's default header). */
    public WsConnectOptions header(String name, Object value) {
        headers.add(name, value);
        return this;
    }

    /** Basic credentials for the handshake. */
    public WsConnectOptions auth(BasicAuth auth) {
        this.auth = auth;
        return this;
    }

    /** Time limits of the handshake (connect, sockRead for the answer, total); default the session's. */
    public WsConnectOptions timeout(ClientTimeout timeout) {
        this.timeout = timeout;
        return this;
    }

    public List<String> protocols() {
        return protocols;
    }

    public int maxMessageBytes() {
        return maxMessageBytes;
    }

    public Duration heartbeat() {
        return heartbeat;
    }

    public boolean autoping() {
        return autoping;
    }

    public boolean autoclose() {
        return autoclose;
    }

    public Duration closeTimeout() {
        return closeTimeout;
    }

    public boolean compress() {
        return compress;
    }

    public @Nullable String origin() {
        return origin;
    }

    public Headers headers() {
        return headers;
    }

    public @Nullable ClientTimeout timeout() {
        return timeout;
    }

    public @Nullable BasicAuth auth() {
        return auth;
    }
}
