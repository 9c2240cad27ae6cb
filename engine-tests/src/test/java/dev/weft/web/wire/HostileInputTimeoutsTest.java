package dev.weft.web.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.loop.ManualClock;
import dev.weft.web.ServerLimits;
import dev.weft.test.TestServer;
import dev.weft.test.TestServers;
import dev.weft.test.TestTransport;
import dev.weft.test.WeftTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code HOSTILE-INPUTS.md}, "Limits and time" (cases 18 and 19), over real loopback sockets, on a server whose loop
 * runs on a {@link ManualClock}: time passes only when a test advances it, so a slow client is one that advances the
 * clock between two bytes, and a deadline is seen to pass, or not, without waiting for it.
 */
@WeftTest(transport = TestTransport.TCP)
class HostileInputTimeoutsTest {
    private static final Duration HEADER_TIMEOUT = Duration.ofMillis(300);
    private static final Duration BODY_IDLE_TIMEOUT = Duration.ofMillis(300);
    /** The pause between two bytes of a slow client: well under both timeouts. */
    private static final Duration TRICKLE = Duration.ofMillis(50);

    private HostileServer server;
    private ManualClock clock;

    @BeforeEach
    void start(ManualClock clock, TestServers servers) {
        this.clock = clock;
        server = HostileServer.start(servers, TestServer.testConfig().toBuilder().limits(ServerLimits.create()
                .withHeaderTimeout(HEADER_TIMEOUT).withBodyIdleTimeout(BODY_IDLE_TIMEOUT)).build());
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    // ---- 18. Slowloris

    @Test
    void a_head_sent_one_byte_at_a_time_is_408_and_closed_at_the_header_deadline() throws IOException {
        // At one byte per 50 ms this head takes 10 s; every byte comes well within the deadline of the previous one,
        // so only a deadline counted from the first byte stops it: after the byte that brings the clock to 300 ms.
        byte[] head = ascii("GET / HTTP/1.1\r\nHost: x\r\nX-Slow: " + "a".repeat(200) + "\r\n\r\n");
        try (RawHttp c = server.connect()) {
            c.send(Arrays.copyOf(head, 1));
            clock.awaitTimer(HEADER_TIMEOUT); // the deadline counts from this byte
            int sent = 1 + c.trickle(Arrays.copyOfRange(head, 1, head.length), clock, TRICKLE);
            // Not before the deadline; a little after it at most, as the answer reaches our socket when the kernel
            // delivers it.
            assertThat(sent).as("bytes sent before the server answered")
                    .isBetween((int) (HEADER_TIMEOUT.toMillis() / TRICKLE.toMillis()), head.length - 1);
            RawHttp.Reply r = c.read();
            assertThat(r.status()).isEqualTo(408);
            assertThat(r.announcesClose()).isTrue();
            assertThat(c.closedByServer()).isTrue();
        }
        server.assertStillServing();
    }

    @Test
    void other_clients_are_served_while_a_head_is_stalled() throws IOException {
        try (RawHttp slow = server.connect()) {
            slow.send("GET / HTTP/1.1\r\nHo");
            clock.awaitTimer(HEADER_TIMEOUT);
            server.assertStillServing();
            clock.advance(HEADER_TIMEOUT);
            assertThat(slow.read().status()).isEqualTo(408);
            assertThat(slow.closedByServer()).isTrue();
        }
    }

    @Test
    void the_header_deadline_starts_at_the_first_byte_not_at_the_connection() throws IOException {
        try (RawHttp c = server.connect()) {
            clock.advance(HEADER_TIMEOUT.multipliedBy(3));
            RawHttp.Reply r = c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").read();
            assertThat(r.status()).as("an idle new connection was left alone").isEqualTo(200);
        }
    }

    @Test
    void an_idle_keep_alive_connection_between_requests_is_left_alone() throws IOException {
        try (RawHttp c = server.connect()) {
            assertThat(c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").read().status()).isEqualTo(200);
            clock.advance(HEADER_TIMEOUT.multipliedBy(3));
            assertThat(c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").read().status()).isEqualTo(200);
        }
    }

    // ---- 19. Slow request body

    @Test
    void a_body_that_stalls_is_408_and_closed_at_the_body_idle_timeout() throws IOException {
        try (RawHttp c = server.connect()) {
            c.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc");
            clock.awaitTimer(BODY_IDLE_TIMEOUT); // the server has read the head and armed the body's deadline
            clock.advance(BODY_IDLE_TIMEOUT);
            RawHttp.Reply r = c.read();
            assertThat(r.status()).isEqualTo(408);
            assertThat(r.announcesClose()).isTrue();
            assertThat(c.closedByServer()).isTrue();
        }
        server.assertStillServing();
    }

    @Test
    void a_chunked_body_that_stalls_is_408_and_closed() throws IOException {
        try (RawHttp c = server.connect()) {
            c.send("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n");
            clock.awaitTimer(BODY_IDLE_TIMEOUT); // the server has read the head and armed the body's deadline
            clock.advance(BODY_IDLE_TIMEOUT);
            RawHttp.Reply r = c.read();
            assertThat(r.status()).isEqualTo(408);
            assertThat(c.closedByServer()).isTrue();
        }
        server.assertStillServing();
    }

    @Test
    void a_body_with_no_bytes_at_all_is_408_and_closed() throws IOException {
        try (RawHttp c = server.connect()) {
            c.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n");
            clock.awaitTimer(BODY_IDLE_TIMEOUT); // the server has read the head and armed the body's deadline
            clock.advance(BODY_IDLE_TIMEOUT);
            RawHttp.Reply r = c.read();
            assertThat(r.status()).isEqualTo(408);
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @Test
    void a_slow_but_steady_body_is_served() throws IOException {
        // 20 bytes at one per 50 ms: the whole body takes longer than the idle timeout, but no pause does.
        String body = "abcdefghijklmnopqrst";
        try (RawHttp c = server.connect()) {
            c.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: " + body.length() + "\r\n\r\n");
            assertThat(c.trickle(ascii(body), clock, TRICKLE)).as("the server waits for the whole body")
                    .isEqualTo(body.length());
            RawHttp.Reply r = c.read();
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body()).isEqualTo(body);
        }
    }

    @Test
    void a_body_that_stalls_after_the_response_closes_the_connection() throws IOException {
        try (RawHttp c = server.connect()) {
            // The handler answers without reading the body; the rest of the body never comes.
            RawHttp.Reply r = c.send("GET /header/Host HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc").read();
            assertThat(r.status()).isEqualTo(200);
            clock.advance(BODY_IDLE_TIMEOUT);
            assertThat(c.closedByServer()).isTrue();
        }
        server.assertStillServing();
    }
}
