package dev.weft.http.ws;

import dev.weft.json.JsonCodec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * An open WebSocket, the message API both ends share: the server's {@code WebSocketResponse} (once prepared) and the
 * client's {@code ClientWebSocket} (from {@code ClientSession.wsConnect}). Read with {@link #receive} (or
 * {@link #forEach}), write with the sends, end with {@link #close}.
 *
 * <p>Threads: every method may be called from any thread. There is one reader: a second {@code receive} while one is
 * pending throws {@link IllegalStateException}. Sends from one thread go out in call order, serialised onto the
 * socket's loop; a send's stage completes when its frame has been written to the socket (so awaiting it is
 * backpressure) and fails with a {@link WebSocketException} once the socket is closing or closed. Stages of
 * {@code receive} complete on the loop thread when a message arrives, or at once when one is queued.
 */
public interface WebSocket {

    /** What {@link #forEach} does with each message; a returned stage is awaited before the next read. */
    @FunctionalInterface
    interface MessageHandler {
        /** Handles {@code message}; returns a stage to wait for, or null to read on at once. */
        @Nullable CompletionStage<?> onMessage(WsMessage message) throws Exception;
    }

    // ---- reading

    /**
     * The next message: text or binary (fragments joined), ping or pong (with autoping off), the peer's close, or a
     * state: {@link WsMessage#CLOSING} while this side closes, {@link WsMessage#CLOSED} once closed, an error when
     * the peer broke the protocol. Completes on the loop thread when a message arrives, at once when one is queued.
     *
     * @throws IllegalStateException if a receive is pending already ("concurrent receive calls are not allowed")
     */
    CompletionStage<WsMessage> receive();

    /**
     * As {@link #receive()}, but fails with a {@link java.util.concurrent.TimeoutException} when no message comes
     * within {@code timeout}; the socket stays open and may be read again.
     */
    CompletionStage<WsMessage> receive(Duration timeout);

    /** The next message as text; fails with a {@link WebSocketException} if it is not a text message. */
    default CompletionStage<String> receiveText() {
        return receive().thenApply(m -> {
            if (m instanceof WsMessage.Text t) {
                return t.data();
            }
            throw new WebSocketException("expected a text message, got " + m, 0);
        });
    }

    /** The next message as bytes; fails with a {@link WebSocketException} if it is not a binary message. */
    default CompletionStage<byte[]> receiveBytes() {
        return receive().thenApply(m -> {
            if (m instanceof WsMessage.Binary b) {
                return b.data();
            }
            throw new WebSocketException("expected a binary message, got " + m, 0);
        });
    }

    /** The next text message decoded as JSON of {@code type} by {@link #jsonCodec()}. */
    default <T> CompletionStage<T> receiveJson(Class<T> type) {
        return receiveText().thenApply(text -> {
            try {
                return jsonCodec().read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), type);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /**
     * Reads every message and hands it to {@code handler}, waiting for the stage it returns, until a close, closing,
     * closed or error message (which is not handed over; see {@link #exception()} after an error). Completes when the
     * loop ends; fails if the handler throws or its stage fails. aiohttp's {@code async for msg in ws}.
     */
    default CompletionStage<Void> forEach(MessageHandler handler) {
        return ReadLoop.run(this, handler);
    }

    // ---- sending

    /** Sends a text message. Any thread; completes when the frame is written, fails once closing. */
    CompletionStage<Void> sendText(String text);

    /** Sends a binary message; the array is not copied and must not change until the stage completes. Any thread. */
    CompletionStage<Void> sendBytes(byte[] data);

    /** Sends {@code value} as a JSON text message, encoded now (on the caller's thread) by {@link #jsonCodec()}. */
    default CompletionStage<Void> sendJson(@Nullable Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            jsonCodec().write(value, out);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
        return sendText(out.toString(StandardCharsets.UTF_8));
    }

    /** Sends an empty ping. Any thread. */
    default CompletionStage<Void> ping() {
        return ping(new byte[0]);
    }

    /** Sends a ping with {@code data} (at most 125 bytes). Any thread. */
    CompletionStage<Void> ping(byte[] data);

    /** Sends a pong with {@code data} (at most 125 bytes), for use with autoping off. Any thread. */
    CompletionStage<Void> pong(byte[] data);

    // ---- closing

    /** Closes with {@link WsCloseCode#OK} and no reason; see {@link #close(int, String)}. */
    default CompletionStage<Void> close() {
        return close(WsCloseCode.OK, "");
    }

    /**
     * Starts the close handshake: sends a close frame with {@code code} and {@code reason} (at most 123 bytes of
     * UTF-8), wakes a pending reader with {@link WsMessage#CLOSING}, and completes when the connection is closed:
     * when the peer has answered, or after the close timeout (then {@link #closeCode} is 1006). A no-op apart from the
     * returned stage when closing already. Any thread.
     *
     * @throws IllegalArgumentException for a code that may not be sent (1004–1006, 1015, below 1000, …)
     */
    CompletionStage<Void> close(int code, String reason);

    /** Whether the socket is closed (aiohttp's {@code closed}). Any thread. */
    boolean isClosed();

    /** Whether this side is closing or has closed the socket. Any thread. */
    boolean isClosing();

    /** Completes when the socket is closed, however that happens. Any thread. */
    CompletionStage<Void> closed();

    /**
     * The close code: the one this side sent when it closed first, the peer's when the peer did, 1006 when the
     * connection ended without a close handshake; null while open. Any thread.
     */
    @Nullable Integer closeCode();

    /** What made the socket fail (a protocol violation, a heartbeat or close timeout), or null. Any thread. */
    @Nullable WebSocketException exception();

    /** The subprotocol agreed on, or null. */
    @Nullable String protocol();

    /** The codec of {@link #receiveJson} and {@link #sendJson}. */
    JsonCodec jsonCodec();
}
