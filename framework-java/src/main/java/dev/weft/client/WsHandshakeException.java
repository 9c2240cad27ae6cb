package dev.weft.client;

import java.net.URI;

/**
 * The server did not accept the WebSocket handshake (aiohttp's {@code WSServerHandshakeError}): it answered with
 * another status than 101, without {@code Upgrade: websocket}, with a wrong {@code Sec-WebSocket-Accept}, with a
 * subprotocol or extension that was not offered. Its {@link #status} is the answer's status.
 */
public final class WsHandshakeException extends ClientException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final URI url;

    public WsHandshakeException(int status, URI url, String message) {
        super("WebSocket handshake with " + url + " failed (" + status + "): " + message);
        this.status = status;
        this.url = url;
    }

    /** The status of the server's answer. */
    public int status() {
        return status;
    }

    /** The URL of the handshake. */
    public URI url() {
        return url;
    }
}
