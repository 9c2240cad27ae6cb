package dev.weft.client;

import static dev.weft.test.Await.await;
import static dev.weft.test.Await.failure;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.loop.Loop;
import dev.weft.test.WeftTest;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Requests through an HTTP proxy, and TLS with verification on by default. */
@WeftTest
class ProxyAndTlsTest {
    private static final char[] PASSWORD = "changeit".toCharArray();
    @TempDir
    static Path dir;
    private static KeyStore keyStore;
    private static SSLServerSocket tlsServer;
    private Loop loop;

    @BeforeAll
    static void startTlsServer() throws Exception {
        Path ks = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost", "-storetype", "PKCS12",
                "-keystore", ks.toString(), "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
                .redirectErrorStream(true).start();
        keytool.getInputStream().readAllBytes();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(ks)) {
            keyStore.load(in, PASSWORD);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keyStore, PASSWORD);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        tlsServer = (SSLServerSocket) ctx.getServerSocketFactory().createServerSocket(0, 50,
                InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            while (!tlsServer.isClosed()) {
                try {
                    SSLSocket s = (SSLSocket) tlsServer.accept();
                    Thread c = new Thread(() -> {
                        try (s) {
                            s.startHandshake();
                            byte[] buf = new byte[8192];
                            int n = s.getInputStream().read(buf);
                            if (n > 0) {
                                RawServer.write(s, "HTTP/1.1 200 OK\r\nContent-Length: 6\r\nConnection: close\r\n\r\n"
                                        + "secure");
                            }
                        } catch (Exception e) {
                            // a client that refused our certificate
                        }
                    });
                    c.setDaemon(true);
                    c.start();
                } catch (Exception e) {
                    return;
                }
            }
        }, "tls-server");
        t.setDaemon(true);
        t.start();
    }

    @AfterAll
    static void stopTlsServer() throws Exception {
        tlsServer.close();
    }

    @BeforeEach
    void useTheTestsLoop(Loop loop) {
        this.loop = loop;
    }

    private String https(String host) {
        return "https://" + host + ":" + tlsServer.getLocalPort() + "/";
    }

    @Test
    void tls_certificates_are_verified_by_default() {
        try (ClientSession session = ClientSession.create(s -> s.loop(loop))) {
            Throwable e = failure(session.get(https("localhost")));
            assertThat(e).isInstanceOf(ClientConnectionException.class).hasMessageContaining("TLS");
        }
    }

    @Test
    void a_trusted_certificate_for_the_host_name_is_accepted() throws Exception {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(keyStore);
        SSLContext trusting = SSLContext.getInstance("TLS");
        trusting.init(null, tmf.getTrustManagers(), null);
        try (ClientSession session = ClientSession.create(s -> s.connector(TcpConnector.create(c -> c.loop(loop)
                .sslContext(trusting))))) {
            assertThat(await(await(session.get(https("localhost"))).text())).isEqualTo("secure");
            Throwable e = failure(session.get(https("127.0.0.1"))); // trusted, but not issued for this host
            assertThat(e).isInstanceOf(ClientConnectionException.class);
        }
    }

    @Test
    void verification_can_be_turned_off_for_self_signed_test_servers() {
        try (ClientSession session = ClientSession.create(s -> s.connector(TcpConnector.create(c -> c.loop(loop)
                .verifySsl(false))))) {
            assertThat(await(await(session.get(https("127.0.0.1"))).text())).isEqualTo("secure");
        }
    }

    @Test
    void plain_http_goes_to_the_proxy_in_absolute_form_with_its_credentials() throws Exception {
        try (RawServer proxy = new RawServer((s, i) -> {
            byte[] buf = new byte[8192];
            int n = s.getInputStream().read(buf);
            String head = new String(buf, 0, Math.max(n, 0), java.nio.charset.StandardCharsets.ISO_8859_1);
            String line = head.substring(0, head.indexOf("\r\n"));
            String lower = head.toLowerCase(java.util.Locale.ROOT);
            String auth = lower.contains("proxy-authorization: basic dxnlcjpwyxnz") ? "auth" : "no-auth";
            String body = line + " " + auth;
            RawServer.write(s, "HTTP/1.1 200 OK\r\nContent-Length: " + body.length() + "\r\n\r\n" + body);
        });
             ClientSession session = ClientSession.create(s -> s.loop(loop)
                     .proxy("http://user:pass@127.0.0.1:" + proxy.port()))) {
            ClientResponse r = await(session.get("http://example.invalid:8080/path?q=1"));
            assertThat(await(r.text())).isEqualTo("GET http://example.invalid:8080/path?q=1 HTTP/1.1 auth");
        }
    }

    @Test
    void https_goes_through_the_proxy_with_connect() throws Exception {
        try (RawServer proxy = new RawServer((s, i) -> {
            byte[] buf = new byte[8192];
            s.getInputStream().read(buf);
            RawServer.write(s, "HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 0\r\n\r\n");
        });
             ClientSession session = ClientSession.create(s -> s.loop(loop)
                     .proxy("http://127.0.0.1:" + proxy.port()))) {
            Throwable e = failure(session.get("https://example.invalid/"));
            assertThat(e).isInstanceOf(ClientConnectionException.class).hasMessageContaining("407");
        }
    }
}
