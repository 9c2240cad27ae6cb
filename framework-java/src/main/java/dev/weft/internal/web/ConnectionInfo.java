package dev.weft.internal.web;

import dev.weft.loop.Loop;
import java.net.SocketAddress;

/** What every request of one connection shares. */
public record ConnectionInfo(SocketAddress remote, SocketAddress local, String scheme, Loop loop) {
}
