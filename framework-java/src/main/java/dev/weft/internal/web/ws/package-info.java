/**
 * The Netty side of server WebSockets: the handshake checks ({@link dev.weft.internal.web.ws.Handshake}) and the
 * switch of an HTTP connection to the frame machine of {@code dev.weft.internal.ws} ({@link
 * dev.weft.internal.web.ws.Upgrade}). Not API.
 */
@NullMarked
package dev.weft.internal.web.ws;

import org.jspecify.annotations.NullMarked;
