package dev.weft.client;

import org.jspecify.annotations.Nullable;

/**
 * The response could not be trusted or read: malformed framing (a bare LF, two {@code Content-Length} headers,
 * headers over the limit), a body over {@link ClientLimits#maxBodyBytes()} after decompression, or a corrupt
 * compressed body. The connection it came on is closed, never pooled.
 */
public class ClientPayloadException extends ClientException {
    private static final long serialVersionUID = 1L;

    public ClientPayloadException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
