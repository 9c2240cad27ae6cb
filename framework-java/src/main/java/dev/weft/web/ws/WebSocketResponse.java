package dev.weft.web.ws;

import dev.weft.http.ws.WebSocket;
import dev.weft.http.ws.WebSocketException;
import dev.weft.http.ws.WsCloseCode;
import dev.weft.http.ws.WsMessage;
import dev.weft.internal.web.ProtocolSwitch;
import dev.weft.internal.web.ws.Handshake;
import dev.weft.internal.web.ws.Upgrade;
import dev.weft.internal.ws.WsConnection;
import dev.weft.json.JsonCodec;
import dev.weft.web.HttpException;
import dev.weft.web.Reply;
import dev.weft.web.Request;
import dev.weft.web.Response;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * The server side of a WebSocket, as aiohttp's {@code WebSocketResponse}: {@link #prepare} performs the handshake,
 * then the handler reads with {@link #receive} (or {@link #forEach}) and writes with the sends; the handler returns
 * this object as its {@link Reply}, and the socket is closed (1000, or 1011 if the handler failed) when that reply
 * completes.
 * <pre>{@code
 * routes.get("/echo", req -> {
 *     var ws = new WebSocketResponse();
 *     return Reply.async(ws.prepare(req)
 *             .thenCompose(v -> ws.forEach(msg -> ws.sendText(WsMessage.text(msg))))
 *             .thenApply(v -> ws));
 * });
 * }</pre>
 *
 * <p>The message API is {@link WebSocket}'s, the same as the client's. Threads: {@link #prepare} runs on the
 * request's loop thread (it is called from the handler). After it, {@link #receive} and its forms, every send,
 * {@link #close} and the accessors may be called from any thread. There is
 * one reader: a second {@code receive} while one is pending throws. Sends from one thread go out in call order,
 * serialised onto the loop; a send's stage completes when its frame has been written to the socket (so awaiting it is
 * backpressure) and fails with a {@link WebSocketException} once the socket is closing or closed. Stages of
 * {@code receive} complete on the loop thread when a message arrives, or at once when one is queued.
 *
 * <p>A socket closed from elsewhere (another handler calls {@link #close}, or the server stops with 1001) wakes a
 * pending reader with {@link WsMessage#CLOSING}; the read loop ends cleanly and the handler returns.
 */
public final class WebSocketResponse implements Reply, WebSocket {
    private static final Response SWITCHED = Response.empty(101);

    private final WsOptions options;
    private volatile @Nullable WsConnection conn;
    private @Nullable String protocol;
    private boolean compressed;
    private JsonCodec codec = JsonCodec.jackson();

    /** A WebSocket with the default {@link WsOptions}. */
    public WebSocketResponse() {
        this(WsOptions.create());
    }

    /** A WebSocket with {@code options}. */
    public WebSocketResponse(WsOptions options) {
        this.options = options;
    }

    // ---- handshake

    /**
     * Performs the opening handshake: answers {@code 101 Switching Protocols} and turns the connection into this
     * WebSocket. Completes at once (on the calling loop thread); fails with an {@link HttpException} to answer
     * instead: 400 for a malformed handshake (not a GET over HTTP/1.1, a body, no {@code Upgrade: websocket} or
     * {@code Connection: upgrade}, a key that is not 16 bytes of base64), 426 for a version other than 13, 403 for
     * an origin outside {@link WsOptions#allowedOrigins}. Call it once, from the handler.
     */
    public CompletionStage<Void> prepare(Request request) {
        if (conn != null) {
            return CompletableFuture.failedFuture(new IllegalStateException("prepare() was called already"));
        }
        ProtocolSwitch hook = request.get(ProtocolSwitch.KEY);
        if (hook == null) {
            // Not an upgrade request at all: the handshake check says why, as a 400.
            try {
                Handshake.check(request, options);
            } catch (HttpException e) {
                return CompletableFuture.failedFuture(e);
            }
            return CompletableFuture.failedFuture(new IllegalStateException(
                    "this request cannot become a WebSocket: it did not come from a Weft server connection"));
        }
        Handshake.Accepted accepted;
        try {
            accepted = Handshake.check(request, options);
        } catch (HttpException e) {
            return CompletableFuture.failedFuture(e);
        }
        codec = request.app().jsonCodec();
        CompletableFuture<Void> done = new CompletableFuture<>();
        Runnable upgrade = () -> {
            try {
                conn = Upgrade.upgrade(hook, accepted, options);
                protocol = accepted.protocol();
                compressed = accepted.deflate() != null;
                done.complete(null);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        };
        Executor loop = hook.context().executor();
        if (hook.context().executor().inEventLoop()) {
            upgrade.run();
        } else {
            loop.execute(upgrade);
        }
        return done;
    }

    /** Whether {@code request} is a WebSocket handshake this response would accept (aiohttp's {@code can_prepare}). */
    public boolean canPrepare(Request request) {
        try {
            Handshake.check(request, options);
            return true;
        } catch (HttpException e) {
            return false;
        }
    }

    /** Whether {@link #prepare} has succeeded. */
    public boolean prepared() {
        return conn != null;
    }

    /** The subprotocol agreed on, or null. */
    @Override
    public @Nullable String protocol() {
        return protocol;
    }

    /** Whether permessage-deflate was negotiated (the client may compress; this server sends uncompressed). */
    public boolean compressed() {
        return compressed;
    }

    /** The options. */
    public WsOptions options() {
        return options;
    }

    // ---- reading

    /**
     * The next message: text or binary (fragments joined), ping or pong (with autoping off), the peer's close, or a
     * state: {@link WsMessage#CLOSING} while this side closes, {@link WsMessage#CLOSED} once closed, an error when
     * the peer broke the protocol. Completes on the loop thread when a message arrives, at once when one is queued.
     *
     * @throws IllegalStateException if a receive is pending already ("concurrent receive calls are not allowed"), or
     *                               before {@link #prepare}
     */
    @Override
    public CompletionStage<WsMessage> receive() {
        return connection().receive();
    }

    /**
     * As {@link #receive()}, but fails with a {@link java.util.concurrent.TimeoutException} when no message comes
     * within {@code timeout}; the socket stays open and may be read again.
     */
    @Override
    public CompletionStage<WsMessage> receive(Duration timeout) {
        return connection().receive(timeout);
    }

    /**
     * Reads every message and hands it to {@code handler}, waiting for the stage it returns, until a close, closing,
     * closed or error message (which is not handed over; see {@link #exception()} after an error). Completes when the
     * loop ends; fails if the handler throws or its stage fails, or at once before {@link #prepare}. Messages are
     * handed over on the loop thread, or on the thread that completed the handler's previous stage.
     */
    @Override
    public CompletionStage<Void> forEach(MessageHandler handler) {
        WsConnection c = conn;
        if (c == null) {
            return CompletableFuture.failedFuture(new IllegalStateException(
                    "call prepare(request) first: the WebSocket is not open yet"));
        }
        return c.forEach(handler);
    }

    // ---- sending

    /** Sends a text message. Any thread; completes when the frame is written, fails once closing. */
    @Override
    public CompletionStage<Void> sendText(String text) {
        return connection().sendText(text);
    }

    /** Sends a binary message; the array is not copied and must not change until the stage completes. Any thread. */
    @Override
    public CompletionStage<Void> sendBytes(byte[] data) {
        return connection().sendBytes(data);
    }

    /** Sends a ping with {@code data} (at most 125 bytes). Any thread. */
    @Override
    public CompletionStage<Void> ping(byte[] data) {
        return connection().ping(data);
    }

    /** Sends a pong with {@code data} (at most 125 bytes), for use with autoping off. Any thread. */
    @Override
    public CompletionStage<Void> pong(byte[] data) {
        return connection().pong(data);
    }

    // ---- closing

    /**
     * Starts the close handshake: sends a close frame with {@code code} and {@code reason} (at most 123 bytes of
     * UTF-8), wakes a pending reader with {@link WsMessage#CLOSING}, and completes when the connection is closed:
     * when the peer has answered, or after {@link WsOptions#closeTimeout} (then {@link #closeCode} is 1006). A no-op
     * apart from the returned stage when closing already. Any thread.
     *
     * @throws IllegalArgumentException for a code that may not be sent (1004–1006, 1015, below 1000, …)
     */
    @Override
    public CompletionStage<Void> close(int code, String reason) {
        return connection().close(code, reason);
    }

    /** Whether the socket is closed (aiohttp's {@code closed}); false before {@link #prepare}. Any thread. */
    @Override
    public boolean isClosed() {
        WsConnection c = conn;
        return c != null && c.isClosed();
    }

    /** Whether this side is closing or has closed the socket. Any thread. */
    @Override
    public boolean isClosing() {
        WsConnection c = conn;
        return c != null && c.isClosing();
    }

    /** Completes when the socket is closed, however that happens. Any thread. */
    @Override
    public CompletionStage<Void> closed() {
        return connection().closedStage();
    }

    /**
     * The close code: the one this side sent when it closed first, the peer's when the peer did, 1006 when the
     * connection ended without a close handshake; null while open. Any thread.
     */
    @Override
    public @Nullable Integer closeCode() {
        WsConnection c = conn;
        int code = c == null ? 0 : c.closeCode();
        return code == 0 ? null : code;
    }

    /** What made the socket fail (a protocol violation, a heartbeat or close timeout), or null. Any thread. */
    @Override
    public @Nullable WebSocketException exception() {
        WsConnection c = conn;
        return c == null ? null : c.exception();
    }

    /** The application's codec (from {@link #prepare}), for {@link #receiveJson} and {@link #sendJson}. */
    @Override
    public JsonCodec jsonCodec() {
        return codec;
    }

    private WsConnection connection() {
        WsConnection c = conn;
        if (c == null) {
            throw new IllegalStateException("call prepare(request) first: the WebSocket is not open yet");
        }
        return c;
    }

    // ---- Reply: the exchange writes no response of its own once the connection switched protocols

    @Override
    public Reply then(ResponseFunction fn) {
        return this;
    }

    @Override
    public Reply recover(ErrorFunction fn) {
        return this;
    }

    @Override
    public CompletionStage<Response> toStage() {
        if (conn == null) {
            return CompletableFuture.failedFuture(new IllegalStateException(
                    "the handler returned a WebSocketResponse that was never prepared: call prepare(request)"));
        }
        return CompletableFuture.completedFuture(SWITCHED);
    }

    @Override
    public String toString() {
        WsConnection c = conn;
        return "WebSocketResponse[" + (c == null ? "not prepared" : c.isClosed() ? "closed " + c.closeCode()
                : c.isClosing() ? "closing" : "open") + "]";
    }
}
