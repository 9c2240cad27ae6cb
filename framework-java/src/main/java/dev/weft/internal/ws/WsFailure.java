package dev.weft.internal.ws;

/** A protocol failure found by Weft's own WebSocket handlers: the socket closes with {@link #code}. Stackless. */
final class WsFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int code;

    WsFailure(int code, String message) {
        super(message, null, false, false);
        this.code = code;
    }
}
