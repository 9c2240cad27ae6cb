/**
 * The WebSocket frame machine both sides run once the handshake is done ({@link dev.weft.internal.ws.WsConnection}),
 * with permessage-deflate inflation ({@link dev.weft.internal.ws.Inflating}). The server's and the client's handshakes
 * are in their own packages. Not API.
 */
@NullMarked
package dev.weft.internal.ws;

import org.jspecify.annotations.NullMarked;
