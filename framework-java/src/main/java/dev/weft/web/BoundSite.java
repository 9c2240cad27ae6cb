package dev.weft.web;

import java.net.SocketAddress;

/**
 * A site the server is listening on, with the address actually bound (the real port when 0 was asked).
 *
 * @param site    what was asked for
 * @param address the bound address: an {@code InetSocketAddress} or a {@code UnixDomainSocketAddress}
 * @param port    the bound TCP port, or -1 for a Unix-domain socket
 * @param url     the base URL, such as {@code http://127.0.0.1:43817}, or {@code unix:/path} for a socket file
 */
public record BoundSite(Site site, SocketAddress address, int port, String url) {
}
