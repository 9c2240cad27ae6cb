package dev.weft.web;

import java.net.SocketAddress;

/**
 * A site the server is listening on, with the address actually bound (the real port when 0 was asked).
 *
 * @param site    what was asked for
 * @param address the bound address: an {@code InetSocketAddress}, a {@code UnixDomainSocketAddress}, or an
 *                in-memory one
 * @param port    the bound TCP port, or -1 for a Unix-domain socket or an in-memory site
 * @param url     the base URL, such as {@code http://127.0.0.1:43817}, {@code unix:/path} for a socket file, or
 *                {@code http://<name>} for an in-memory site
 */
public record BoundSite(Site site, SocketAddress address, int port, String url) {
}
