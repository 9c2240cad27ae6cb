/**
 * WebSockets on the server, as aiohttp's {@code web_ws}: {@link dev.weft.web.ws.WebSocketResponse} performs the
 * handshake and is both the socket a handler reads and writes and the reply it returns; {@link dev.weft.web.ws.WsOptions}
 * says how it behaves. The message API it shares with the client ({@code WebSocket}, {@code WsMessage},
 * {@code WsCloseCode}, {@code WebSocketException}) is in {@code dev.weft.http.ws}. Not the client side (that is
 * {@code dev.weft.client.ClientSession#wsConnect}).
 */
@NullMarked
package dev.weft.web.ws;

import org.jspecify.annotations.NullMarked;
