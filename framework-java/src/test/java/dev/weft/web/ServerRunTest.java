package dev.weft.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@link Server#run} in a real child process: serves, and on SIGTERM stops gracefully and runs cleanup. */
class ServerRunTest {

    @Test
    void server_run_serves_until_sigterm_then_stops_gracefully() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                ServerRunMain.class.getName(), String.valueOf(port))
                .redirectErrorStream(true)
                .start();
        List<String> output = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && !line.contains("Running on")) {
                output.add(line);
            }
            assertThat(line).as("startup output: %s", output).isEqualTo("======== Running on http://127.0.0.1:" + port
                    + " ========");
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
                s.setSoTimeout(10_000);
                s.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                assertThat(new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).endsWith("up");
            }
            p.toHandle().destroy(); // SIGTERM; Process.destroy() would also close our end of its output
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            while ((line = out.readLine()) != null) {
                output.add(line);
            }
        } finally {
            p.destroyForcibly();
        }
        assertThat(output).contains("CLEANUP-RAN");
        assertThat(output).anyMatch(l -> l.contains("Weft stopped in"));
    }
}
