package dev.weft.internal.client;

import dev.weft.client.ClientWebSocket;
import dev.weft.http.Headers;
import dev.weft.http.ws.WebSocketException;
import dev.weft.http.ws.WsMessage;
import dev.weft.internal.ws.WsConnection;
import dev.weft.json.JsonCodec;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/** {@link ClientWebSocket} over the shared frame machine, {@link WsConnection} in client mode. */
final class DefaultClientWebSocket implements ClientWebSocket {
    private final URI url;
    private final Headers responseHeaders;
    private final WsConnection conn;
    private final @Nullable String protocol;
    private final boolean compressed;
    private final JsonCodec codec;

    DefaultClientWebSocket(URI url, Headers responseHeaders, WsConnection conn, @Nullable String protocol,
                           boolean compressed, JsonCodec codec) {
        this.url = url;
        this.responseHeaders = responseHeaders;
        this.conn = conn;
        this.protocol = protocol;
        this.compressed = compressed;
        this.codec = codec;
    }

    @Override
    public URI url() {
        return url;
    }

    @Override
    public Headers responseHeaders() {
        return responseHeaders;
    }

    @Override
    public boolean compressed() {
        return compressed;
    }

    @Override
    public CompletionStage<WsMessage> receive() {
        return conn.receive();
    }

    @Override
    public CompletionStage<WsMessage> receive(Duration timeout) {
        return conn.receive(timeout);
    }

    @Override
    public CompletionStage<Void> forEach(MessageHandler handler) {
        return conn.forEach(handler);
    }

    @Override
    public CompletionStage<Void> sendText(String text) {
        return conn.sendText(text);
    }

    @Override
    public CompletionStage<Void> sendBytes(byte[] data) {
        return conn.sendBytes(data);
    }

    @Override
    public CompletionStage<Void> ping(byte[] data) {
        return conn.ping(data);
    }

    @Override
    public CompletionStage<Void> pong(byte[] data) {
        return conn.pong(data);
    }

    @Override
    public CompletionStage<Void> close(int code, String reason) {
        return conn.close(code, reason);
    }

    @Override
    public boolean isClosed() {
        return conn.isClosed();
    }

    @Override
    public boolean isClosing() {
        return conn.isClosing();
    }

    @Override
    public CompletionStage<Void> closed() {
        return conn.closedStage();
    }

    @Override
    public @Nullable Integer closeCode() {
        int code = conn.closeCode();
        return code == 0 ? null : code;
    }

    @Override
    public @Nullable WebSocketException exception() {
        return conn.exception();
    }

    @Override
    public @Nullable String protocol() {
        return protocol;
    }

    @Override
    public JsonCodec jsonCodec() {
        return codec;
    }

    @Override
    public String toString() {
        return "ClientWebSocket[" + url + ", " + (conn.isClosed() ? "closed " + conn.closeCode()
                : conn.isClosing() ? "closing" : "open") + "]";
    }
}
