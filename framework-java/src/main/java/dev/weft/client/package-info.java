/**
 * The HTTP client: {@link dev.weft.client.ClientSession} (created once per application and shared), the pooled
 * {@link dev.weft.client.TcpConnector}, cookie jars, timeouts and tracing hooks, in the spirit of aiohttp's
 * {@code ClientSession}. Not the server: this package never depends on {@code dev.weft.web}.
 */
@NullMarked
package dev.weft.client;

import org.jspecify.annotations.NullMarked;
