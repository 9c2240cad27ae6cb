/**
 * A chat over WebSockets: everyone in a room gets every message, and a request elsewhere can close a room's sockets
 * (aiohttp's FAQ recipes: a registry of sockets in the application state, and closing them from another handler).
 */
@NullMarked
package dev.weft.examples.chat;

import org.jspecify.annotations.NullMarked;
