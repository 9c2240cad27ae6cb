package dev.weft.internal.web;

import dev.weft.internal.loop.NettyLoop;
import dev.weft.web.RequestKey;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * How a handler takes its connection over for another protocol (a WebSocket): the exchange answers
 * {@code 101 Switching Protocols} and the connection stops being HTTP. Reached through {@link #KEY}.
 * Loop thread only.
 */
public interface ProtocolSwitch {

    /**
     * Where the server leaves the hook on a request that asks to upgrade ({@code Upgrade: websocket}): request state,
     * so that a middleware's clone or wrapper of the request still reaches it, and no request is downcast.
     */
    RequestKey<ProtocolSwitch> KEY = RequestKey.of("weft.protocolSwitch", ProtocolSwitch.class);

    /**
     * Sends {@code 101 Switching Protocols} with {@code headers}, then replaces the HTTP codec by {@code handlers}
     * (named, in pipeline order, ending with the protocol's own handler): bytes the client sent after the request
     * head go to the first of them. From then on the exchange writes no response and the connection no longer reads
     * HTTP or times out as idle HTTP.
     *
     * @throws IllegalStateException if a response has been sent already or the connection is gone
     */
    void switchProtocols(HttpHeaders headers, Upgraded upgraded, String[] names, ChannelHandler[] handlers);

    /** The context of the connection's HTTP handler (its allocator and executor). */
    ChannelHandlerContext context();

    /** The loop of the connection: the clock and timers of the protocol taking over. */
    NettyLoop loop();

    /** What the server asks of a connection that switched protocols. Loop thread only. */
    interface Upgraded {
        /** Graceful stop (step 3): close the protocol's way (WebSocket: 1001); completes when that is written. */
        CompletionStage<Void> serverStopping();

        /** The handler's reply completed ({@code error} when it failed): the protocol ends its session. */
        void handlerDone(@Nullable Throwable error);
    }
}
