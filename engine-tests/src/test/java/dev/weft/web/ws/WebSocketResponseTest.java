package dev.weft.web.ws;

import static dev.weft.test.Await.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.client.ClientResponse;
import dev.weft.client.ClientWebSocket;
import dev.weft.http.ws.WsCloseCode;
import dev.weft.http.ws.WsMessage;
import dev.weft.loop.ManualClock;
import dev.weft.test.TestClient;
import dev.weft.test.TestClients;
import dev.weft.test.TestServer;
import dev.weft.test.TestServers;
import dev.weft.test.TestTransport;
import dev.weft.test.WeftTest;
import dev.weft.web.AppKey;
import dev.weft.web.Application;
import dev.weft.web.Reply;
import dev.weft.web.Response;
import dev.weft.web.ServerConfig;
import dev.weft.web.ServerLimits;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The server's WebSocket end to end, on servers the test harness starts: against the JDK's WebSocket client, the
 * harness's own client ({@link TestClient#wsConnect}) and raw sockets where the exact bytes matter. The harness
 * fails a test that ends with a socket still open on the server.
 */
@WeftTest(transport = TestTransport.TCP)
class WebSocketResponseTest {
    /** The grace period of the graceful-stop test: the clients' answers to the 1001 close arrive within it. */
    private static final Duration GRACE = Duration.ofSeconds(5);

    /** The echo handler of the docs: short, and a plain lambda. */
    static Application echoApp() {
        Application app = Application.create();
        app.routes().get("/echo", req -> {
            var ws = new WebSocketResponse();
            return Reply.async(ws.prepare(req)
                    .thenCompose(v -> ws.forEach(msg -> msg instanceof WsMessage.Binary b ? ws.sendBytes(b.data())
                            : ws.sendText(WsMessage.text(msg))))
                    .thenApply(v -> ws));
        });
        return app;
    }

    @Test
    void echoes_text_and_binary_messages_to_the_jdk_client(TestServers servers) throws Exception {
        TestServer server = servers.start(echoApp());
        try (JdkWs client = JdkWs.connect(server, "/echo")) {
            client.text("hello");
            assertThat(client.next()).isEqualTo("hello");
            await(client.socket.sendBinary(java.nio.ByteBuffer.wrap(new byte[] {1, 2, 3}), true));
            assertThat((byte[]) client.next()).containsExactly(1, 2, 3);
            await(client.socket.sendText("frag", false));
            await(client.socket.sendText("mented", true));
            assertThat(client.next()).isEqualTo("fragmented");
            await(client.socket.sendClose(1000, "bye"));
            assertThat(client.awaitClose().code()).isEqualTo(1000);
        }
    }

    @Test
    void a_second_receive_while_one_is_pending_fails_at_once(TestClients clients) {
        CompletableFuture<Throwable> second = new CompletableFuture<>();
        Application app = Application.create();
        app.routes().get("/ws", req -> {
            var ws = new WebSocketResponse();
            return Reply.async(ws.prepare(req).thenCompose(v -> {
                var first = ws.receive();
                try {
                    ws.receive();
                    second.complete(null);
                } catch (IllegalStateException e) {
                    second.complete(e);
                }
                return first;
            }).thenApply(m -> ws));
        });
        ClientWebSocket ws = await(clients.create(app).wsConnect("/ws"));
        assertThat(await(second)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("concurrent receive calls are not allowed");
        await(ws.sendText("unblock"));
        await(ws.closed());
        assertThat(ws.closeCode()).isEqualTo(1000); // the handler returned: closed with 1000
    }

    @Test
    void a_receive_with_a_timeout_fails_and_leaves_the_socket_open(ManualClock clock, TestClients clients) {
        CompletableFuture<Throwable> timedOut = new CompletableFuture<>();
        Application app = Application.create();
        app.routes().get("/ws", req -> {
            var ws = new WebSocketResponse();
            return Reply.async(ws.prepare(req)
                    .thenCompose(v -> ws.receive(Duration.ofSeconds(5)).handle((m, e) -> {
                        timedOut.complete(e);
                        return null;
                    }))
                    .thenCompose(x -> ws.receiveText())
                    .thenCompose(text -> ws.sendText("after timeout: " + text))
                    .thenApply(v -> ws));
        });
        ClientWebSocket ws = await(clients.create(app).wsConnect("/ws"));
        clock.advance(Duration.ofSeconds(5).minusNanos(1));
        assertThat(timedOut).isNotDone();
        clock.advance(Duration.ofNanos(1));
        assertThat(await(timedOut)).isInstanceOf(TimeoutException.class);
        await(ws.sendText("hi"));
        assertThat(await(ws.receiveText())).isEqualTo("after timeout: hi");
        await(ws.close());
    }

    record Point(int x, int y) {
    }

    @Test
    void typed_helpers_read_text_and_json_and_send_json(TestClients clients) {
        Application app = Application.create();
        app.routes().get("/ws", req -> {
            var ws = new WebSocketResponse();
            return Reply.async(ws.prepare(req)
                    .thenCompose(v -> ws.receiveJson(Point.class))
                    .thenCompose(p -> ws.sendJson(new Point(p.y(), p.x())))
                    .thenCompose(v -> ws.receiveText())
                    .thenCompose(t -> ws.sendText(t.toUpperCase()))
                    .thenApply(v -> ws));
        });
        ClientWebSocket ws = await(clients.create(app).wsConnect("/ws"));
        await(ws.sendText("{\"x\":1,\"y\":2}"));
        assertThat(await(ws.receiveText())).isEqualTo("{\"x\":2,\"y\":1}");
        await(ws.sendText("shout"));
        assertThat(await(ws.receiveText())).isEqualTo("SHOUT");
        await(ws.closed());
        assertThat(ws.closeCode()).isEqualTo(1000);
    }

    @Test
    void a_subprotocol_is_chosen_in_the_clients_order(TestServers servers) throws Exception {
        CompletableFuture<String> chosen = new CompletableFuture<>();
        Application app = Application.create();
        app.routes().get("/ws", req -> {
            var ws = new WebSocketResponse(WsOptions.create(o -> o.protocols("chat", "superchat")));
            return Reply.async(ws.prepare(req).thenApply(v -> {
                chosen.complete(ws.protocol());
                return ws;
            }));
        });
        try (RawWs raw = RawWs.connect(servers.start(app).port())) {
            raw.write(RawWs.handshake("/ws", "Sec-WebSocket-Protocol: superchat, chat\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            String head = raw.readHead();
            assertThat(head).startsWith("HTTP/1.1 101").contains("Sec-WebSocket-Protocol: superchat")
                    .contains("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
            assertThat(await(chosen)).isEqualTo("superchat");
        }
    }

    // ---- aiohttp FAQ pattern 1: one reader, and a second task forwarding a subscription to the same socket

    /** A tiny pub/sub: subscribers are callbacks; publishing runs them on the publisher's thread. */
    static final class PubSub {
        final Set<Consumer<String>> subscribers = ConcurrentHashMap.newKeySet();

        Runnable subscribe(Consumer<String> s) {
            subscribers.add(s);
            return () -> subscribers.remove(s);
        }

        void publish(String m) {
            subscribers.forEach(s -> s.accept(m));
        }
    }

    @Test
    void a_handler_reads_while_another_task_forwards_published_messages_to_the_same_socket(TestClients clients)
            throws Exception {
        PubSub bus = new PubSub();
        CountDownLatch subscribed = new CountDownLatch(1);
        CompletableFuture<Integer> unsubscribedAfter = new CompletableFuture<>();
        Application app = Application.create();
        app.routes().get("/feed", req -> {
            var ws = new WebSocketResponse();
            return Reply.async(ws.prepare(req).thenCompose(v -> {
                Runnable unsubscribe = bus.subscribe(m -> ws.sendText("pub: " + m)); // sends from the publisher
                subscribed.countDown();
                return ws.forEach(msg -> ws.sendText("echo: " + WsMessage.text(msg)))
                        .whenComplete((x, e) -> {
                            unsubscribe.run();
                            unsubscribedAfter.complete(bus.subscribers.size());
                        });
            }).thenApply(v -> ws));
        });
        ClientWebSocket ws = await(clients.create(app).wsConnect("/feed"));
        assertThat(subscribed.await(10, TimeUnit.SECONDS)).isTrue();
        Thread publisher = new Thread(() -> bus.publish("news"));
        publisher.start();
        await(ws.sendText("ping-from-client"));
        List<String> got = List.of(await(ws.receiveText()), await(ws.receiveText()));
        assertThat(got).containsExactlyInAnyOrder("pub: news", "echo: ping-from-client");
        publisher.join();
        await(ws.close());
        assertThat(await(unsubscribedAfter)).isZero();
    }

    // ---- aiohttp FAQ pattern 2: a per-user registry, and /logout closes all of a user's sockets

    static final AppKey<Map<String, Set<WebSocketResponse>>> SOCKETS =
            AppKey.ofGeneric("sockets", Map.class);

    @Test
    void logout_closes_every_socket_of_the_user_and_each_handler_ends_and_leaves_the_registry(TestClients clients)
            throws Exception {
        Application app = Application.create();
        app.set(SOCKETS, new ConcurrentHashMap<>());
        CountDownLatch ended = new CountDownLatch(2);
        List<WsMessage> lastMessages = new CopyOnWriteArrayList<>();
        app.routes().get("/ws/{user}", req -> {
            String user = req.param("user");
            var ws = new WebSocketResponse();
            Set<WebSocketResponse> mine = req.app().require(SOCKETS)
                    .computeIfAbsent(user, u -> ConcurrentHashMap.newKeySet());
            return Reply.async(ws.prepare(req).thenCompose(v -> {
                mine.add(ws);
                return readUntilClose(ws, lastMessages);
            }).whenComplete((x, e) -> {
                mine.remove(ws);
                ended.countDown();
            }).thenApply(v -> ws));
        });
        app.routes().post("/logout/{user}", req -> {
            Set<WebSocketResponse> mine = req.app().require(SOCKETS).getOrDefault(req.param("user"), Set.of());
            var closes = mine.stream().map(ws -> ws.close(WsCloseCode.GOING_AWAY, "logged out")
                    .toCompletableFuture()).toArray(CompletableFuture[]::new);
            return Reply.async(CompletableFuture.allOf(closes).thenApply(v -> Response.text("closed " + closes.length)));
        });
        TestClient client = clients.create(app);
        ClientWebSocket a = await(client.wsConnect("/ws/ada"));
        ClientWebSocket b = await(client.wsConnect("/ws/ada"));
        ClientWebSocket other = await(client.wsConnect("/ws/bob"));
        // Make sure all three handlers registered before logging out.
        for (ClientWebSocket c : List.of(a, b, other)) {
            await(c.sendText("hi"));
            assertThat(await(c.receiveText())).isEqualTo("hi");
        }
        try (ClientResponse res = await(client.post("/logout/ada"))) {
            assertThat(await(res.text())).isEqualTo("closed 2");
        }
        assertThat(await(a.receive())).isEqualTo(new WsMessage.Close(1001, "logged out"));
        assertThat(await(b.receive())).isEqualTo(new WsMessage.Close(1001, "logged out"));
        assertThat(ended.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(lastMessages).containsOnly(WsMessage.CLOSING);
        assertThat(app.require(SOCKETS).get("ada")).isEmpty();
        assertThat(app.require(SOCKETS).get("bob")).hasSize(1);
        await(other.sendText("still here"));
        assertThat(await(other.receiveText())).isEqualTo("still here");
        await(other.close());
    }

    /** An echo read loop written with receive(), recording the message that ended it. */
    private static CompletableFuture<Void> readUntilClose(WebSocketResponse ws, List<WsMessage> last) {
        return ws.receive().toCompletableFuture().thenCompose(m -> {
            if (m.isClose()) {
                last.add(m);
                return CompletableFuture.completedFuture(null);
            }
            return ws.sendText(WsMessage.text(m)).thenCompose(v -> readUntilClose(ws, last));
        });
    }

    // ---- graceful stop

    @Test
    void graceful_shutdown_closes_open_sockets_with_1001_before_the_shutdown_signals(TestServers servers,
                                                                                     TestClients clients) {
        Application app = echoApp();
        List<WebSocketResponse> open = new CopyOnWriteArrayList<>();
        CompletableFuture<Boolean> closingAtShutdownSignal = new CompletableFuture<>();
        app.routes().get("/tracked", req -> {
            var ws = new WebSocketResponse();
            open.add(ws);
            return Reply.async(ws.prepare(req).thenCompose(v -> ws.forEach(m -> null)).thenApply(v -> ws));
        });
        app.onShutdown(a -> {
            closingAtShutdownSignal.complete(open.stream().allMatch(WebSocketResponse::isClosing));
            return null;
        });
        // A graceful stop: the clients have the grace period to answer the server's close.
        TestServer server = servers.start(app, TestServer.testConfig().toBuilder().shutdownGrace(GRACE).build());
        ClientWebSocket client = await(clients.create(server).wsConnect("/tracked"));
        server.close();
        assertThat(await(client.receive())).isEqualTo(new WsMessage.Close(1001, "server shutdown"));
        assertThat(await(closingAtShutdownSignal)).isTrue();
        assertThat(open.get(0).closeCode()).isEqualTo(1001);
        await(client.closed());
    }

    @Test
    void sends_from_another_thread_arrive_in_order_and_complete_once_written(TestClients clients) {
        int count = 500;
        Application app = Application.create();
        app.routes().get("/burst", req -> {
            var ws = new WebSocketResponse();
            return Reply.async(ws.prepare(req).thenCompose(v -> CompletableFuture.supplyAsync(() -> {
                CompletableFuture<?> last = null;
                for (int i = 0; i < count; i++) {
                    last = ws.sendText("m" + i).toCompletableFuture();
                }
                return last;
            }).thenCompose(last -> last)).thenCompose(v -> ws.forEach(m -> null)).thenApply(v -> ws));
        });
        ClientWebSocket ws = await(clients.create(app).wsConnect("/burst"));
        for (int i = 0; i < count; i++) {
            assertThat(await(ws.receiveText())).isEqualTo("m" + i);
        }
        await(ws.close());
    }

    @Test
    void with_autoclose_off_the_handler_sees_the_close_and_answers_it_itself(TestServers servers) throws Exception {
        CompletableFuture<WsMessage> seen = new CompletableFuture<>();
        Application app = Application.create();
        app.routes().get("/manual", req -> {
            var ws = new WebSocketResponse(WsOptions.create(o -> o.autoclose(false).autoping(false)));
            return Reply.async(ws.prepare(req)
                    .thenCompose(v -> ws.receive()) // the ping, delivered with autoping off
                    .thenCompose(ping -> ws.pong(((WsMessage.Ping) ping).data()))
                    .thenCompose(v -> ws.receive())
                    .thenCompose(m -> {
                        seen.complete(m);
                        assertThat(ws.isClosed()).isFalse();
                        return ws.close(4002, "as you wish");
                    })
                    .thenApply(v -> ws));
        });
        try (RawWs raw = RawWs.open(servers.start(app).port(), "/manual")) {
            raw.send(true, 0, 9, "p".getBytes(StandardCharsets.UTF_8));
            assertThat(raw.read().opcode()).isEqualTo(10);
            raw.send(true, 0, 8, RawWs.closePayload(1000, "done".getBytes(StandardCharsets.UTF_8)));
            assertThat(await(seen)).isEqualTo(new WsMessage.Close(1000, "done"));
            assertThat(raw.expectClose()).isEqualTo(4002);
            assertThat(raw.closedByServer()).isTrue();
        }
    }

    @Test
    void a_handler_that_fails_after_the_handshake_closes_the_socket_with_1011(TestClients clients) {
        Application app = Application.create();
        app.routes().get("/boom", req -> {
            var ws = new WebSocketResponse();
            return Reply.async(ws.prepare(req).thenCompose(v -> ws.receiveText()).thenApply(t -> {
                throw new IllegalStateException("boom: " + t);
            }));
        });
        ClientWebSocket ws = await(clients.create(app).wsConnect("/boom"));
        await(ws.sendText("now"));
        await(ws.closed());
        assertThat(ws.closeCode()).isEqualTo(WsCloseCode.INTERNAL_ERROR);
    }

    @Test
    void an_upgraded_connection_outlives_the_http_timeouts(ManualClock clock, TestClients clients) {
        Application app = Application.create();
        app.routes().get("/quiet", req -> {
            var ws = new WebSocketResponse();
            // Wait out three keep-alive and header timeouts on the server's clock, then speak.
            return Reply.async(ws.prepare(req)
                    .thenCompose(v -> ws.receive(Duration.ofMillis(600)).handle((m, e) -> e))
                    .thenCompose(e -> ws.sendText("still open after " + e.getClass().getSimpleName()))
                    .thenCompose(v -> ws.forEach(m -> null))
                    .thenApply(v -> ws));
        });
        ServerConfig shortTimeouts = TestServer.testConfig().toBuilder().limits(ServerLimits.create()
                .withKeepAliveTimeout(Duration.ofMillis(200)).withHeaderTimeout(Duration.ofMillis(200))
                .withBodyIdleTimeout(Duration.ofMillis(200))).build();
        ClientWebSocket ws = await(clients.create(app, shortTimeouts).wsConnect("/quiet"));
        var text = ws.receiveText();
        clock.advance(Duration.ofMillis(600));
        assertThat(await(text)).isEqualTo("still open after ReceiveTimeout");
        await(ws.close());
    }

    @Test
    void closing_before_prepare_or_returning_an_unprepared_socket_is_an_error() {
        var ws = new WebSocketResponse();
        assertThatThrownBy(ws::receive).isInstanceOf(IllegalStateException.class).hasMessageContaining("prepare");
        assertThat(ws.toStage().toCompletableFuture()).isCompletedExceptionally();
        assertThatThrownBy(() -> WsOptions.create(o -> o.maxMessageBytes(0)))
                .hasMessageContaining("maxMessageBytes");
    }
}
