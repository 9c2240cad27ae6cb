package dev.weft.client;

import static dev.weft.test.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.http.ws.WsCloseCode;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code wss://}: the WebSocket handshake and frames over the connector's TLS, against a raw TLS echo server. */
@WeftTest
class ClientWebSocketTlsTest {
    private static final char[] PASSWORD = "changeit".toCharArray();

    @TempDir
    Path dir;

    @Test
    void echoes_over_wss_and_closes_cleanly(Loop loop) throws Exception {
        Path ks = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost", "-storetype", "PKCS12",
                "-keystore", ks.toString(), "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
                .redirectErrorStream(true).start();
        keytool.getInputStream().readAllBytes();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(ks)) {
            keyStore.load(in, PASSWORD);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keyStore, PASSWORD);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        try (SSLServerSocket server = (SSLServerSocket) ctx.getServerSocketFactory().createServerSocket(0, 5,
                InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> {
                try (SSLSocket s = (SSLSocket) server.accept()) {
                    ClientWebSocketTest.handshake(s, null);
                    byte[] text = ClientWebSocketTest.readFrame(s.getInputStream());
                    s.getOutputStream().write(ClientWebSocketTest.frame(0x1, true, text));
                    byte[] close = ClientWebSocketTest.readFrame(s.getInputStream());
                    s.getOutputStream().write(ClientWebSocketTest.frame(0x8, true, close));
                    s.getOutputStream().flush();
                } catch (Exception e) {
                    // the test fails on the client side
                }
            }, "wss-server");
            t.setDaemon(true);
            t.start();
            try (ClientSession session = ClientSession.create(s -> s.connector(TcpConnector.create(c -> c.loop(loop)
                    .verifySsl(false))))) {
                ClientWebSocket ws = await(session.wsConnect("wss://localhost:" + server.getLocalPort() + "/"));
                assertThat(ws.url().getScheme()).isEqualTo("wss");
                await(ws.sendText("sécurité"));
                assertThat(await(ws.receiveText())).isEqualTo("sécurité");
                await(ws.close());
                assertThat(ws.closeCode()).isEqualTo(WsCloseCode.OK);
                assertThat(ws.exception()).isNull();
            }
        }
    }
}
