package dev.weft.web.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.weft.http.ws.WsMessage;
import dev.weft.json.JsonCodec;
import dev.weft.test.TestServer;
import dev.weft.test.TestServers;
import dev.weft.test.TestTransport;
import dev.weft.test.WeftTest;
import dev.weft.web.Application;
import dev.weft.web.Reply;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Weft's server against a peer nobody here wrote: the Python {@code websockets} library (Debian's
 * python3-websockets), run with {@code /usr/bin/python3}. Echo, fragmentation, compression, close codes both ways,
 * and pings both ways, against a server the test harness starts. Skipped, saying why, where that library is not
 * installed.
 */
@WeftTest(transport = TestTransport.TCP)
class PythonWebsocketsInteropTest {
    private static final String PYTHON = "/usr/bin/python3";

    private static final String SCRIPT = String.join("\n",
            "import asyncio, json, sys",
            "import websockets",
            "async def main(base):",
            "    out = {}",
            "    async with websockets.connect(base + '/echo', compression='deflate') as ws:",
            "        out['extensions'] = [e.name for e in ws.extensions]",
            "        await ws.send('hello')",
            "        out['text'] = await ws.recv()",
            "        await ws.send(bytes([0, 1, 2, 255]))",
            "        out['binary'] = list(await ws.recv())",
            "        await ws.send(['frag', 'men', 'ted'])",
            "        out['fragmented'] = await ws.recv()",
            "        await ws.send('x' * 200000)",
            "        out['big'] = len(await ws.recv())",
            "        waiter = await ws.ping(b'py')",
            "        await asyncio.wait_for(waiter, 5)",
            "        out['pong'] = True",
            "    out['client_close'] = [ws.close_code, ws.close_reason]",
            "    async with websockets.connect(base + '/bye') as ws:",
            "        await ws.send('bye')",
            "        try:",
            "            await asyncio.wait_for(ws.recv(), 5)",
            "        except websockets.ConnectionClosed as e:",
            "            out['server_close'] = [e.rcvd.code, e.rcvd.reason]",
            "    async with websockets.connect(base + '/heartbeat', ping_interval=None) as ws:",
            "        await asyncio.sleep(0.5)",  // several heartbeat pings, answered by the library
            "        await ws.send('alive')",
            "        out['after_heartbeats'] = await ws.recv()",
            "    print(json.dumps(out))",
            "asyncio.run(main(sys.argv[1]))",
            "");

    @Test
    void the_python_websockets_client_talks_to_weft(@TempDir Path dir, TestServers servers)
            throws Exception {
        assumeTrue(Files.isExecutable(Path.of(PYTHON)), PYTHON + " is not installed: skipping the interop test");
        Process probe = new ProcessBuilder(PYTHON, "-c", "import websockets").redirectErrorStream(true).start();
        assumeTrue(probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0,
                "python3-websockets is not installed (apt-get install python3-websockets): skipping the interop test");

        Application app = WebSocketResponseTest.echoApp();
        app.routes().get("/bye", req -> {
            var ws = new WebSocketResponse();
            return Reply.async(ws.prepare(req).thenCompose(v -> ws.receiveText())
                    .thenCompose(t -> ws.close(4001, "see you " + t)).thenApply(v -> ws));
        });
        app.routes().get("/heartbeat", req -> {
            var ws = new WebSocketResponse(WsOptions.create(o -> o.heartbeat(Duration.ofMillis(100))));
            return Reply.async(ws.prepare(req).thenCompose(v -> ws.forEach(m -> ws.sendText(WsMessage.text(m))))
                    .thenApply(v -> ws));
        });
        Path script = dir.resolve("client.py");
        Files.writeString(script, SCRIPT);
        TestServer server = servers.start(app);
        Process p = new ProcessBuilder(PYTHON, script.toString(), "ws://" + TestServer.HOST + ":" + server.port())
                .redirectError(dir.resolve("stderr.txt").toFile()).start();
        byte[] stdout = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("python failed: %s", Files.readString(dir.resolve("stderr.txt")))
                .isZero();
        Map<String, Object> out = parse(stdout);
        assertThat(out.get("extensions")).isEqualTo(List.of("permessage-deflate"));
        assertThat(out.get("text")).isEqualTo("hello");
        assertThat(out.get("binary")).isEqualTo(List.of(0, 1, 2, 255));
        assertThat(out.get("fragmented")).isEqualTo("fragmented");
        assertThat(out.get("big")).isEqualTo(200000);
        assertThat(out.get("pong")).isEqualTo(true);
        assertThat(out.get("client_close")).isEqualTo(List.of(1000, ""));
        assertThat(out.get("server_close")).isEqualTo(List.of(4001, "see you bye"));
        assertThat(out.get("after_heartbeats")).isEqualTo("alive");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parse(byte[] json) throws IOException {
        return JsonCodec.jackson().read(new ByteArrayInputStream(json), Map.class);
    }
}
