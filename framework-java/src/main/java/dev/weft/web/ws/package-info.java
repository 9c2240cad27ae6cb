/**
 * WebSockets on the server, as aiohttp's {@code web_ws}: {@link dev.weft.web.ws.WebSocketResponse} performs the
 * handshake and is both the socket a handler reads and writes and the reply it returns; {@link dev.weft.web.ws.WsMessage}
 * is what a read yields; {@link dev.weft.web.ws.WsCloseCode} names the close codes of RFC 6455. Not the client side
 * (that is {@code dev.weft.client}).
 */
@NullMarked
package dev.weft.web.ws;

import org.jspecify.annotations.NullMarked;
