package dev.weft.client;

import org.jspecify.annotations.Nullable;

/**
 * Base of every failure the client reports (aiohttp's {@code ClientError}): a failed stage of
 * {@link ClientSession#request} completes with one of its subclasses.
 */
public class ClientException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ClientException(String message) {
        super(message);
    }

    public ClientException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
