/**
 * What both ends of a WebSocket share: the message API {@link dev.weft.http.ws.WebSocket} (implemented by the
 * server's {@code WebSocketResponse} and the client's {@code ClientWebSocket}), what a read yields
 * ({@link dev.weft.http.ws.WsMessage}), the close codes of RFC 6455 ({@link dev.weft.http.ws.WsCloseCode}) and how an
 * operation fails ({@link dev.weft.http.ws.WebSocketException}). Not the handshake of either side.
 */
@NullMarked
package dev.weft.http.ws;

import org.jspecify.annotations.NullMarked;
