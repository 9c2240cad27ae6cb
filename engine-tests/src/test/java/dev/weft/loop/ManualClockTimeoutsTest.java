package dev.weft.loop;

import static dev.weft.test.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.test.Await;
import dev.weft.test.TestServer;
import dev.weft.test.TestServers;
import dev.weft.test.TestTransport;
import dev.weft.test.WeftTest;
import dev.weft.web.Application;
import dev.weft.web.Reply;
import dev.weft.web.Response;
import dev.weft.web.ServerLimits;
import dev.weft.web.ws.WebSocketResponse;
import dev.weft.web.ws.WsOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The server's timeouts on a loop whose clock stands still until the test advances it: each fires when the clock
 * passes it, and not a nanosecond before, with no real wait. Timeouts here are long (seconds) on purpose: on the
 * system clock these tests would take minutes.
 */
@WeftTest(transport = TestTransport.TCP)
class ManualClockTimeoutsTest {
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(75);
    private static final Duration HEADER_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration NANO = Duration.ofNanos(1);

    private ManualClock clock;
    private TestServer server;
    private final CompletableFuture<WebSocketResponse> closer = new CompletableFuture<>();

    @BeforeEach
    void start(ManualClock clock, TestServers servers) {
        this.clock = clock;
        Application app = Application.create();
        app.routes()
                .get("/", r -> Response.text("ok"))
                .get("/closer", req -> {
                    var ws = new WebSocketResponse(WsOptions.create(o -> o.closeTimeout(CLOSE_TIMEOUT)));
                    closer.complete(ws);
                    return Reply.async(ws.prepare(req).thenCompose(v -> ws.close(4000, "bye")).thenApply(v -> ws));
                });
        server = servers.start(app, TestServer.testConfig().toBuilder().limits(ServerLimits.create()
                .withKeepAliveTimeout(KEEP_ALIVE).withHeaderTimeout(HEADER_TIMEOUT)).build());
    }

    @Test
    void an_idle_keep_alive_connection_is_closed_when_the_clock_passes_the_keep_alive_timeout() throws IOException {
        try (Raw c = Raw.connect(server.port())) {
            assertThat(c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").readHead()).startsWith("HTTP/1.1 200");
            c.skip(2); // "ok"
            clock.advance(KEEP_ALIVE.minus(NANO));
            assertThat(c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").readHead())
                    .as("a nanosecond short of the timeout the connection still serves").startsWith("HTTP/1.1 200");
            c.skip(2);
            clock.advance(KEEP_ALIVE);
            assertThat(c.closedByServer()).as("idle for the whole timeout since the second response").isTrue();
        }
    }

    @Test
    void a_head_that_stalls_is_answered_408_and_closed_at_the_header_timeout_from_its_first_byte() throws IOException {
        try (Raw c = Raw.connect(server.port())) {
            c.send("GET / HTTP/1.1\r\nHo");
            clock.awaitTimer(HEADER_TIMEOUT); // the server has read the first byte and armed its deadline
            clock.advance(HEADER_TIMEOUT.minus(NANO));
            c.send("st: x\r\n"); // more bytes do not move the deadline
            clock.advance(NANO);
            assertThat(c.readHead()).startsWith("HTTP/1.1 408").containsIgnoringCase("connection: close");
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @Test
    void a_close_the_peer_never_answers_ends_the_connection_at_the_close_timeout() throws IOException {
        try (Raw c = Raw.connect(server.port())) {
            c.send("GET /closer HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
            assertThat(c.readHead()).startsWith("HTTP/1.1 101");
            byte[] close = c.read(2);
            assertThat(close[0] & 0x0f).as("a close frame").isEqualTo(8);
            assertThat(c.read(close[1] & 0x7f)).startsWith(0x0f, 0xa0); // 4000
            clock.advance(CLOSE_TIMEOUT.minus(NANO));
            WebSocketResponse ws = await(closer);
            assertThat(ws.closed().toCompletableFuture()).as("still waiting for the peer's close frame")
                    .isNotDone();
            clock.advance(NANO);
            assertThat(c.closedByServer()).isTrue();
            await(ws.closed());
            assertThat(ws.closeCode()).isEqualTo(1006);
            assertThat(ws.exception()).hasMessageContaining("no close frame");
        }
    }

    /** A blocking loopback socket; reads time out only as a safety net. */
    private static final class Raw implements AutoCloseable {
        private final Socket socket;
        private final InputStream in;

        private Raw(Socket socket) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
        }

        static Raw connect(int port) throws IOException {
            Socket s = new Socket();
            s.setSoTimeout((int) Await.TIMEOUT.toMillis());
            s.connect(new InetSocketAddress("127.0.0.1", port));
            return new Raw(s);
        }

        Raw send(String ascii) throws IOException {
            socket.getOutputStream().write(ascii.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return this;
        }

        /** The status line and header lines, up to the empty line. */
        String readHead() throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int matched = 0;
            while (matched < 4) {
                int b = in.read();
                if (b < 0) {
                    throw new AssertionError("the connection ended in a response head: " + head);
                }
                head.write(b);
                matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
            }
            return head.toString(StandardCharsets.ISO_8859_1);
        }

        byte[] read(int n) throws IOException {
            return in.readNBytes(n);
        }

        void skip(int n) throws IOException {
            in.readNBytes(n);
        }

        /** Reads to the end of the stream (skipping what is left of a response): true once the server closed. */
        boolean closedByServer() throws IOException {
            while (true) {
                try {
                    if (in.read() < 0) {
                        return true;
                    }
                } catch (java.net.SocketException reset) {
                    return true;
                }
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
