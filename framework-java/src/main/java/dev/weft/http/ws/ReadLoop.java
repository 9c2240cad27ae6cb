package dev.weft.http.ws;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** {@link WebSocket#forEach}: reads without recursion while messages are queued, resumes on the loop otherwise. */
final class ReadLoop {
    private final WebSocket ws;
    private final WebSocket.MessageHandler handler;
    private final CompletableFuture<Void> done = new CompletableFuture<>();

    private ReadLoop(WebSocket ws, WebSocket.MessageHandler handler) {
        this.ws = ws;
        this.handler = handler;
    }

    static CompletionStage<Void> run(WebSocket ws, WebSocket.MessageHandler handler) {
        ReadLoop loop = new ReadLoop(ws, handler);
        loop.step();
        return loop.done;
    }

    private void step() {
        try {
            while (true) {
                CompletableFuture<WsMessage> next = ws.receive().toCompletableFuture();
                if (!next.isDone()) {
                    next.whenComplete((m, e) -> {
                        if (e != null) {
                            done.completeExceptionally(e);
                        } else if (handleOne(m)) {
                            step();
                        }
                    });
                    return;
                }
                if (!handleOne(next.join())) {
                    return;
                }
            }
        } catch (Throwable t) {
            done.completeExceptionally(t);
        }
    }

    /** Handles one message; true to read on now, false when done or when the handler's stage resumes later. */
    private boolean handleOne(WsMessage m) {
        if (m.isClose()) {
            done.complete(null);
            return false;
        }
        CompletionStage<?> s;
        try {
            s = handler.onMessage(m);
        } catch (Throwable t) {
            done.completeExceptionally(t);
            return false;
        }
        if (s == null) {
            return true;
        }
        CompletableFuture<?> f = s.toCompletableFuture();
        if (f.isDone() && !f.isCompletedExceptionally()) {
            return true;
        }
        f.whenComplete((v, e) -> {
            if (e != null) {
                done.completeExceptionally(e);
            } else {
                step();
            }
        });
        return false;
    }
}
