package dev.weft.examples.chat;

import dev.weft.http.ws.WsCloseCode;
import dev.weft.http.ws.WsMessage;
import dev.weft.web.AppKey;
import dev.weft.web.Application;
import dev.weft.web.Reply;
import dev.weft.web.Response;
import dev.weft.web.Server;
import dev.weft.web.ws.WebSocketResponse;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A chat: {@code ws://host/rooms/{room}} joins a room, where every text message goes to everyone in it;
 * {@code POST /rooms/{room}/close} closes the room's sockets, whose handlers then end and leave the registry. Run it
 * with {@code mvn -q -pl examples -am compile exec:java -Dexec.mainClass=dev.weft.examples.chat.ChatApp}.
 */
public final class ChatApp {
    /** The open sockets of each room. */
    public static final AppKey<Map<String, Set<WebSocketResponse>>> ROOMS = AppKey.ofGeneric("rooms", Map.class);

    private ChatApp() {
    }

    /** The application, apart from the server, so that a test can run it on a free port. */
    public static Application app() {
        Application app = Application.create();
        app.set(ROOMS, new ConcurrentHashMap<>());
        app.routes().get("/rooms/{room}", req -> {
            Set<WebSocketResponse> room = req.app().require(ROOMS)
                    .computeIfAbsent(req.param("room"), r -> ConcurrentHashMap.newKeySet());
            var ws = new WebSocketResponse();
            return Reply.async(ws.prepare(req)
                    .thenCompose(v -> {
                        room.add(ws);
                        return ws.forEach(msg -> broadcast(room, WsMessage.text(msg)));
                    })
                    .whenComplete((v, error) -> room.remove(ws))
                    .thenApply(v -> ws));
        });
        app.routes().post("/rooms/{room}/close", req -> {
            Set<WebSocketResponse> room = req.app().require(ROOMS).getOrDefault(req.param("room"), Set.of());
            CompletableFuture<?>[] closes = room.stream()
                    .map(ws -> ws.close(WsCloseCode.GOING_AWAY, "room closed").toCompletableFuture())
                    .toArray(CompletableFuture[]::new);
            return Reply.async(CompletableFuture.allOf(closes)
                    .thenApply(v -> Response.text("closed " + closes.length + " sockets")));
        });
        return app;
    }

    /** Sends {@code text} to every socket of {@code room}; completes when each has taken it (or is gone). */
    static CompletableFuture<Void> broadcast(Set<WebSocketResponse> room, String text) {
        return CompletableFuture.allOf(room.stream()
                .map(ws -> ws.sendText(text).toCompletableFuture().exceptionally(closed -> null))
                .toArray(CompletableFuture[]::new));
    }

    public static void main(String[] args) {
        String port = System.getenv("PORT");
        Server.run(app(), "127.0.0.1", port == null ? 8080 : Integer.parseInt(port));
    }
}
