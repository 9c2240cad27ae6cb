package dev.weft.web.ws;

import static dev.weft.test.Await.await;

import dev.weft.test.Await;
import dev.weft.test.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A minimal test client on the JDK's {@link WebSocket}: what it receives goes into a queue read with a timeout. */
final class JdkWs implements AutoCloseable {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    /** What arrived: a String, a byte[], or a Closed. */
    final BlockingQueue<Object> received = new LinkedBlockingQueue<>();
    final CompletableFuture<Closed> closed = new CompletableFuture<>();
    final WebSocket socket;

    record Closed(int code, String reason) {
    }

    private JdkWs(URI uri, String... headers) {
        WebSocket.Builder b = CLIENT.newWebSocketBuilder();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        this.socket = await(b.buildAsync(uri, new Listener()));
    }

    /** Opens a WebSocket to {@code path} on {@code server} (over TCP), with {@code headers} as name, value, .... */
    static JdkWs connect(TestServer server, String path, String... headers) {
        return new JdkWs(URI.create("ws://" + TestServer.HOST + ":" + server.port() + path), headers);
    }

    JdkWs text(String text) {
        await(socket.sendText(text, true));
        return this;
    }

    /** The next thing received, waiting at most the test timeout. */
    Object next() throws InterruptedException {
        Object o = received.poll(Await.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        if (o == null) {
            throw new AssertionError("nothing received within " + Await.TIMEOUT);
        }
        return o;
    }

    Closed awaitClose() {
        return await(closed);
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").exceptionally(t -> null);
        }
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                received.add(text.toString());
                text.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            byte[] b = new byte[data.remaining()];
            data.get(b);
            received.add(b);
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
            Closed c = new Closed(code, reason);
            received.add(c);
            closed.complete(c);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            closed.completeExceptionally(error);
        }
    }
}
