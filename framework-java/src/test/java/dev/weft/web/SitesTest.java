package dev.weft.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.loop.Loop;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Listening: port 0, several sites on one runner, Unix-domain sockets. */
class SitesTest {
    private Loop loop;
    private AppRunner runner;

    @BeforeEach
    void start() {
        loop = Loop.create(1);
        Application app = Application.create();
        app.routes().get("/", r -> Response.text("via " + r.host()));
        runner = AppRunner.create(app, ServerConfig.create(c -> c.accessLog(AccessLog.off())), loop);
    }

    @AfterEach
    void stop() {
        runner.close();
        loop.close();
    }

    @Test
    void port_zero_reports_the_port_actually_bound() {
        BoundSite site = runner.start(Site.tcp("127.0.0.1", 0)).toCompletableFuture().join();
        assertThat(site.port()).isPositive();
        assertThat(site.url()).isEqualTo("http://127.0.0.1:" + site.port());
        assertThat(runner.sites()).containsExactly(site);
    }

    @Test
    void one_runner_serves_several_tcp_sites() throws Exception {
        BoundSite a = runner.start(Site.tcp("127.0.0.1", 0)).toCompletableFuture().join();
        BoundSite b = runner.start(Site.tcp("127.0.0.1", 0)).toCompletableFuture().join();
        assertThat(a.port()).isNotEqualTo(b.port());
        assertThat(get(a.port())).endsWith("via x");
        assertThat(get(b.port())).endsWith("via x");
    }

    @Test
    void a_unix_domain_socket_site_serves_requests(@TempDir Path dir) throws Exception {
        Path sock = dir.resolve("weft.sock");
        BoundSite site = runner.start(Site.unix(sock)).toCompletableFuture().join();
        assertThat(site.url()).isEqualTo("unix:" + sock);
        assertThat(Files.exists(sock)).isTrue();
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(sock));
            ch.write(ByteBuffer.wrap("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII)));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteBuffer buf = ByteBuffer.allocate(4096);
            while (ch.read(buf) >= 0) {
                out.write(buf.array(), 0, buf.position());
                buf.clear();
            }
            assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("HTTP/1.1 200").endsWith("via x");
        }
        runner.close();
        assertThat(Files.exists(sock)).as("the socket file is removed at shutdown").isFalse();
    }

    private static String get(int port) throws Exception {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            s.setSoTimeout(10_000);
            s.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
