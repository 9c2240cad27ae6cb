package dev.weft.web.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.loop.ManualClock;
import dev.weft.test.TestServer;
import dev.weft.test.TestServers;
import dev.weft.test.TestTransport;
import dev.weft.test.WeftTest;
import dev.weft.web.Application;
import dev.weft.web.Reply;
import dev.weft.web.Response;
import dev.weft.web.ServerConfig;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * HTTP/1.x connection behaviour on the wire: keep-alive, pipelining, HTTP/1.0, 100-continue, chunked, errors. Raw
 * sockets to a server the test harness starts for each test.
 */
@WeftTest(transport = TestTransport.TCP)
class Http1ConnectionTest {
    private static final Duration KEEP_ALIVE_TIMEOUT = Duration.ofMillis(300);

    private int port;
    private final CompletableFuture<Void> cancelled = new CompletableFuture<>();

    @BeforeEach
    void start(TestServers servers) {
        Application app = Application.create();
        app.routes()
                .get("/", r -> Response.text("root"))
                .get("/fast/{n}", r -> Response.text("fast " + r.param("n")))
                .get("/big/{n}", r -> Response.bytes("x".repeat(Integer.parseInt(r.param("n")))
                        .getBytes(java.nio.charset.StandardCharsets.US_ASCII), "application/octet-stream"))
                .get("/slow", r -> {
                    CompletableFuture<Reply> later = new CompletableFuture<>();
                    r.loop().schedule(Duration.ofMillis(100), () -> later.complete(Response.text("slow")));
                    return Reply.async(later);
                })
                .post("/echo", r -> Reply.async(r.text().thenApply(t -> Response.text("got " + t))))
                .get("/boom", r -> {
                    throw new IllegalStateException("secret detail");
                })
                .get("/async-boom", r -> Reply.async(CompletableFuture.failedFuture(new IllegalStateException("hidden"))))
                .get("/never", r -> {
                    CompletableFuture<Reply> never = new CompletableFuture<>();
                    never.whenComplete((v, t) -> {
                        if (t != null) {
                            cancelled.complete(null);
                        }
                    });
                    return Reply.async(never);
                });
        // The test config: no access log, handlers cancelled when their client goes.
        ServerConfig config = TestServer.testConfig().toBuilder().keepAliveTimeout(KEEP_ALIVE_TIMEOUT).build();
        port = servers.start(app, config).port();
    }

    @Test
    void keep_alive_serves_several_requests_on_one_connection() throws Exception {
        try (RawHttp c = RawHttp.connect(port)) {
            for (int i = 0; i < 3; i++) {
                var res = c.send("GET /fast/" + i + " HTTP/1.1\r\nHost: x\r\n\r\n").read();
                assertThat(res.status()).isEqualTo(200);
                assertThat(res.body()).isEqualTo("fast " + i);
                assertThat(res.header("Connection")).isNull();
            }
        }
    }

    @Test
    void pipelined_requests_are_answered_in_order_even_when_the_first_is_slow() throws Exception {
        try (RawHttp c = RawHttp.connect(port)) {
            c.send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "GET /fast/1 HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc"
                    + "GET /fast/2 HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(c.read().body()).isEqualTo("slow");
            assertThat(c.read().body()).isEqualTo("fast 1");
            assertThat(c.read().body()).isEqualTo("got abc");
            assertThat(c.read().body()).isEqualTo("fast 2");
        }
    }

    @Test
    void sixteen_deep_pipelining_answers_every_request_in_order() throws Exception {
        StringBuilder batch = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            batch.append("GET /fast/").append(i).append(" HTTP/1.1\r\nHost: x\r\n\r\n");
        }
        try (RawHttp c = RawHttp.connect(port)) {
            c.send(batch.toString());
            for (int i = 0; i < 16; i++) {
                assertThat(c.read().body()).isEqualTo("fast " + i);
            }
        }
    }

    @Test
    void a_pipelined_batch_of_small_and_large_bodies_ending_in_a_close_arrives_whole_and_in_order() throws Exception {
        // Small responses of one read share a buffer; a large body goes out on its own, and a close writes what is
        // pending first. Every response must still arrive whole, in order, before the close.
        try (RawHttp c = RawHttp.connect(port)) {
            c.send("GET /fast/1 HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "GET /big/10000 HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "GET /fast/2 HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "GET /big/100 HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "GET /missing HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "GET /fast/3 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                    + "GET /fast/4 HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(c.read().body()).isEqualTo("fast 1");
            assertThat(c.read().body()).isEqualTo("x".repeat(10_000));
            assertThat(c.read().body()).isEqualTo("fast 2");
            assertThat(c.read().body()).isEqualTo("x".repeat(100));
            assertThat(c.read().status()).isEqualTo(404);
            var last = c.read();
            assertThat(last.body()).isEqualTo("fast 3");
            assertThat(last.header("Connection")).isEqualTo("close");
            assertThat(c.closedByServer()).isTrue(); // the request after the close is never answered
        }
    }

    @Test
    void a_100_continue_in_a_pipelined_batch_comes_after_the_responses_before_it() throws Exception {
        try (RawHttp c = RawHttp.connect(port)) {
            c.send("GET /fast/1 HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nExpect: 100-continue\r\n\r\n");
            assertThat(c.read().body()).isEqualTo("fast 1");
            assertThat(c.readHead().status()).isEqualTo(100);
            c.send("abc");
            assertThat(c.read().body()).isEqualTo("got abc");
        }
    }

    @Test
    void http_1_0_without_keep_alive_closes_after_the_response() throws Exception {
        try (RawHttp c = RawHttp.connect(port)) {
            var res = c.send("GET / HTTP/1.0\r\n\r\n").read();
            assertThat(res.status()).isEqualTo(200);
            assertThat(res.body()).isEqualTo("root");
            assertThat(res.header("Connection")).isEqualToIgnoringCase("close");
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @Test
    void http_1_0_with_keep_alive_keeps_the_connection_and_says_so() throws Exception {
        try (RawHttp c = RawHttp.connect(port)) {
            var res = c.send("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n").read();
            assertThat(res.header("Connection")).isEqualToIgnoringCase("keep-alive");
            assertThat(c.send("GET /fast/2 HTTP/1.0\r\nConnection: keep-alive\r\n\r\n").read().body())
                    .isEqualTo("fast 2");
        }
    }

    @Test
    void connection_close_from_the_client_is_honoured() throws Exception {
        try (RawHttp c = RawHttp.connect(port)) {
            var res = c.send("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").read();
            assertThat(res.header("Connection")).isEqualToIgnoringCase("close");
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @Test
    void expect_100_continue_gets_an_interim_response_before_the_body_is_sent() throws Exception {
        try (RawHttp c = RawHttp.connect(port)) {
            c.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n");
            var interim = c.read();
            assertThat(interim.status()).isEqualTo(100);
            var res = c.send("hello").read();
            assertThat(res.status()).isEqualTo(200);
            assertThat(res.body()).isEqualTo("got hello");
        }
    }

    @Test
    void a_handler_that_answers_without_reading_the_body_sends_no_100_continue_and_closes() throws Exception {
        try (RawHttp c = RawHttp.connect(port)) {
            c.send("POST /fast/1 HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n");
            var res = c.read();
            assertThat(res.status()).as("the final answer comes first, with no interim 100").isEqualTo(405);
            assertThat(res.header("Connection")).isEqualToIgnoringCase("close");
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @Test
    void chunked_request_body_is_reassembled() throws Exception {
        try (RawHttp c = RawHttp.connect(port)) {
            var res = c.send("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "3\r\nabc\r\n4;ext=1\r\ndefg\r\n0\r\n\r\n").read();
            assertThat(res.status()).isEqualTo(200);
            assertThat(res.body()).isEqualTo("got abcdefg");
            assertThat(c.send("GET /fast/9 HTTP/1.1\r\nHost: x\r\n\r\n").read().body()).isEqualTo("fast 9");
        }
    }

    @Test
    void head_request_gets_headers_with_the_get_length_and_no_body() throws Exception {
        try (RawHttp c = RawHttp.connect(port)) {
            var res = c.send("HEAD / HTTP/1.1\r\nHost: x\r\n\r\n").readHead();
            assertThat(res.status()).isEqualTo(200);
            assertThat(res.header("Content-Length")).isEqualTo("4");
            // no body bytes follow the head: the next response starts right after it
            assertThat(c.send("GET /fast/3 HTTP/1.1\r\nHost: x\r\n\r\n").read().body()).isEqualTo("fast 3");
        }
    }

    @Test
    void an_exception_in_a_handler_is_a_500_without_details() throws Exception {
        try (RawHttp c = RawHttp.connect(port)) {
            var res = c.send("GET /boom HTTP/1.1\r\nHost: x\r\n\r\n").read();
            assertThat(res.status()).isEqualTo(500);
            assertThat(res.body()).isEqualTo("500: Internal Server Error").doesNotContain("secret");
            var async = c.send("GET /async-boom HTTP/1.1\r\nHost: x\r\n\r\n").read();
            assertThat(async.status()).isEqualTo(500);
            assertThat(async.body()).doesNotContain("hidden");
            assertThat(c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").read().status()).isEqualTo(200);
        }
    }

    @Test
    void responses_carry_date_and_server_headers() throws Exception {
        try (RawHttp c = RawHttp.connect(port)) {
            var res = c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").read();
            assertThat(res.header("Date")).matches("\\w{3}, \\d{2} \\w{3} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT");
            assertThat(res.header("Server")).isEqualTo("Weft");
            assertThat(res.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
        }
    }

    @Test
    void the_date_header_is_the_time_on_the_loops_clock(ManualClock clock) throws Exception {
        try (RawHttp c = RawHttp.connect(port)) {
            assertThat(c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").read().header("Date"))
                    .isEqualTo("Thu, 01 Jan 2026 00:00:00 GMT");
            clock.advance(Duration.ofDays(1).plusMillis(KEEP_ALIVE_TIMEOUT.toMillis() / 2));
        }
        try (RawHttp c = RawHttp.connect(port)) {
            assertThat(c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").read().header("Date"))
                    .isEqualTo("Fri, 02 Jan 2026 00:00:00 GMT");
        }
    }

    @Test
    void an_idle_keep_alive_connection_is_closed_after_the_timeout(ManualClock clock) throws Exception {
        try (RawHttp c = RawHttp.connect(port)) {
            assertThat(c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").read().status()).isEqualTo(200);
            clock.advance(KEEP_ALIVE_TIMEOUT);
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @Test
    void a_client_that_disconnects_cancels_its_handler_stage() throws Exception {
        try (RawHttp c = RawHttp.connect(port)) {
            c.send("GET /never HTTP/1.1\r\nHost: x\r\n\r\n");
            // wait until the request reached the server: a second connection is served meanwhile
            try (RawHttp other = RawHttp.connect(port)) {
                assertThat(other.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").read().status()).isEqualTo(200);
            }
        }
        cancelled.get(10, TimeUnit.SECONDS);
        assertThat(cancelled).isDone();
    }

    @Test
    void a_client_streaming_an_oversized_body_reads_the_413_instead_of_a_reset() throws Exception {
        int size = 4 * 1024 * 1024;
        try (RawHttp c = RawHttp.connect(port)) {
            c.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: " + size + "\r\n\r\n");
            Thread uploader = new Thread(() -> {
                byte[] chunk = new byte[64 * 1024];
                try {
                    for (int sent = 0; sent < size; sent += chunk.length) {
                        c.send(new String(chunk, java.nio.charset.StandardCharsets.ISO_8859_1));
                    }
                } catch (java.io.IOException expected) {
                    // the server closes once it has answered and lingered
                }
            });
            uploader.start();
            var res = c.read();
            assertThat(res.status()).isEqualTo(413);
            assertThat(res.header("Connection")).isEqualToIgnoringCase("close");
            assertThat(c.closedByServer()).isTrue();
            uploader.join(10_000);
        }
    }

    @Test
    void many_requests_on_one_connection_do_not_accumulate_state() throws Exception {
        AtomicBoolean ok = new AtomicBoolean(true);
        try (RawHttp c = RawHttp.connect(port)) {
            for (int i = 0; i < 200; i++) {
                var res = c.send("GET /fast/" + i + " HTTP/1.1\r\nHost: x\r\n\r\n").read();
                ok.compareAndSet(true, res.body().equals("fast " + i));
            }
        }
        assertThat(ok).isTrue();
    }
}
