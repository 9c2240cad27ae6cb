package dev.weft.client;

import org.jspecify.annotations.Nullable;

/**
 * The connection failed: the host could not be resolved or reached, TLS failed, or the server closed the connection
 * before the response was complete (aiohttp's {@code ClientConnectionError} and {@code ServerDisconnectedError}).
 */
public class ClientConnectionException extends ClientException {
    private static final long serialVersionUID = 1L;

    public ClientConnectionException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
