package dev.weft.web.ws;

import static dev.weft.test.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.http.ws.WsMessage;
import dev.weft.loop.ManualClock;
import dev.weft.test.TestServer;
import dev.weft.test.TestServers;
import dev.weft.test.TestTransport;
import dev.weft.test.WeftTest;
import dev.weft.web.Application;
import dev.weft.web.Reply;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.zip.Deflater;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code HOSTILE-INPUTS.md} cases 31–37 over raw sockets, plus the limits and timers around them, on a server the
 * test harness starts for each test. After each case the server still serves the next connection (checked in
 * {@link #stillServes}), and has closed every socket it opened.
 */
@WeftTest(transport = TestTransport.TCP)
class HostileWebSocketTest {
    private static final int MAX = 1024;
    /** The timers' settings: virtual time for the tests that take a {@link ManualClock}. */
    private static final Duration HEARTBEAT = Duration.ofSeconds(30);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);
    private TestServer server;
    private final CompletableFuture<WebSocketResponse> lastSocket = new CompletableFuture<>();

    @BeforeEach
    void start(TestServers servers) {
        Application app = WebSocketResponseTest.echoApp();
        WsOptions small = WsOptions.create(o -> o.maxMessageBytes(MAX).allowedOrigins("https://good.example"));
        app.routes().get("/small", req -> {
            var ws = new WebSocketResponse(small);
            lastSocket.complete(ws);
            return Reply.async(ws.prepare(req)
                    .thenCompose(v -> ws.forEach(m -> ws.sendText(WsMessage.text(m)))).thenApply(v -> ws));
        });
        app.routes().post("/echo", req -> Reply.async(new WebSocketResponse().prepare(req).thenApply(v -> null)));
        app.routes().get("/heartbeat", req -> {
            var ws = new WebSocketResponse(WsOptions.create(o -> o.heartbeat(HEARTBEAT)));
            lastSocket.complete(ws);
            return Reply.async(ws.prepare(req).thenCompose(v -> ws.forEach(m -> null)).thenApply(v -> ws));
        });
        app.routes().get("/closer", req -> {
            var ws = new WebSocketResponse(WsOptions.create(o -> o.closeTimeout(CLOSE_TIMEOUT)));
            lastSocket.complete(ws);
            return Reply.async(ws.prepare(req).thenCompose(v -> ws.close(4000, "bye")).thenApply(v -> ws));
        });
        server = servers.start(app);
    }

    @AfterEach
    void stillServes() throws Exception {
        try (JdkWs client = JdkWs.connect(server, "/echo")) {
            client.text("next");
            assertThat(client.next()).isEqualTo("next");
        }
    }

    private String answer(String request) throws IOException {
        try (RawWs raw = RawWs.connect(server.port())) {
            raw.write(request.getBytes(StandardCharsets.ISO_8859_1));
            String head = raw.readHead();
            assertThat(raw.closedByServer()).as("closed after a refused upgrade").isTrue();
            return head;
        }
    }

    // ---- 31: the handshake

    @ParameterizedTest
    @ValueSource(strings = {"c2hvcnQ=", "not base64 at all!!!!!!!", "dGhlIHNhbXBsZSBub25jZQ==dGhl"})
    void case31_a_key_that_is_not_16_bytes_of_base64_gets_400(String key) throws IOException {
        assertThat(answer(RawWs.handshake("/echo", "").replace(RawWs.KEY, key))).startsWith("HTTP/1.1 400");
    }

    @Test
    void case31_http_1_0_and_post_get_400() throws IOException {
        assertThat(answer(RawWs.handshake("/echo", "").replace("HTTP/1.1", "HTTP/1.0"))).startsWith("HTTP/1.1 400");
        assertThat(answer(RawWs.handshake("/echo", "").replace("GET", "POST"))).startsWith("HTTP/1.1 400");
    }

    @Test
    void case31_a_handshake_without_its_upgrade_headers_or_version_gets_400() throws IOException {
        String hs = RawWs.handshake("/echo", "");
        try (RawWs raw = RawWs.connect(server.port())) {
            // Not an upgrade request at all: an ordinary 400, and the connection stays usable for HTTP.
            raw.write(hs.replace("Upgrade: websocket\r\n", "").getBytes(StandardCharsets.ISO_8859_1));
            assertThat(raw.readHead()).startsWith("HTTP/1.1 400").doesNotContainIgnoringCase("connection: close");
        }
        assertThat(answer(hs.replace("Connection: Upgrade", "Connection: keep-alive"))).startsWith("HTTP/1.1 400");
        assertThat(answer(hs.replace("Sec-WebSocket-Version: 13\r\n", ""))).startsWith("HTTP/1.1 400");
        assertThat(answer(hs.replace("Sec-WebSocket-Key: ", "X-Key: "))).startsWith("HTTP/1.1 400");
    }

    @Test
    void case31_a_version_other_than_13_gets_426_naming_13() throws IOException {
        String head = answer(RawWs.handshake("/echo", "").replace("Version: 13", "Version: 8"));
        assertThat(head).startsWith("HTTP/1.1 426").containsIgnoringCase("sec-websocket-version: 13");
    }

    @Test
    void case31_an_origin_outside_the_allow_list_gets_403() throws IOException {
        assertThat(answer(RawWs.handshake("/small", "Origin: https://evil.example\r\n"))).startsWith("HTTP/1.1 403");
        try (RawWs raw = RawWs.connect(server.port())) {
            raw.write(RawWs.handshake("/small", "Origin: https://good.example\r\n").getBytes(StandardCharsets.UTF_8));
            assertThat(raw.readHead()).startsWith("HTTP/1.1 101");
        }
    }

    @Test
    void case16_an_upgrade_request_with_a_body_is_refused_and_its_body_never_read_as_a_request() throws IOException {
        String smuggled = "GET /echo HTTP/1.1\r\nHost: x\r\n\r\n";
        String req = RawWs.handshake("/echo", "Content-Length: " + smuggled.length() + "\r\n") + smuggled;
        try (RawWs raw = RawWs.connect(server.port())) {
            raw.write(req.getBytes(StandardCharsets.ISO_8859_1));
            assertThat(raw.readHead()).startsWith("HTTP/1.1 400").containsIgnoringCase("connection: close");
            String rest = new String(raw.in.readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(rest).doesNotContain("HTTP/1.1");
        }
    }

    @Test
    void case16_frames_sent_before_the_101_are_read_as_frames_not_requests() throws IOException {
        try (RawWs raw = RawWs.connect(server.port())) {
            byte[] hs = RawWs.handshake("/echo", "").getBytes(StandardCharsets.ISO_8859_1);
            byte[] frame = RawWs.frame(true, 0, 1, "early".getBytes(StandardCharsets.UTF_8), true);
            ByteArrayOutputStream both = new ByteArrayOutputStream();
            both.write(hs);
            both.write(frame);
            raw.write(both.toByteArray());
            assertThat(raw.readHead()).startsWith("HTTP/1.1 101");
            assertThat(raw.read().text()).isEqualTo("early");
        }
    }

    @Test
    void case16_frames_after_a_refused_upgrade_are_never_parsed_as_requests() throws IOException {
        try (RawWs raw = RawWs.connect(server.port())) {
            String refused = RawWs.handshake("/echo", "").replace("Version: 13", "Version: 7");
            raw.write((refused + "GET /echo HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            assertThat(raw.readHead()).startsWith("HTTP/1.1 426");
            String rest = new String(raw.in.readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(rest).doesNotContain("HTTP/1.1");
        }
    }

    // ---- 32–36: frames

    private int closeCodeAfter(byte[]... frames) throws IOException {
        try (RawWs raw = RawWs.open(server.port(), "/echo")) {
            for (byte[] f : frames) {
                raw.write(f);
            }
            int code = raw.expectClose();
            assertThat(raw.closedByServer()).isTrue();
            return code;
        }
    }

    private static byte[] f(boolean fin, int rsv, int opcode, byte[] payload) {
        return RawWs.frame(fin, rsv, opcode, payload, true);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void case32_an_unmasked_client_frame_closes_with_1002() throws IOException {
        assertThat(closeCodeAfter(RawWs.frame(true, 0, 1, utf8("bare"), false))).isEqualTo(1002);
    }

    @Test
    void case33_an_rsv_bit_without_an_extension_or_a_reserved_opcode_closes_with_1002() throws IOException {
        assertThat(closeCodeAfter(f(true, 4, 1, utf8("rsv1")))).isEqualTo(1002);
        assertThat(closeCodeAfter(f(true, 1, 1, utf8("rsv3")))).isEqualTo(1002);
        assertThat(closeCodeAfter(f(true, 0, 3, utf8("op3")))).isEqualTo(1002);
        assertThat(closeCodeAfter(f(true, 0, 0xB, utf8("opB")))).isEqualTo(1002);
    }

    @Test
    void case34_bad_control_frames_and_bad_fragmentation_close_with_1002() throws IOException {
        assertThat(closeCodeAfter(f(true, 0, 9, new byte[126]))).as("ping over 125 bytes").isEqualTo(1002);
        assertThat(closeCodeAfter(f(false, 0, 9, utf8("x")))).as("fragmented ping").isEqualTo(1002);
        assertThat(closeCodeAfter(f(true, 0, 0, utf8("orphan")))).as("orphan continuation").isEqualTo(1002);
        assertThat(closeCodeAfter(f(false, 0, 1, utf8("a")), f(true, 0, 1, utf8("b"))))
                .as("new data frame mid-message").isEqualTo(1002);
    }

    @Test
    void case35_invalid_utf8_closes_with_1007_also_split_across_fragments_and_fast() throws IOException {
        byte[] bad = {(byte) 0xce, (byte) 0xba, (byte) 0xe1, (byte) 0xbd, (byte) 0xb9, (byte) 0xcf, (byte) 0x83,
                (byte) 0xed, (byte) 0xa0, (byte) 0x80};
        assertThat(closeCodeAfter(f(true, 0, 1, bad))).isEqualTo(1007);
        // The first fragment is already invalid: the server fails it without waiting for the rest.
        assertThat(closeCodeAfter(f(false, 0, 1, new byte[] {(byte) 0xff}))).isEqualTo(1007);
        // A code point split across two fragments, invalid only once joined.
        assertThat(closeCodeAfter(f(false, 0, 1, new byte[] {(byte) 0xed}), f(true, 0, 0,
                new byte[] {(byte) 0xa0, (byte) 0x80}))).isEqualTo(1007);
    }

    @Test
    void case35_valid_utf8_split_inside_a_code_point_is_joined() throws IOException {
        byte[] euro = utf8("€");
        try (RawWs raw = RawWs.open(server.port(), "/echo")) {
            raw.write(f(false, 0, 1, new byte[] {euro[0]}));
            raw.write(f(true, 0, 0, new byte[] {euro[1], euro[2]}));
            assertThat(raw.read().text()).isEqualTo("€");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 999, 1004, 1005, 1006, 1015, 1100, 2999, 5000, 65535})
    void case36_a_close_code_that_may_not_be_sent_closes_with_1002(int code) throws IOException {
        assertThat(closeCodeAfter(f(true, 0, 8, RawWs.closePayload(code, new byte[0])))).isEqualTo(1002);
    }

    @Test
    void case36_a_one_byte_close_payload_is_1002_and_an_invalid_reason_1007() throws IOException {
        assertThat(closeCodeAfter(f(true, 0, 8, new byte[] {3}))).isEqualTo(1002);
        assertThat(closeCodeAfter(f(true, 0, 8, RawWs.closePayload(1000, new byte[] {(byte) 0xff}))))
                .isEqualTo(1007);
    }

    @Test
    void case36_a_valid_close_is_echoed_and_the_server_closes_the_connection() throws IOException {
        assertThat(closeCodeAfter(f(true, 0, 8, RawWs.closePayload(4321, utf8("done"))))).isEqualTo(4321);
        assertThat(closeCodeAfter(f(true, 0, 8, new byte[0]))).isEqualTo(1005); // answered without a code
    }

    // ---- 37: sizes

    private int smallCloseCode(byte[]... frames) throws IOException {
        try (RawWs raw = RawWs.connect(server.port())) {
            raw.write(RawWs.handshake("/small", "Origin: https://good.example\r\n"
                    + "Sec-WebSocket-Extensions: permessage-deflate\r\n").getBytes(StandardCharsets.UTF_8));
            assertThat(raw.readHead()).startsWith("HTTP/1.1 101").contains("permessage-deflate");
            for (byte[] fr : frames) {
                raw.write(fr);
            }
            return raw.expectClose();
        }
    }

    @Test
    void case37_a_message_over_the_limit_closes_with_1009_in_one_frame_or_in_fragments() throws IOException {
        assertThat(smallCloseCode(f(true, 0, 2, new byte[MAX + 1]))).isEqualTo(1009);
        assertThat(smallCloseCode(f(false, 0, 2, new byte[MAX / 2]), f(false, 0, 0, new byte[MAX / 2]),
                f(true, 0, 0, new byte[1]))).isEqualTo(1009);
        assertThat(await(lastSocket).closeCode()).isEqualTo(1009);
    }

    @Test
    void case37_a_deflate_bomb_closes_with_1009() throws IOException {
        byte[] bomb = deflate(new byte[10 * MAX * MAX]); // 10 MiB of zeros in a few KiB
        assertThat(bomb.length).isLessThan(MAX * 16);
        assertThat(smallCloseCode(f(true, 4, 2, java.util.Arrays.copyOf(bomb, Math.min(bomb.length, MAX)))))
                .isEqualTo(1009);
    }

    @Test
    void a_compressed_message_is_inflated() throws IOException {
        try (RawWs raw = RawWs.connect(server.port())) {
            raw.write(RawWs.handshake("/echo", "Sec-WebSocket-Extensions: permessage-deflate; "
                    + "client_max_window_bits\r\n").getBytes(StandardCharsets.UTF_8));
            assertThat(raw.readHead()).contains("Sec-WebSocket-Extensions: permessage-deflate");
            raw.write(f(true, 4, 1, deflate(utf8("squeezed squeezed squeezed"))));
            assertThat(raw.read().text()).isEqualTo("squeezed squeezed squeezed");
            raw.write(f(true, 4, 1, deflate(utf8("twice"))));
            assertThat(raw.read().text()).isEqualTo("twice");
        }
    }

    /** Raw deflate with a sync flush, its 00 00 FF FF tail removed (RFC 7692 §7.2.1). */
    private static byte[] deflate(byte[] data) {
        Deflater d = new Deflater(Deflater.BEST_COMPRESSION, true);
        d.setInput(data);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[65536];
        int n;
        while ((n = d.deflate(buf, 0, buf.length, Deflater.SYNC_FLUSH)) > 0) {
            out.write(buf, 0, n);
        }
        d.end();
        byte[] all = out.toByteArray();
        return java.util.Arrays.copyOf(all, all.length - 4);
    }

    // ---- timers

    @Test
    void a_heartbeat_without_pong_closes_with_1006_and_no_close_frame(ManualClock clock) throws IOException {
        try (RawWs raw = RawWs.open(server.port(), "/heartbeat")) {
            clock.advance(HEARTBEAT);
            RawWs.Frame ping = raw.read();
            assertThat(ping.opcode()).isEqualTo(9);
            clock.advance(HEARTBEAT.dividedBy(2));
            assertThat(raw.read()).as("the connection ends without a close frame").isNull();
            WebSocketResponse ws = await(lastSocket);
            await(ws.closed());
            assertThat(ws.closeCode()).isEqualTo(1006);
            assertThat(ws.exception()).hasMessageContaining("no pong");
        }
    }

    @Test
    void a_ping_is_answered_with_a_pong_carrying_its_data() throws IOException {
        try (RawWs raw = RawWs.open(server.port(), "/echo")) {
            raw.write(f(true, 0, 9, utf8("are you there")));
            RawWs.Frame pong = raw.read();
            assertThat(pong.opcode()).isEqualTo(10);
            assertThat(pong.text()).isEqualTo("are you there");
        }
    }

    @Test
    void a_close_the_peer_never_answers_ends_after_the_close_timeout_with_1006(ManualClock clock) throws IOException {
        try (RawWs raw = RawWs.open(server.port(), "/closer")) {
            assertThat(raw.expectClose()).isEqualTo(4000);
            clock.advance(CLOSE_TIMEOUT);
            assertThat(raw.closedByServer()).isTrue();
            WebSocketResponse ws = await(lastSocket);
            assertThat(ws.closeCode()).isEqualTo(1006);
            assertThat(ws.exception()).hasMessageContaining("no close frame");
        }
    }
}
