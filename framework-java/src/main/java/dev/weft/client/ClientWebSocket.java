package dev.weft.client;

import dev.weft.http.Headers;
import dev.weft.http.ws.WebSocket;
import java.net.URI;

/**
 * The client side of a WebSocket (aiohttp's {@code ClientWebSocketResponse}), from {@link ClientSession#wsConnect}:
 * the same message API as the server's {@code WebSocketResponse} ({@link WebSocket}: {@code receive},
 * {@code forEach}, the typed reads, {@code sendText}/{@code sendBytes}/{@code sendJson}, {@code ping}/{@code pong},
 * {@code close}).
 * <pre>{@code
 * session.wsConnect("ws://localhost:8080/echo")
 *         .thenCompose(ws -> ws.sendText("hello").thenCompose(v -> ws.receiveText()).thenCompose(t -> ws.close()));
 * }</pre>
 *
 * <p>Every frame it sends is masked with a key from {@link java.security.SecureRandom} (RFC 6455 §5.3); a masked
 * frame from the server, like any other protocol violation, fails the socket with {@link
 * dev.weft.http.ws.WsCloseCode#PROTOCOL_ERROR 1002}. Its connection came from the session's connector and counts
 * against the connector's limits until the socket is closed; it never goes back to the pool.
 *
 * <p>Threads: any thread may call every method (see {@link WebSocket} for the one-reader rule and the order of sends).
 * The socket's stages complete on the connector's loop thread.
 */
public interface ClientWebSocket extends WebSocket {

    /** The URL the socket was opened to, as {@code ws://} or {@code wss://}. */
    URI url();

    /** The headers of the server's {@code 101 Switching Protocols} answer. */
    Headers responseHeaders();

    /** Whether permessage-deflate was negotiated (the server may compress; this client sends uncompressed). */
    boolean compressed();
}
