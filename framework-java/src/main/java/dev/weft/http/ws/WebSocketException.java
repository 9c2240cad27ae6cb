package dev.weft.http.ws;

/**
 * How a WebSocket operation fails for an expected reason: the socket is closed (a send after close), the peer broke
 * the protocol, a heartbeat went unanswered, or a typed read got a message of another type. Stackless: these are
 * outcomes, not bugs.
 */
public final class WebSocketException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int closeCode;

    /** @param closeCode the close code this failure stands for ({@link WsCloseCode}), or 0 for none */
    public WebSocketException(String message, int closeCode) {
        super(message, null, false, false);
        this.closeCode = closeCode;
    }

    /** The close code this failure stands for ({@link WsCloseCode}), or 0 when it is not a closing failure. */
    public int closeCode() {
        return closeCode;
    }
}
