package dev.weft.internal.ws;

import io.netty.handler.codec.http.websocketx.WebSocketFrameMaskGenerator;
import java.security.SecureRandom;

/**
 * Masking keys for the frames a client sends, from a strong source of entropy as RFC 6455 §5.3 asks (Netty's default
 * generator is {@code ThreadLocalRandom}, which an attacker who sees some keys could predict).
 */
final class SecureMasks implements WebSocketFrameMaskGenerator {
    static final SecureMasks INSTANCE = new SecureMasks();
    private final SecureRandom random = new SecureRandom();

    private SecureMasks() {
    }

    @Override
    public int nextMask() {
        return random.nextInt();
    }
}
