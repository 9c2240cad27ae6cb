package dev.weft.autobahn;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weft.client.ClientSession;
import dev.weft.client.ClientWebSocket;
import dev.weft.http.ws.WsMessage;
import dev.weft.loop.Loop;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.python.util.PythonInterpreter;

/**
 * The Autobahn|Testsuite fuzzing server ({@code wstest -m fuzzingserver}, the suite's Python under Jython, from the
 * same jars as the fuzzing client run) against Weft's WebSocket client, driven the standard way: {@code getCaseCount},
 * then {@code runCase?case=N&agent=weft} for each case (the client echoes every text and binary message), then
 * {@code updateReports}. Fails on any case whose behaviour is FAILED (or UNIMPLEMENTED); prints the summary.
 *
 * <p>System properties: {@code autobahn.client.cases} (default {@code *}) and {@code autobahn.client.excludeCases}
 * (comma-separated; the pom sets {@code 9.*}, the performance cases, except with {@code -Pautobahn-full}). Reports go
 * to {@code target/autobahn-client-reports} ({@code index.html} per case for a browser).
 */
class AutobahnClientTest {
    private static final String AGENT = "weft";
    private static final long CASE_TIMEOUT_SECONDS = 120;
    private static final int MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

    @Test
    void every_fuzzing_server_case_passes_against_the_weft_client() throws Exception {
        Path outdir = Path.of("target", "autobahn-client-reports").toAbsolutePath();
        Files.createDirectories(outdir);
        int port = freePort();
        String url = "ws://127.0.0.1:" + port;
        PythonInterpreter python = new PythonInterpreter();
        CountDownLatch ready = new CountDownLatch(1);
        python.set("ready", ready);
        python.set("specJson", new ObjectMapper().writeValueAsString(Map.of(
                "url", url,
                "outdir", outdir.toString(),
                "cases", split(System.getProperty("autobahn.client.cases", "*")),
                "exclude-cases", split(System.getProperty("autobahn.client.excludeCases", "")),
                "exclude-agent-cases", Map.of(),
                "options", Map.of("failByDrop", false))));
        Thread server = new Thread(() -> python.exec(String.join("\n",
                "import json",
                "from autobahntestsuite.fuzzing import FuzzingServerFactory",
                "from autobahn.websocket import listenWS",
                "from twisted.internet import reactor",
                "def plain(o):",
                "    if isinstance(o, dict): return dict((str(k), plain(v)) for k, v in o.items())",
                "    if isinstance(o, list): return [plain(v) for v in o]",
                "    if isinstance(o, unicode): return str(o)",
                "    return o",
                "factory = FuzzingServerFactory(plain(json.loads(specJson)))",
                "listenWS(factory)",
                "reactor.callWhenRunning(ready.countDown)",
                "reactor.run(installSignalHandlers=0)")), "autobahn-fuzzingserver");
        server.setDaemon(true);
        server.start();
        assertThat(ready.await(120, TimeUnit.SECONDS)).as("the fuzzing server started").isTrue();

        int cases;
        try (Loop loop = Loop.create(1); ClientSession session = ClientSession.create(s -> s.loop(loop))) {
            ClientWebSocket counter = await(session.wsConnect(url + "/getCaseCount"));
            cases = Integer.parseInt(await(counter.receiveText()).trim());
            await(counter.closed());
            for (int i = 1; i <= cases; i++) {
                runCase(session, url + "/runCase?case=" + i + "&agent=" + AGENT);
            }
            ClientWebSocket reports = await(session.wsConnect(url + "/updateReports?agent=" + AGENT));
            await(reports.closed());
        } finally {
            python.exec("reactor.callFromThread(reactor.stop)");
        }

        JsonNode index = new ObjectMapper().readTree(outdir.resolve("index.json").toFile()).get(AGENT);
        Map<String, Integer> counts = new TreeMap<>();
        List<String> failed = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = index.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> c = it.next();
            String behavior = c.getValue().get("behavior").asText();
            String close = c.getValue().get("behaviorClose").asText();
            counts.merge(behavior, 1, Integer::sum);
            if (!List.of("OK", "NON-STRICT", "INFORMATIONAL").contains(behavior)
                    || !List.of("OK", "INFORMATIONAL").contains(close)) {
                failed.add(c.getKey() + " " + behavior + "/" + close);
            }
        }
        System.out.println("Autobahn fuzzingserver against the Weft client: " + index.size() + " cases, " + counts
                + ", reports in " + outdir);
        assertThat(failed).as("cases that failed (see " + outdir + "/index.html)").isEmpty();
        assertThat(index.size()).as("cases reported (a case is reported when the server sees its connection end)")
                .isEqualTo(cases).isPositive();
    }

    /** One case: echo every data message until the socket closes, however the case ends it. */
    private static void runCase(ClientSession session, String url) {
        ClientWebSocket ws = await(session.wsConnect(url, o -> o.maxMessageBytes(MAX_MESSAGE_BYTES)));
        await(ws.forEach(m -> m instanceof WsMessage.Binary b ? ws.sendBytes(b.data())
                : m instanceof WsMessage.Text t ? ws.sendText(t.data()) : null)
                .exceptionally(e -> null)); // a send after the server closed: the case is over anyway
        await(ws.closed());
    }

    private static List<String> split(String list) {
        List<String> out = new ArrayList<>();
        for (String s : list.split(",")) {
            if (!s.isBlank()) {
                out.add(s.trim());
            }
        }
        return out;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(CASE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("Autobahn step failed: " + e, e);
        }
    }
}
