package dev.weft.client;

import static dev.weft.test.Await.await;
import static dev.weft.test.Await.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.loop.Loop;
import dev.weft.test.WeftTest;
import java.io.ByteArrayOutputStream;
import java.net.Socket;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** HOSTILE-INPUTS.md cases 38 and 40: bad requests are refused before sending, bad responses never pooled. */
@WeftTest
class HostileResponsesTest {
    private Loop loop;
    private final CopyOnWriteArrayList<TraceEvent> events = new CopyOnWriteArrayList<>();
    private ClientSession session;

    @BeforeEach
    void openSession(Loop loop) {
        this.loop = loop;
        session = ClientSession.create(s -> s.loop(loop).trace(events::add));
    }

    @AfterEach
    void closeSession() {
        session.close();
    }

    @Test
    void cr_or_lf_in_the_method_url_or_headers_fails_before_anything_is_sent() throws Exception {
        try (RawServer raw = new RawServer((s, i) -> s.close())) {
            assertThatThrownBy(() -> session.request("GET\r\nX: y", raw.url("/")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\\x0d");
            assertThatThrownBy(() -> session.get(raw.url("/a\r\nX-Injected: 1")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("control");
            assertThatThrownBy(() -> session.get(raw.url("/"), o -> o.header("X-A", "v\r\nX-Injected: 1")))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> session.get(raw.url("/"), o -> o.header("X-A\n", "v")))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> session.get(raw.url("/"), o -> o.cookie("c", "v\r\n")))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> session.get(raw.url("/"), o -> o.body(new byte[0], "text/plain\r\nX: 1")))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> MultipartForm.create().field("a\r\nContent-Type: x", "v"))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> MultipartForm.create().file("f", "a\".txt", new byte[0], "text/plain"))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> MultipartForm.create().file("f", "a.txt", new byte[0], "text/plain\r\nX: 1"))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(events).isEmpty();
            assertThat(raw.accepted()).isZero();
        }
    }

    /** Serves {@code response} to every request on every connection, counting connections. */
    private static RawServer serving(byte[] response) throws Exception {
        return new RawServer((s, i) -> {
            while (readHead(s)) {
                RawServer.write(s, response);
            }
        });
    }

    private static boolean readHead(Socket s) throws Exception {
        var in = s.getInputStream();
        int state = 0;
        while (state < 4) {
            int c = in.read();
            if (c < 0) {
                return false;
            }
            state = (c == '\r' && (state == 0 || state == 2)) || (c == '\n' && (state == 1 || state == 3))
                    ? state + 1 : 0;
        }
        return true;
    }

    private void assertFailsAndIsNotPooled(String response, String message) throws Exception {
        assertFailsAndIsNotPooled(response.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), message);
    }

    private void assertFailsAndIsNotPooled(byte[] response, String message) throws Exception {
        try (RawServer raw = serving(response)) {
            Throwable e = failure(session.get(raw.url("/")).thenCompose(ClientResponse::bytes));
            assertThat(e).isInstanceOf(ClientPayloadException.class).hasMessageContaining(message);
            Throwable again = failure(session.get(raw.url("/")).thenCompose(ClientResponse::bytes));
            assertThat(again).isInstanceOf(ClientPayloadException.class);
            assertThat(events).filteredOn(ev -> ev instanceof TraceEvent.ConnectionReuse).isEmpty();
            assertThat(raw.accepted()).isEqualTo(2);
        }
    }

    @Test
    void a_bare_lf_in_the_response_head_fails_the_request_and_the_connection_is_not_pooled() throws Exception {
        assertFailsAndIsNotPooled("HTTP/1.1 200 OK\nContent-Length: 2\n\nok", "malformed response");
    }

    @Test
    void two_content_lengths_fail_the_request_and_the_connection_is_not_pooled() throws Exception {
        assertFailsAndIsNotPooled("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\nok",
                "malformed response");
    }

    @Test
    void headers_over_the_limit_fail_the_request_and_the_connection_is_not_pooled() throws Exception {
        assertFailsAndIsNotPooled("HTTP/1.1 200 OK\r\nX-Big: " + "x".repeat(40_000) + "\r\nContent-Length: 2\r\n\r\nok",
                "malformed response");
    }

    @Test
    void a_gzip_bomb_fails_at_the_body_limit_and_the_connection_is_not_pooled() throws Exception {
        ByteArrayOutputStream packed = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(packed)) {
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 100; i++) {
                z.write(zeros); // 100 MiB of zeros, about 100 KiB packed
            }
        }
        byte[] body = packed.toByteArray();
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        response.write(("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: " + body.length + "\r\n\r\n")
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        response.write(body);
        session.close();
        session = ClientSession.create(s -> s.loop(loop).trace(events::add).connector(TcpConnector.create(c -> c
                .loop(loop).limits(ClientLimits.create().withMaxBodyBytes(10L << 20)))));
        assertFailsAndIsNotPooled(response.toByteArray(), "over maxBodyBytes");
    }

    @Test
    void a_response_cut_short_fails_the_body_read() throws Exception {
        try (RawServer raw = new RawServer((s, i) -> {
            readHead(s);
            RawServer.write(s, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nshort");
            s.close();
        })) {
            ClientResponse r = await(session.get(raw.url("/")));
            assertThat(failure(r.bytes())).isInstanceOf(ClientConnectionException.class)
                    .hasMessageContaining("before the end of the response body");
        }
    }
}
