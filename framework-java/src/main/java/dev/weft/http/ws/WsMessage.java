package dev.weft.http.ws;

import java.nio.charset.StandardCharsets;

/**
 * One thing read from a WebSocket, as aiohttp's {@code WSMessage}: a data message (text or binary, reassembled from
 * its fragments), a control frame (ping, pong, close), or a state of the socket (closing, closed, error).
 *
 * <p>Pings and pongs are only delivered when automatic ponging is off (the {@code autoping} option). A read loop
 * ends on {@link #isClose()}: a close frame from the peer, the socket closing on our side, closed, or an error.
 * <pre>{@code
 * if (msg instanceof WsMessage.Text t) { ws.sendText(t.data()); }
 * }</pre>
 */
public sealed interface WsMessage {
    /** What {@link WebSocket#receive} yields while this side is closing the socket. */
    WsMessage CLOSING = new Closing();
    /** What {@link WebSocket#receive} yields once the socket is closed. */
    WsMessage CLOSED = new Closed();

    /** The kind of message, for a {@code switch} on Java 17. */
    Type type();

    /** Whether a read loop should stop here: close, closing, closed or error. */
    default boolean isClose() {
        Type t = type();
        return t == Type.CLOSE || t == Type.CLOSING || t == Type.CLOSED || t == Type.ERROR;
    }

    /** The kinds of {@link WsMessage}, named as aiohttp's {@code WSMsgType}. */
    enum Type { TEXT, BINARY, PING, PONG, CLOSE, CLOSING, CLOSED, ERROR }

    /** A text message, its fragments joined and validated as UTF-8. */
    record Text(String data) implements WsMessage {
        @Override
        public Type type() {
            return Type.TEXT;
        }
    }

    /** A binary message, its fragments joined. The array is the message's own; it is not copied. */
    record Binary(byte[] data) implements WsMessage {
        @Override
        public Type type() {
            return Type.BINARY;
        }

        @Override
        public String toString() {
            return "Binary[" + data.length + " bytes]";
        }
    }

    /** A ping from the peer (only with autoping off; answer it with {@link WebSocket#pong}). */
    record Ping(byte[] data) implements WsMessage {
        @Override
        public Type type() {
            return Type.PING;
        }
    }

    /** A pong from the peer (only with autoping off). */
    record Pong(byte[] data) implements WsMessage {
        @Override
        public Type type() {
            return Type.PONG;
        }
    }

    /**
     * A close frame from the peer: its code ({@link WsCloseCode#NO_STATUS_RECEIVED} when it had none) and reason.
     * With autoclose on (the default) the socket has already answered it and is closed.
     */
    record Close(int code, String reason) implements WsMessage {
        @Override
        public Type type() {
            return Type.CLOSE;
        }
    }

    /** This side is closing the socket (a {@link WebSocket#close} from any thread, or a server stop). */
    record Closing() implements WsMessage {
        @Override
        public Type type() {
            return Type.CLOSING;
        }
    }

    /** The socket is closed. */
    record Closed() implements WsMessage {
        @Override
        public Type type() {
            return Type.CLOSED;
        }
    }

    /** The socket failed (a protocol violation, a heartbeat timeout); it is closed. */
    record Error(WebSocketException error) implements WsMessage {
        @Override
        public Type type() {
            return Type.ERROR;
        }
    }

    /** The text of a {@link Text} message; the UTF-8 decoding of a binary one. */
    static String text(WsMessage m) {
        if (m instanceof Text t) {
            return t.data();
        }
        if (m instanceof Binary b) {
            return new String(b.data(), StandardCharsets.UTF_8);
        }
        throw new IllegalArgumentException("not a data message: " + m);
    }
}
