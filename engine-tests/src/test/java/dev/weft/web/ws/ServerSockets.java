package dev.weft.web.ws;

import static dev.weft.web.ws.Await.await;

import dev.weft.loop.Loop;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The server's side of every WebSocket a test's handlers make, so that the test can end once the server has closed
 * them all. The harness fails a test that leaves a WebSocket open on the server, and a client's close (or its socket
 * going away) reaches the server a moment after the client has let go: {@link #awaitAllClosed} waits for that
 * moment instead of racing it. Handlers pass each response they make through {@link #add}.
 */
final class ServerSockets {
    private final Loop loop;
    private final List<WebSocketResponse> made = new CopyOnWriteArrayList<>();

    /** Sockets of handlers that run on {@code loop}, the loop of the test's server. */
    ServerSockets(Loop loop) {
        this.loop = loop;
    }

    /** Remembers {@code ws}, just made by a handler, and returns it. Any thread. */
    WebSocketResponse add(WebSocketResponse ws) {
        made.add(ws);
        return ws;
    }

    /**
     * Waits until every socket that was prepared is closed on the server. It looks at them from the server's loop,
     * after the events already queued there, so that a handshake whose 101 the client has just read counts as
     * prepared. Fails the test after {@link Await#TIMEOUT}.
     */
    void awaitAllClosed() {
        await(CompletableFuture.supplyAsync(() -> CompletableFuture.allOf(made.stream()
                        .filter(WebSocketResponse::prepared)
                        .map(ws -> ws.closed().toCompletableFuture())
                        .toArray(CompletableFuture[]::new)), loop)
                .thenCompose(all -> all));
    }
}
