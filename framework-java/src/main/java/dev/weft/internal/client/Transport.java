package dev.weft.internal.client;

import dev.weft.client.Tracer;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import java.util.concurrent.CompletableFuture;

/**
 * How a connector opens a channel to an origin: TCP (with DNS, proxy tunnel and TLS) in production, or an in-memory
 * Netty {@code LocalChannel} in the test harness. The pool, the HTTP codec and everything above are the same.
 */
public interface Transport {

    /**
     * Opens a channel to {@code origin}, registered on {@code eventLoop} with auto-read off, and completes (on that
     * event loop) once bytes of HTTP can flow: after the TCP connect, a proxy tunnel and the TLS handshake where
     * they apply. The channel's pipeline may hold the transport's handlers; the connector adds HTTP after them.
     */
    CompletableFuture<Channel> connect(Origin origin, EventLoop eventLoop, Tracer tracer);

    /** Releases what the transport holds (a DNS cache, say). Called once, when the connector closes. */
    default void close() {
    }
}
