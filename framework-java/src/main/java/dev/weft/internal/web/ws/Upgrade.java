package dev.weft.internal.web.ws;

import dev.weft.internal.web.ProtocolSwitch;
import dev.weft.internal.ws.Deflate;
import dev.weft.internal.ws.WsConnection;
import dev.weft.internal.ws.WsSettings;
import dev.weft.web.ws.WsOptions;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/** Turns an accepted handshake's connection into a server WebSocket: the 101 answer, then the frame machine. */
public final class Upgrade {
    /** The options of the last upgrade and their settings: sockets opened with the same options share them. */
    private static volatile @Nullable Settings last;

    private record Settings(WsOptions options, WsSettings settings) {
    }

    private Upgrade() {
    }

    private static WsSettings settings(WsOptions options) {
        Settings s = last;
        if (s == null || s.options() != options) {
            s = new Settings(options, new WsSettings(options.maxMessageBytes(), options.heartbeat(), options.autoping(),
                    options.autoclose(), options.closeTimeout(), false));
            last = s;
        }
        return s.settings();
    }

    /** Answers the handshake with 101 and turns the request's connection into a WebSocket. Loop thread only. */
    public static WsConnection upgrade(ProtocolSwitch hook, Handshake.Accepted accepted, WsOptions options) {
        HttpHeaders headers = new DefaultHttpHeaders();
        headers.add("Upgrade", "websocket");
        headers.add("Connection", "Upgrade");
        headers.add("Sec-WebSocket-Accept", accepted.accept());
        if (accepted.protocol() != null) {
            headers.add("Sec-WebSocket-Protocol", accepted.protocol());
        }
        Deflate deflate = accepted.deflate();
        if (deflate != null) {
            headers.add("Sec-WebSocket-Extensions", deflate.response());
        }
        WsSettings settings = settings(options);
        WsConnection.Handlers h = WsConnection.handlers(settings, deflate, hook.loop());
        WsConnection ws = h.connection();
        hook.switchProtocols(headers, new ProtocolSwitch.Upgraded() {
            @Override
            public CompletionStage<Void> serverStopping() {
                return ws.goingAway();
            }

            @Override
            public void handlerDone(@Nullable Throwable error) {
                ws.finished(error);
            }
        }, h.names(), h.handlers());
        return ws;
    }
}
