/**
 * Calling another service from handlers ({@link dev.weft.examples.client.GatewayApp}): one {@code ClientSession}
 * per application, made at startup, shared by every handler, closed at cleanup.
 */
@NullMarked
package dev.weft.examples.client;

import org.jspecify.annotations.NullMarked;
