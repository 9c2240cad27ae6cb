/**
 * The Netty side of server WebSockets: the handshake checks ({@link dev.weft.internal.web.ws.Handshake}) and the
 * handler that owns an upgraded connection ({@link dev.weft.internal.web.ws.WsConnection}). Not API.
 */
@NullMarked
package dev.weft.internal.web.ws;

import org.jspecify.annotations.NullMarked;
