package dev.weft.web.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.web.ServerLimits;
import dev.weft.test.TestServers;
import dev.weft.test.TestTransport;
import dev.weft.test.WeftTest;
import java.io.IOException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code HOSTILE-INPUTS.md}, "Limits" (cases 17 and 20), over real loopback sockets with the default limits: each
 * request over a limit gets its status and the connection is closed, and a normal request on a new connection is
 * served afterwards.
 */
@WeftTest(transport = TestTransport.TCP)
class HostileInputLimitsTest {
    private HostileServer server;

    @BeforeEach
    void start(TestServers servers) {
        server = HostileServer.start(servers);
    }

    private RawHttp.Reply assertRefused(String request, int status) throws IOException {
        return server.assertRefused(request, status);
    }

    private static String target(int requestLineBytes) {
        // "GET " + target + " HTTP/1.1" is requestLineBytes long.
        return "/" + "a".repeat(requestLineBytes - "GET / HTTP/1.1".length());
    }

    private static String fields(int count) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < count; i++) {
            b.append("X-F").append(i).append(": v\r\n");
        }
        return b.toString();
    }

    // ---- 17. Request line, header section, header count

    @Test
    void a_request_line_over_4_kib_is_414_and_closes() throws IOException {
        assertRefused("GET " + target(ServerLimits.DEFAULT_MAX_REQUEST_LINE_BYTES + 1)
                + " HTTP/1.1\r\nHost: x\r\n\r\n", 414);
    }

    @Test
    void a_much_longer_request_line_is_414_and_closes() throws IOException {
        assertRefused("GET " + target(64 * 1024) + " HTTP/1.1\r\nHost: x\r\n\r\n", 414);
    }

    @Test
    void a_request_line_of_exactly_4_kib_is_accepted() throws IOException {
        RawHttp.Reply r = server.exchange("GET " + target(ServerLimits.DEFAULT_MAX_REQUEST_LINE_BYTES)
                + " HTTP/1.1\r\nHost: x\r\n\r\n");
        assertThat(r.status()).isEqualTo(404);
    }

    @Test
    void a_header_section_over_8_kib_is_431_and_closes() throws IOException {
        assertRefused("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(ServerLimits.DEFAULT_MAX_HEADER_BYTES)
                + "\r\n\r\n", 431);
    }

    @Test
    void many_small_fields_over_8_kib_are_431_and_close() throws IOException {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            b.append("X-F").append(i).append(": ").append("v".repeat(100)).append("\r\n");
        }
        assertRefused("GET / HTTP/1.1\r\nHost: x\r\n" + b + "\r\n", 431);
    }

    @Test
    void more_than_128_header_fields_is_431_and_closes() throws IOException {
        assertRefused("GET / HTTP/1.1\r\nHost: x\r\n" + fields(ServerLimits.DEFAULT_MAX_HEADER_COUNT) + "\r\n", 431);
    }

    @Test
    void exactly_128_header_fields_are_accepted() throws IOException {
        RawHttp.Reply r = server.exchange("GET / HTTP/1.1\r\nHost: x\r\n"
                + fields(ServerLimits.DEFAULT_MAX_HEADER_COUNT - 1) + "\r\n");
        assertThat(r.status()).isEqualTo(200);
    }

    @Test
    void the_header_count_starts_again_for_each_request_on_a_connection() throws IOException {
        String request = "GET / HTTP/1.1\r\nHost: x\r\n" + fields(100) + "\r\n";
        try (RawHttp c = server.connect()) {
            c.send(request + request + request);
            for (int i = 0; i < 3; i++) {
                assertThat(c.read().status()).isEqualTo(200);
            }
        }
    }

    // ---- 20. Content-Length over the body limit, Expect

    @Test
    void a_content_length_over_the_body_limit_is_413_before_the_body_is_sent() throws IOException {
        try (RawHttp c = server.connect()) {
            // Only the head is sent: the answer cannot depend on reading the body.
            RawHttp.Reply r = c.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: "
                    + (dev.weft.web.Application.DEFAULT_CLIENT_MAX_SIZE_BYTES + 1) + "\r\n\r\n").read();
            assertThat(r.status()).isEqualTo(413);
            assertThat(r.announcesClose()).isTrue();
            assertThat(c.closedByServer()).isTrue();
        }
        server.assertStillServing();
    }

    @Test
    void a_huge_content_length_is_413_before_the_body_is_sent() throws IOException {
        try (RawHttp c = server.connect()) {
            RawHttp.Reply r = c.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 999999999999999999\r\n\r\n")
                    .read();
            assertThat(r.status()).isEqualTo(413);
            assertThat(c.closedByServer()).isTrue();
        }
        server.assertStillServing();
    }

    @Test
    void a_sub_application_limit_applies_to_its_routes() throws IOException {
        try (RawHttp c = server.connect()) {
            RawHttp.Reply r = c.send("POST /small/echo HTTP/1.1\r\nHost: x\r\nContent-Length: "
                    + (HostileServer.SMALL_LIMIT + 1) + "\r\n\r\n").read();
            assertThat(r.status()).isEqualTo(413);
            assertThat(c.closedByServer()).isTrue();
        }
        RawHttp.Reply r = server.exchange("POST /small/echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("hello");
    }

    @Test
    void expect_100_continue_over_the_body_limit_is_413_without_100_continue() throws IOException {
        try (RawHttp c = server.connect()) {
            RawHttp.Reply r = c.send("POST /echo HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: "
                    + (dev.weft.web.Application.DEFAULT_CLIENT_MAX_SIZE_BYTES + 1) + "\r\n\r\n").read();
            assertThat(r.status()).as("the first response, not a 100 Continue").isEqualTo(413);
            assertThat(c.closedByServer()).isTrue();
        }
        server.assertStillServing();
    }

    @Test
    void expect_100_continue_within_the_limit_gets_100_continue_then_the_response() throws IOException {
        try (RawHttp c = server.connect()) {
            c.send("POST /echo HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n");
            assertThat(c.read().status()).isEqualTo(100);
            RawHttp.Reply r = c.send("hello").read();
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("hello");
        }
    }

    @Test
    void an_unknown_expectation_is_417() throws IOException {
        assertRefused("POST /echo HTTP/1.1\r\nHost: x\r\nExpect: 200-ok\r\nContent-Length: 5\r\n\r\nhello", 417);
    }

    @Test
    void an_unknown_expectation_without_a_body_is_417() throws IOException {
        assertRefused("GET / HTTP/1.1\r\nHost: x\r\nExpect: something\r\n\r\n", 417);
    }
}
