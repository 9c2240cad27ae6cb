package dev.weft.client;

import static dev.weft.client.ClientTesting.localhost;
import static dev.weft.client.ClientTesting.url;
import static dev.weft.test.Await.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.http.ws.WsCloseCode;
import dev.weft.http.ws.WsMessage;
import dev.weft.loop.Loop;
import dev.weft.loop.ManualClock;
import dev.weft.test.TestServer;
import dev.weft.test.TestServers;
import dev.weft.test.WeftTest;
import dev.weft.web.Application;
import dev.weft.web.Reply;
import dev.weft.web.ws.WebSocketResponse;
import dev.weft.web.ws.WsOptions;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link ClientSession#wsConnect} against Weft servers on loopback, and against raw servers that misbehave. */
@WeftTest
class ClientWebSocketTest {
    private static final int BIG = 6 * 1024 * 1024;

    private TestServers servers;
    private final List<TestServer> started = new ArrayList<>();
    private ClientSession session;

    @BeforeEach
    void open(Loop loop, TestServers servers) {
        this.servers = servers;
        session = ClientSession.create(s -> s.loop(loop).header("X-Default", "from-session"));
    }

    /** Closes the session; the harness then waits for each server to see its sockets go. */
    @AfterEach
    void close() {
        session.close();
    }

    /** Serves {@link #app()} on the test's loop, closed by the harness after the test. */
    private TestServer serve() {
        TestServer server = servers.start(app());
        started.add(server);
        return server;
    }

    /** An echo server; {@code /hello} sends the request's X-Default header and cookie, then closes with 4001. */
    private static Application app() {
        Application app = Application.create();
        app.routes().get("/echo", req -> {
            WebSocketResponse ws = new WebSocketResponse(WsOptions.create(o -> o.maxMessageBytes(BIG * 2)
                    .protocols("chat")));
            return Reply.async(ws.prepare(req)
                    .thenCompose(v -> ws.forEach(msg -> msg instanceof WsMessage.Binary b ? ws.sendBytes(b.data())
                            : ws.sendText(WsMessage.text(msg))))
                    .thenApply(v -> ws));
        });
        app.routes().get("/hello", req -> {
            WebSocketResponse ws = new WebSocketResponse();
            return Reply.async(ws.prepare(req)
                    .thenCompose(v -> ws.sendText(req.headers().get("X-Default") + ";" + req.cookies().get("k")))
                    .thenCompose(v -> ws.close(4001, "bye"))
                    .thenApply(v -> ws));
        });
        app.routes().get("/mute", req -> { // never answers a ping
            WebSocketResponse ws = new WebSocketResponse(WsOptions.create(o -> o.autoping(false)));
            return Reply.async(ws.prepare(req).thenCompose(v -> ws.forEach(m -> null)).thenApply(v -> ws));
        });
        app.routes().get("/big", req -> {
            WebSocketResponse ws = new WebSocketResponse();
            return Reply.async(ws.prepare(req).thenCompose(v -> ws.sendBytes(new byte[1024 * 1024]))
                    .thenCompose(v -> ws.receive()).thenApply(v -> ws));
        });
        return app;
    }

    @Test
    void echoes_text_binary_and_json_through_a_weft_server() {
        TestServer server = serve();
        ClientWebSocket ws = await(session.wsConnect("ws://127.0.0.1:" + server.port() + "/echo"));
        assertThat(ws.url().toString()).startsWith("ws://127.0.0.1:");
        await(ws.sendText("hello"));
        assertThat(await(ws.receiveText())).isEqualTo("hello");
        await(ws.sendBytes(new byte[] {1, 2, 3}));
        assertThat(await(ws.receiveBytes())).containsExactly(1, 2, 3);
        await(ws.sendJson(Map.of("n", 7)));
        assertThat(await(ws.receiveJson(Map.class))).isEqualTo(Map.of("n", 7));
        await(ws.close());
        assertThat(ws.isClosed()).isTrue();
        assertThat(ws.closeCode()).isEqualTo(WsCloseCode.OK);
        assertThat(ws.exception()).isNull();
    }

    @Test
    void echoes_a_message_of_several_mebibytes() {
        TestServer server = serve();
        ClientWebSocket ws = await(session.wsConnect(url(server, "/echo"), o -> o.maxMessageBytes(BIG * 2)));
        byte[] big = new byte[BIG];
        ThreadLocalRandom.current().nextBytes(big);
        String text = "é".repeat(BIG / 2);
        await(ws.sendBytes(big));
        await(ws.sendText(text));
        assertThat(Arrays.equals(await(ws.receiveBytes()), big)).isTrue();
        assertThat(await(ws.receiveText())).isEqualTo(text);
        await(ws.close());
    }

    @Test
    void joins_fragments_and_answers_pings_between_them() throws Exception {
        try (RawServer server = new RawServer((s, i) -> {
            handshake(s, null);
            RawServer.write(s, frame(0x1, false, "frag".getBytes(StandardCharsets.UTF_8)));
            RawServer.write(s, frame(0x9, true, "p".getBytes(StandardCharsets.UTF_8))); // a ping between fragments
            RawServer.write(s, frame(0x0, false, "men".getBytes(StandardCharsets.UTF_8)));
            RawServer.write(s, frame(0x0, true, "ted".getBytes(StandardCharsets.UTF_8)));
            byte[] pong = readFrame(s.getInputStream());
            RawServer.write(s, frame(0x1, true, pong)); // echo the pong's payload back as text, to check it
            s.getInputStream().read();
        })) {
            ClientWebSocket ws = await(session.wsConnect(server.url("/")));
            assertThat(await(ws.receiveText())).isEqualTo("fragmented");
            assertThat(await(ws.receiveText())).isEqualTo("p");
        }
    }

    @Test
    void a_masked_frame_from_the_server_fails_the_socket_with_1002() throws Exception {
        CompletableFuture<byte[]> closeFrame = new CompletableFuture<>();
        try (RawServer server = new RawServer((s, i) -> {
            handshake(s, null);
            byte[] masked = {(byte) 0x81, (byte) 0x82, 1, 2, 3, 4, 'h' ^ 1, 'i' ^ 2};
            RawServer.write(s, masked);
            closeFrame.complete(readFrame(s.getInputStream()));
            s.close(); // the server closes the TCP connection: the client waits for that (RFC 6455 §7.1.1)
        })) {
            ClientWebSocket ws = await(session.wsConnect(server.url("/")));
            WsMessage m = await(ws.receive());
            assertThat(m).isInstanceOf(WsMessage.Error.class);
            assertThat(((WsMessage.Error) m).error().closeCode()).isEqualTo(WsCloseCode.PROTOCOL_ERROR);
            byte[] payload = await(closeFrame);
            assertThat(((payload[0] & 0xff) << 8) | (payload[1] & 0xff)).isEqualTo(WsCloseCode.PROTOCOL_ERROR);
            await(ws.closed());
        }
    }

    @Test
    void every_frame_the_client_sends_is_masked_with_a_new_key() throws Exception {
        CompletableFuture<List<byte[]>> keys = new CompletableFuture<>();
        try (RawServer server = new RawServer((s, i) -> {
            handshake(s, null);
            List<byte[]> seen = new ArrayList<>();
            InputStream in = s.getInputStream();
            for (int n = 0; n < 3; n++) {
                int b0 = in.read();
                int b1 = in.read();
                assertThat(b0).isEqualTo(0x81);
                assertThat(b1 & 0x80).as("mask bit").isEqualTo(0x80);
                byte[] key = in.readNBytes(4);
                byte[] data = in.readNBytes(b1 & 0x7f);
                for (int j = 0; j < data.length; j++) {
                    data[j] ^= key[j % 4];
                }
                assertThat(new String(data, StandardCharsets.UTF_8)).isEqualTo("m" + n);
                seen.add(key);
            }
            keys.complete(seen);
        })) {
            ClientWebSocket ws = await(session.wsConnect(server.url("/")));
            for (int n = 0; n < 3; n++) {
                await(ws.sendText("m" + n));
            }
            List<byte[]> k = await(keys);
            assertThat(Arrays.equals(k.get(0), k.get(1)) && Arrays.equals(k.get(1), k.get(2))).isFalse();
        }
    }

    @Test
    void a_message_over_max_message_bytes_fails_the_socket_with_1009() {
        TestServer server = serve();
        ClientWebSocket ws = await(session.wsConnect(url(server, "/big"), o -> o.maxMessageBytes(1000)));
        WsMessage m = await(ws.receive());
        assertThat(m).isInstanceOf(WsMessage.Error.class);
        assertThat(ws.exception().closeCode()).isEqualTo(WsCloseCode.MESSAGE_TOO_BIG);
        await(ws.closed());
    }

    @Test
    void the_subprotocol_chosen_is_one_offered() {
        TestServer server = serve();
        ClientWebSocket ws = await(session.wsConnect(url(server, "/echo"), o -> o.protocols("v2", "chat")));
        assertThat(ws.protocol()).isEqualTo("chat");
        await(ws.close());
        ClientWebSocket none = await(session.wsConnect(url(server, "/echo"), o -> o.protocols("v2")));
        assertThat(none.protocol()).isNull();
        await(none.close());
    }

    @Test
    void a_subprotocol_that_was_not_offered_or_a_wrong_accept_fails_the_handshake() throws Exception {
        try (RawServer server = new RawServer((s, i) -> {
            String head = readHead(s.getInputStream());
            String accept = i == 0 ? accept(key(head)) : "AAAAAAAAAAAAAAAAAAAAAAAAAAA=";
            RawServer.write(s, "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + accept + "\r\n" + (i == 0 ? "Sec-WebSocket-Protocol: evil\r\n" : "")
                    + "\r\n");
            s.getInputStream().read();
        })) {
            assertThatThrownBy(() -> await(session.wsConnect(server.url("/"), o -> o.protocols("chat"))))
                    .isInstanceOf(WsHandshakeException.class).hasMessageContaining("'evil', which was not offered");
            assertThatThrownBy(() -> await(session.wsConnect(server.url("/"))))
                    .isInstanceOf(WsHandshakeException.class).hasMessageContaining("Sec-WebSocket-Accept");
        }
    }

    @Test
    void a_refused_handshake_fails_with_the_status() {
        TestServer server = serve();
        assertThatThrownBy(() -> await(session.wsConnect(url(server, "/nowhere"))))
                .isInstanceOfSatisfying(WsHandshakeException.class, e -> assertThat(e.status()).isEqualTo(404));
    }

    @Test
    void the_handshake_carries_default_headers_and_jar_cookies_and_the_server_close_code_is_read() {
        TestServer server = serve();
        session.cookieJar().update(List.of(dev.weft.http.Cookie.of("k", "v")),
                java.net.URI.create(localhost(server, "/")));
        ClientWebSocket ws = await(session.wsConnect(localhost(server, "/hello")));
        assertThat(await(ws.receiveText())).isEqualTo("from-session;v");
        assertThat(await(ws.receive())).isEqualTo(new WsMessage.Close(4001, "bye"));
        await(ws.closed());
        assertThat(ws.closeCode()).isEqualTo(4001);
    }

    @Test
    void the_connection_of_a_socket_is_never_pooled_but_counts_until_closed() {
        TestServer server = serve();
        ClientWebSocket ws = await(session.wsConnect(url(server, "/echo")));
        assertThat(session.connector().openConnections()).isEqualTo(1);
        assertThat(session.connector().idleConnections()).isZero();
        await(ws.close());
        assertThat(session.connector().openConnections()).isZero();
        assertThat(session.connector().idleConnections()).isZero();
    }

    @Test
    void a_heartbeat_without_pong_fails_the_socket_with_1006(ManualClock clock) {
        TestServer server = serve();
        ClientWebSocket ws = await(session.wsConnect(url(server, "/mute"),
                o -> o.heartbeat(Duration.ofSeconds(30))));
        var next = ws.receive();
        clock.advance(Duration.ofSeconds(30)); // the heartbeat's ping goes out
        assertThat(next.toCompletableFuture()).isNotDone();
        clock.advance(Duration.ofSeconds(15)); // half a heartbeat later, no pong has come
        WsMessage m = await(next);
        assertThat(m).isInstanceOf(WsMessage.Error.class);
        assertThat(ws.closeCode()).isEqualTo(WsCloseCode.ABNORMAL_CLOSURE);
        assertThat(ws.exception().getMessage()).contains("no pong");
    }

    @Test
    void a_second_concurrent_receive_is_refused() {
        TestServer server = serve();
        ClientWebSocket ws = await(session.wsConnect(url(server, "/echo")));
        CompletionStage<WsMessage> first = ws.receive();
        assertThatThrownBy(ws::receive).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("concurrent receive");
        await(ws.sendText("x"));
        assertThat(await(first)).isEqualTo(new WsMessage.Text("x"));
        await(ws.close());
    }

    @Test
    void sends_from_several_threads_each_arrive_in_their_order() throws Exception {
        int threads = 4;
        int each = 200;
        TestServer server = serve();
        ClientWebSocket ws = await(session.wsConnect(url(server, "/echo")));
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int t = 0; t < threads; t++) {
                int id = t;
                pool.execute(() -> {
                    for (int n = 0; n < each; n++) {
                        ws.sendText(id + ":" + n);
                    }
                });
            }
            int[] next = new int[threads];
            for (int i = 0; i < threads * each; i++) {
                String[] parts = await(ws.receiveText()).split(":");
                int id = Integer.parseInt(parts[0]);
                assertThat(Integer.parseInt(parts[1])).isEqualTo(next[id]++);
            }
        } finally {
            pool.shutdown();
        }
        await(ws.close());
    }

    @Test
    void forEach_reads_until_the_server_closes() {
        TestServer server = serve();
        ClientWebSocket ws = await(session.wsConnect(url(server, "/hello")));
        List<WsMessage> seen = new ArrayList<>();
        await(ws.forEach(m -> {
            seen.add(m);
            return null;
        }));
        assertThat(seen).containsExactly(new WsMessage.Text("from-session;null"));
        assertThat(ws.closeCode()).isEqualTo(4001);
    }

    @Test
    void permessage_deflate_is_offered_only_when_asked_for() {
        TestServer server = serve();
        ClientWebSocket plain = await(session.wsConnect(url(server, "/echo")));
        assertThat(plain.compressed()).isFalse();
        await(plain.close());
        ClientWebSocket deflated = await(session.wsConnect(url(server, "/echo"), o -> o.compress(true)));
        assertThat(deflated.compressed()).isTrue();
        await(deflated.sendText("squeeze"));
        assertThat(await(deflated.receiveText())).isEqualTo("squeeze");
        await(deflated.close());
    }

    // ---- a raw WebSocket server side, for frames no Weft server sends

    static void handshake(Socket s, String protocol) throws Exception {
        String head = readHead(s.getInputStream());
        RawServer.write(s, "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + accept(key(head)) + "\r\n"
                + (protocol == null ? "" : "Sec-WebSocket-Protocol: " + protocol + "\r\n") + "\r\n");
    }

    private static String readHead(InputStream in) throws Exception {
        StringBuilder b = new StringBuilder();
        while (!b.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                throw new IllegalStateException("end of stream in the head");
            }
            b.append((char) c);
        }
        return b.toString();
    }

    private static String key(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("sec-websocket-key:")) {
                return line.substring(line.indexOf(':') + 1).trim();
            }
        }
        throw new IllegalStateException("no key in " + head);
    }

    private static String accept(String key) throws Exception {
        return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
                .digest((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII)));
    }

    /** An unmasked server frame with a payload under 126 bytes. */
    static byte[] frame(int opcode, boolean fin, byte[] payload) {
        byte[] out = new byte[2 + payload.length];
        out[0] = (byte) ((fin ? 0x80 : 0) | opcode);
        out[1] = (byte) payload.length;
        System.arraycopy(payload, 0, out, 2, payload.length);
        return out;
    }

    /** Reads one masked client frame with a payload under 126 bytes and returns the unmasked payload. */
    static byte[] readFrame(InputStream in) throws Exception {
        in.read();
        int len = in.read() & 0x7f;
        byte[] key = in.readNBytes(4);
        byte[] data = in.readNBytes(len);
        for (int j = 0; j < data.length; j++) {
            data[j] ^= key[j % 4];
        }
        return data;
    }
}
