package dev.weft.client;

import static dev.weft.test.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.loop.Loop;
import dev.weft.test.WeftTest;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client against a peer nobody here wrote: an aiohttp server run by Debian's {@code /usr/bin/python3}
 * (python3-aiohttp). Skipped, saying why, where that is not installed.
 */
@WeftTest
class ClientInteropTest {
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static Process peer;
    private static int port;
    private Loop loop;
    private ClientSession session;

    @BeforeAll
    static void startAiohttp() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(PYTHON), "skipped: /usr/bin/python3 is not installed "
                + "(apt-get install python3-aiohttp)");
        Process check = new ProcessBuilder(PYTHON.toString(), "-c", "import aiohttp").redirectErrorStream(true)
                .start();
        Assumptions.assumeTrue(check.waitFor(30, TimeUnit.SECONDS) && check.exitValue() == 0,
                "skipped: aiohttp is not importable by /usr/bin/python3 (apt-get install python3-aiohttp)");
        Path script = Files.createTempFile("aiohttp_peer", ".py");
        try (InputStream in = ClientInteropTest.class.getResourceAsStream("aiohttp_peer.py")) {
            Files.write(script, in.readAllBytes());
        }
        script.toFile().deleteOnExit();
        peer = new ProcessBuilder(PYTHON.toString(), script.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(peer.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null) {
            throw new IllegalStateException("the aiohttp peer exited before printing its port");
        }
        port = Integer.parseInt(line.trim());
    }

    @AfterAll
    static void stopAiohttp() throws Exception {
        if (peer != null) {
            peer.getOutputStream().close();
            if (!peer.waitFor(10, TimeUnit.SECONDS)) {
                peer.destroyForcibly();
            }
        }
    }

    @BeforeEach
    void openSession(Loop loop) {
        this.loop = loop;
        session = ClientSession.create(s -> s.loop(loop).baseUrl("http://localhost:" + port + "/"));
    }

    @AfterEach
    void closeSession() {
        session.close();
    }

    @Test
    void gets_text_from_aiohttp() {
        ClientResponse r = await(session.get("hello"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Server")).contains("aiohttp");
        assertThat(await(r.text())).isEqualTo("hello from aiohttp");
    }

    @Test
    void posts_json_to_aiohttp_and_reads_its_json() {
        ClientResponse r = await(session.post("echo-json", o -> o.json(Map.of("n", 7))));
        @SuppressWarnings("unchecked")
        Map<String, Object> body = await(r.json(Map.class));
        assertThat(body).containsEntry("method", "POST").containsEntry("got", Map.of("n", 7));
    }

    @Test
    void keeps_the_cookies_aiohttp_sets() {
        await(session.get("set-cookie")).release();
        assertThat(await(await(session.get("cookies")).text())).isEqualTo("oat");
    }

    @Test
    void follows_aiohttp_redirects() {
        ClientResponse r = await(session.get("redirect"));
        assertThat(r.history()).hasSize(1);
        assertThat(await(r.text())).isEqualTo("hello from aiohttp");
        ClientResponse kept = await(session.post("redirect-307", o -> o.json(Map.of("k", "v"))));
        assertThat(await(kept.text())).contains("\"got\": {\"k\": \"v\"}", "\"method\": \"POST\"");
    }

    @Test
    void decompresses_and_streams_aiohttp_bodies() {
        ClientResponse zipped = await(session.get("compressed"));
        assertThat(await(zipped.text())).isEqualTo("zipped ".repeat(500));
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            expected.append("chunk").append(i).append(';');
        }
        assertThat(await(await(session.get("chunked")).text())).isEqualTo(expected.toString());
    }

    @Test
    void uploads_a_multipart_form_that_aiohttp_parses() {
        MultipartForm form = MultipartForm.create().field("title", "Holiday \u00e9t\u00e9")
                .file("notes", "notes.txt", "sand\r\nsea".getBytes(StandardCharsets.UTF_8), "text/plain");
        @SuppressWarnings("unchecked")
        Map<String, Object> got = await(await(session.post("upload", o -> o.multipart(form))).json(Map.class));
        assertThat(got).containsEntry("title", "Holiday \u00e9t\u00e9").containsEntry("notes",
                Map.of("filename", "notes.txt", "type", "text/plain", "body", "sand\r\nsea"));
    }

    @Test
    void reuses_one_connection_to_aiohttp() {
        java.util.List<TraceEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (ClientSession traced = ClientSession.create(s -> s.loop(loop).trace(events::add))) {
            for (int i = 0; i < 10; i++) {
                await(await(traced.get("http://127.0.0.1:" + port + "/hello")).text());
            }
        }
        assertThat(events).filteredOn(e -> e instanceof TraceEvent.ConnectionCreate).hasSize(1);
    }

    @Test
    void echoes_websocket_messages_with_aiohttp() {
        ClientWebSocket ws = await(session.wsConnect("ws", o -> o.protocols("chat").maxMessageBytes(8 << 20)));
        assertThat(ws.protocol()).isEqualTo("chat");
        assertThat(ws.responseHeaders().get("Server")).contains("aiohttp");
        await(ws.sendText("héllo"));
        assertThat(await(ws.receiveText())).isEqualTo("héllo");
        byte[] big = new byte[3 << 20];
        new java.util.Random(7).nextBytes(big);
        await(ws.sendBytes(big));
        assertThat(java.util.Arrays.equals(await(ws.receiveBytes()), big)).isTrue();
        await(ws.sendText("close"));
        assertThat(await(ws.receive())).isEqualTo(new dev.weft.http.ws.WsMessage.Close(4001, "asked to"));
        await(ws.closed());
        assertThat(ws.closeCode()).isEqualTo(4001);
    }

    @Test
    void inflates_what_aiohttp_compresses_with_permessage_deflate() {
        ClientWebSocket ws = await(session.wsConnect("ws://localhost:" + port + "/ws", o -> o.compress(true)));
        assertThat(ws.compressed()).isTrue();
        assertThat(ws.responseHeaders().get("Sec-WebSocket-Extensions")).startsWith("permessage-deflate");
        String text = "squeeze me ".repeat(10_000);
        for (int i = 0; i < 3; i++) { // more than one message: the inflater's context carries over (or is reset)
            await(ws.sendText(text + i));
            assertThat(await(ws.receiveText())).isEqualTo(text + i);
        }
        await(ws.close());
        assertThat(ws.closeCode()).isEqualTo(1000);
    }
}
