package dev.weft.web.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import dev.weft.test.TestServers;
import dev.weft.test.TestTransport;
import dev.weft.test.WeftTest;
import java.io.IOException;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code HOSTILE-INPUTS.md}, "Framing and smuggling" (cases 1–16), over real loopback sockets: each hostile request
 * gets its status (and the connection is closed where its framing can no longer be trusted), and a normal request on
 * a new connection is served afterwards.
 */
@WeftTest(transport = TestTransport.TCP)
class HostileInputFramingTest {
    private HostileServer server;

    @BeforeEach
    void start(TestServers servers) {
        server = HostileServer.start(servers);
    }

    private RawHttp.Reply assertRefused(String request, int status) throws IOException {
        return server.assertRefused(request, status);
    }

    // ---- 1. Content-Length together with Transfer-Encoding

    @Test
    void content_length_and_chunked_together_is_400_and_closes() throws IOException {
        assertRefused("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5\r\nhello\r\n0\r\n\r\n", 400);
    }

    @Test
    void chunked_and_content_length_together_in_the_other_order_is_400_and_closes() throws IOException {
        assertRefused("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n"
                + "5\r\nhello\r\n0\r\n\r\n", 400);
    }

    // ---- 2. Transfer-Encoding whose final coding is not chunked

    static Stream<Arguments> finalCodingNotChunked() {
        return Stream.of(
                argumentSet("gzip", "gzip"),
                argumentSet("chunked, gzip", "chunked, gzip"),
                argumentSet("xchunked", "xchunked"),
                argumentSet("chunked twice", "chunked, chunked"),
                argumentSet("identity", "identity"),
                argumentSet("empty", ""));
    }

    @ParameterizedTest
    @MethodSource("finalCodingNotChunked")
    void transfer_encoding_whose_final_coding_is_not_chunked_is_400_and_closes(String te) throws IOException {
        assertRefused("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: " + te + "\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
                400);
    }

    @Test
    void transfer_encoding_split_over_two_fields_with_gzip_last_is_400_and_closes() throws IOException {
        assertRefused("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: gzip\r\n\r\n"
                + "5\r\nhello\r\n0\r\n\r\n", 400);
    }

    @Test
    void a_known_but_unsupported_transfer_coding_before_chunked_is_501() throws IOException {
        assertRefused("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n"
                + "5\r\nhello\r\n0\r\n\r\n", 501);
    }

    @Test
    void chunked_transfer_encoding_is_accepted_in_any_case() throws IOException {
        RawHttp.Reply r = server.exchange("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: ChUnKeD\r\n\r\n"
                + "5\r\nhello\r\n0\r\n\r\n");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("hello");
    }

    // ---- 3. Transfer-Encoding on HTTP/1.0

    @Test
    void transfer_encoding_on_http_1_0_is_400_and_closes() throws IOException {
        assertRefused("POST /echo HTTP/1.0\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
                400);
    }

    // ---- 4. Bad Content-Length

    static Stream<Arguments> badContentLengths() {
        return Stream.of(
                argumentSet("two equal fields", "Content-Length: 5\r\nContent-Length: 5\r\n"),
                argumentSet("two different fields", "Content-Length: 5\r\nContent-Length: 6\r\n"),
                argumentSet("a list 1,2", "Content-Length: 1,2\r\n"),
                argumentSet("a list of equal values 5, 5", "Content-Length: 5, 5\r\n"),
                argumentSet("a plus sign", "Content-Length: +5\r\n"),
                argumentSet("a minus sign", "Content-Length: -1\r\n"),
                argumentSet("letters", "Content-Length: five\r\n"),
                argumentSet("digits then letters", "Content-Length: 5a\r\n"),
                argumentSet("hex", "Content-Length: 0x5\r\n"),
                argumentSet("a space inside", "Content-Length: 1 0\r\n"),
                argumentSet("empty", "Content-Length: \r\n"),
                argumentSet("20 digits", "Content-Length: 12345678901234567890\r\n"),
                argumentSet("19 digits over Long.MAX_VALUE", "Content-Length: 9999999999999999999\r\n"),
                argumentSet("40 digits", "Content-Length: " + "1".repeat(40) + "\r\n"));
    }

    @ParameterizedTest
    @MethodSource("badContentLengths")
    void a_bad_content_length_is_400_and_closes(String field) throws IOException {
        assertRefused("POST /echo HTTP/1.1\r\nHost: x\r\n" + field + "\r\nhello", 400);
    }

    @Test
    void two_content_lengths_on_http_1_0_are_400_and_close() throws IOException {
        assertRefused("POST /echo HTTP/1.0\r\nContent-Length: 5\r\nContent-Length: 10\r\n\r\nhello", 400);
    }

    @Test
    void a_plain_content_length_is_accepted() throws IOException {
        RawHttp.Reply r = server.exchange("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("hello");
    }

    // ---- 5. Whitespace between header name and colon

    static Stream<Arguments> whitespaceBeforeColon() {
        return Stream.of(
                argumentSet("space", "X-Test : 1\r\n"),
                argumentSet("tab", "X-Test\t: 1\r\n"),
                argumentSet("on Host", "Host : y\r\n"),
                argumentSet("on Content-Length", "Content-Length : 5\r\n"),
                argumentSet("on Transfer-Encoding", "Transfer-Encoding : chunked\r\n"));
    }

    @ParameterizedTest
    @MethodSource("whitespaceBeforeColon")
    void whitespace_between_header_name_and_colon_is_400(String field) throws IOException {
        assertRefused("POST /echo HTTP/1.1\r\nHost: x\r\n" + field + "\r\n", 400);
    }

    // ---- 6. obs-fold

    static Stream<Arguments> obsFolds() {
        return Stream.of(
                argumentSet("space-folded value", "GET / HTTP/1.1\r\nHost: x\r\nX-Test: a\r\n b\r\n\r\n"),
                argumentSet("tab-folded value", "GET / HTTP/1.1\r\nHost: x\r\nX-Test: a\r\n\tb\r\n\r\n"),
                argumentSet("folded Host", "GET / HTTP/1.1\r\nHost: x\r\n y\r\n\r\n"),
                argumentSet("folded Transfer-Encoding",
                        "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip,\r\n chunked\r\n\r\n0\r\n\r\n"),
                argumentSet("folded last field", "GET / HTTP/1.1\r\nX-Test: a\r\nHost: x\r\n  \r\n\r\n"),
                argumentSet("whitespace-led first field line", "GET / HTTP/1.1\r\n Host: x\r\n\r\n"));
    }

    @ParameterizedTest
    @MethodSource("obsFolds")
    void an_obs_fold_line_is_400(String request) throws IOException {
        assertRefused(request, 400);
    }

    @Test
    void an_obs_fold_arriving_in_a_later_packet_is_400() throws IOException {
        try (RawHttp c = server.connect()) {
            c.send("GET / HTTP/1.1\r\nHost: x\r\nX-Test: a\r\n");
            c.send(" b\r\n\r\n");
            RawHttp.Reply r = c.read();
            assertThat(r.status()).isEqualTo(400);
            assertThat(c.closedByServer()).isTrue();
        }
        server.assertStillServing();
    }

    // ---- 7. Bare LF

    static Stream<Arguments> bareLineFeeds() {
        return Stream.of(
                argumentSet("everywhere", "GET / HTTP/1.1\nHost: x\n\n"),
                argumentSet("after the request line", "GET / HTTP/1.1\nHost: x\r\n\r\n"),
                argumentSet("after a header field", "GET / HTTP/1.1\r\nHost: x\nX-Test: 1\r\n\r\n"),
                argumentSet("ending the header section", "GET / HTTP/1.1\r\nHost: x\r\n\n"),
                argumentSet("CR CR LF", "GET / HTTP/1.1\r\r\nHost: x\r\n\r\n"));
    }

    @ParameterizedTest
    @MethodSource("bareLineFeeds")
    void a_bare_lf_as_line_terminator_is_400_and_closes(String request) throws IOException {
        assertRefused(request, 400);
    }

    // ---- 8. Control characters in field values, invalid field names

    static Stream<Arguments> badFields() {
        return Stream.of(
                argumentSet("CR inside a value", "X-Test: a\rb\r\n"),
                argumentSet("NUL inside a value", "X-Test: a\0b\r\n"),
                argumentSet("SOH inside a value", "X-Test: a\u0001b\r\n"),
                argumentSet("ESC inside a value", "X-Test: a\u001bb\r\n"),
                argumentSet("DEL inside a value", "X-Test: a\u007fb\r\n"),
                argumentSet("vertical tab before a value", "X-Test:\u000ba\r\n"),
                argumentSet("form feed inside a value", "X-Test: a\u000cb\r\n"),
                argumentSet("NUL ending a value", "X-Test: a\0\r\n"),
                argumentSet("parenthesis in a name", "X(Test): 1\r\n"),
                argumentSet("slash in a name", "X/Test: 1\r\n"),
                argumentSet("NUL in a name", "X\0Test: 1\r\n"),
                argumentSet("non-ASCII in a name", "X-T\u00e9st: 1\r\n"),
                argumentSet("empty name", ": 1\r\n"),
                argumentSet("no colon", "X-Test 1\r\n"));
    }

    @ParameterizedTest
    @MethodSource("badFields")
    void a_control_character_in_a_value_or_a_bad_name_is_400(String field) throws IOException {
        assertRefused("GET / HTTP/1.1\r\nHost: x\r\n" + field + "\r\n", 400);
    }

    @Test
    void a_tab_and_obs_text_in_a_value_are_accepted() throws IOException {
        RawHttp.Reply r = server.exchange("GET /header/X-Test HTTP/1.1\r\nHost: x\r\nX-Test: a\tb\r\n\r\n");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("a\tb");
        r = server.exchange("GET /header/X-Test HTTP/1.1\r\nHost: x\r\nX-Test: caf\u00e9\r\n\r\n");
        assertThat(r.status()).isEqualTo(200);
    }

    // ---- 9–11. Chunk lines and chunk data

    static Stream<Arguments> badChunks() {
        return Stream.of(
                argumentSet("9: bare LF after the chunk size", "5\nhello\r\n0\r\n\r\n"),
                argumentSet("9: bare LF after the last chunk size", "5\r\nhello\r\n0\n\r\n"),
                argumentSet("9: bare LF inside a chunk extension", "5;a=b\nhello\r\n0\r\n\r\n"),
                argumentSet("9: LF inside a quoted chunk extension", "5;a=\"b\nc\"\r\nhello\r\n0\r\n\r\n"),
                argumentSet("9: unterminated quoted chunk extension", "5;a=\"b\r\nhello\r\n0\r\n\r\n"),
                argumentSet("9: CR alone inside a chunk extension", "5;a=b\rc\r\nhello\r\n0\r\n\r\n"),
                argumentSet("10: chunk data followed by other bytes", "5\r\nhelloXX0\r\n\r\n"),
                argumentSet("10: chunk data followed by bare LF", "5\r\nhello\n0\r\n\r\n"),
                argumentSet("10: chunk data longer than its size", "3\r\nhello\r\n0\r\n\r\n"),
                argumentSet("11: chunk size overflowing an int", "ffffffffff\r\nhello\r\n0\r\n\r\n"),
                argumentSet("11: chunk size overflowing a long", "1" + "0".repeat(20) + "\r\nhello\r\n0\r\n\r\n"),
                argumentSet("11: 0x prefix", "0x5\r\nhello\r\n0\r\n\r\n"),
                argumentSet("11: negative chunk size", "-5\r\nhello\r\n0\r\n\r\n"),
                argumentSet("11: empty chunk size", "\r\nhello\r\n0\r\n\r\n"),
                argumentSet("11: chunk extensions over 8 KiB",
                        "5;a=" + "b".repeat(9 * 1024) + "\r\nhello\r\n0\r\n\r\n"),
                argumentSet("11: many chunk extensions over 8 KiB",
                        "5" + ";a=b".repeat(3 * 1024) + "\r\nhello\r\n0\r\n\r\n"));
    }

    @ParameterizedTest
    @MethodSource("badChunks")
    void a_malformed_chunk_is_400_and_closes(String body) throws IOException {
        assertRefused("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n" + body, 400);
    }

    @Test
    void a_malformed_chunk_after_the_handler_started_is_400_and_closes() throws IOException {
        try (RawHttp c = server.connect()) {
            c.send("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n");
            c.send("5\r\nworldXX");
            RawHttp.Reply r = c.read();
            assertThat(r.status()).isEqualTo(400);
            assertThat(c.closedByServer()).isTrue();
        }
        server.assertStillServing();
    }

    @Test
    void valid_chunk_extensions_are_accepted_and_ignored() throws IOException {
        RawHttp.Reply r = server.exchange("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5;name=value;quoted=\"a \\\" b\"\r\nhello\r\n0;last\r\n\r\n");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("hello");
    }

    // ---- 12. Trailers

    @Test
    void more_trailer_fields_than_the_header_count_limit_is_431_and_closes() throws IOException {
        StringBuilder trailers = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            trailers.append("X-T").append(i).append(": v\r\n");
        }
        assertRefused("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n"
                + trailers + "\r\n", 431);
    }

    @Test
    void a_trailer_section_over_the_header_size_limit_is_431_and_closes() throws IOException {
        assertRefused("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n"
                + "X-Big: " + "a".repeat(9 * 1024) + "\r\n\r\n", 431);
    }

    @Test
    void trailers_are_never_merged_into_the_headers() throws IOException {
        RawHttp.Reply r = server.exchange("POST /header/X-Trailer HTTP/1.1\r\nHost: x\r\n"
                + "Transfer-Encoding: chunked\r\nTrailer: X-Trailer\r\n\r\n"
                + "5\r\nhello\r\n0\r\nX-Trailer: sneaky\r\nContent-Length: 0\r\n\r\n");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("absent|hello");
    }

    @Test
    void a_malformed_trailer_is_400_and_closes() throws IOException {
        assertRefused("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n"
                + "X-Trailer\0: 1\r\n\r\n", 400);
    }

    // ---- 13. Host

    static Stream<Arguments> badHosts() {
        return Stream.of(
                argumentSet("no Host on HTTP/1.1", "GET / HTTP/1.1\r\n\r\n"),
                argumentSet("two Host fields", "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"),
                argumentSet("two equal Host fields", "GET / HTTP/1.1\r\nHost: a\r\nHost: a\r\n\r\n"),
                argumentSet("an empty Host", "GET / HTTP/1.1\r\nHost: \r\n\r\n"),
                argumentSet("a Host with a space", "GET / HTTP/1.1\r\nHost: a b\r\n\r\n"),
                argumentSet("a Host with a slash", "GET / HTTP/1.1\r\nHost: a/b\r\n\r\n"),
                argumentSet("a Host with userinfo", "GET / HTTP/1.1\r\nHost: user@a\r\n\r\n"),
                argumentSet("a Host with a bad port", "GET / HTTP/1.1\r\nHost: a:80x\r\n\r\n"),
                argumentSet("a Host with a list", "GET / HTTP/1.1\r\nHost: a, b\r\n\r\n"),
                argumentSet("an unclosed IPv6 literal", "GET / HTTP/1.1\r\nHost: [::1\r\n\r\n"),
                argumentSet("two Host fields on HTTP/1.0", "GET / HTTP/1.0\r\nHost: a\r\nHost: b\r\n\r\n"));
    }

    @ParameterizedTest
    @MethodSource("badHosts")
    void a_missing_duplicate_or_invalid_host_is_400(String request) throws IOException {
        assertRefused(request, 400);
    }

    @Test
    void an_http_1_0_request_without_host_is_served() throws IOException {
        try (RawHttp c = server.connect()) {
            RawHttp.Reply r = c.send("GET / HTTP/1.0\r\n\r\n").read();
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("ok");
        }
    }

    @Test
    void hosts_with_ports_and_ip_literals_are_accepted() throws IOException {
        for (String host : new String[] {"example.com:8080", "127.0.0.1", "[::1]:80", "xn--bcher-kva.example"}) {
            RawHttp.Reply r = server.exchange("GET / HTTP/1.1\r\nHost: " + host + "\r\n\r\n");
            assertThat(r.status()).as(host).isEqualTo(200);
        }
    }

    // ---- 14. HTTP version

    static Stream<Arguments> unsupportedVersions() {
        return Stream.of(
                argumentSet("HTTP/9.9", "HTTP/9.9"),
                argumentSet("HTTP/2.0", "HTTP/2.0"),
                argumentSet("HTTP/1.2", "HTTP/1.2"),
                argumentSet("HTTP/0.9", "HTTP/0.9"));
    }

    @ParameterizedTest
    @MethodSource("unsupportedVersions")
    void an_unsupported_http_version_is_505(String version) throws IOException {
        assertRefused("GET / " + version + "\r\nHost: x\r\n\r\n", 505);
    }

    static Stream<Arguments> malformedVersions() {
        return Stream.of(
                argumentSet("lower case http/1.1", "http/1.1"),
                argumentSet("mixed case Http/1.1", "Http/1.1"),
                argumentSet("HTTP/1.1 with trailing garbage", "HTTP/1.1x"),
                argumentSet("HTTP/11", "HTTP/11"),
                argumentSet("HTTP/1", "HTTP/1"),
                argumentSet("two-digit major HTTP/10.1", "HTTP/10.1"),
                argumentSet("not HTTP", "FTP/1.1"));
    }

    @ParameterizedTest
    @MethodSource("malformedVersions")
    void a_malformed_http_version_is_400(String version) throws IOException {
        assertRefused("GET / " + version + "\r\nHost: x\r\n\r\n", 400);
    }

    @Test
    void a_request_line_without_a_version_is_400() throws IOException {
        assertRefused("GET /\r\nHost: x\r\n\r\n", 400);
    }

    // ---- 15. Request target and method

    static Stream<Arguments> badTargets() {
        return Stream.of(
                argumentSet("NUL", "/a\0b"),
                argumentSet("SOH", "/a\u0001b"),
                argumentSet("DEL", "/a\u007fb"),
                argumentSet("a space", "/a b"),
                argumentSet("a tab", "/a\tb"),
                argumentSet("non-ASCII", "/caf\u00e9"),
                argumentSet("bad percent-encoding", "/a%zz"),
                argumentSet("not a path", "a/b"));
    }

    @ParameterizedTest
    @MethodSource("badTargets")
    void a_control_character_or_space_in_the_target_is_400(String target) throws IOException {
        assertRefused("GET " + target + " HTTP/1.1\r\nHost: x\r\n\r\n", 400);
    }

    static Stream<Arguments> nonTokenMethods() {
        return Stream.of(
                argumentSet("parenthesis", "G(T"),
                argumentSet("NUL", "GE\0T"),
                argumentSet("SOH", "GE\u0001T"),
                argumentSet("colon", "GET:"),
                argumentSet("non-ASCII", "G\u00c9T"),
                argumentSet("quote", "\"GET\""));
    }

    @ParameterizedTest
    @MethodSource("nonTokenMethods")
    void a_method_that_is_not_a_token_is_400(String method) throws IOException {
        assertRefused(method + " / HTTP/1.1\r\nHost: x\r\n\r\n", 400);
    }

    @Test
    void an_unknown_method_is_501() throws IOException {
        assertRefused("FOO /nowhere HTTP/1.1\r\nHost: x\r\n\r\n", 501);
    }

    @Test
    void an_unknown_method_on_an_existing_path_is_501() throws IOException {
        assertRefused("FOO / HTTP/1.1\r\nHost: x\r\n\r\n", 501);
    }

    @Test
    void a_lower_case_standard_method_is_an_unknown_method() throws IOException {
        assertRefused("get / HTTP/1.1\r\nHost: x\r\n\r\n", 501);
    }

    @Test
    void a_non_standard_method_some_route_uses_is_served_there_and_405_elsewhere() throws IOException {
        RawHttp.Reply r = server.exchange("PURGE /purge HTTP/1.1\r\nHost: x\r\n\r\n");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("purged");
        r = server.exchange("PURGE / HTTP/1.1\r\nHost: x\r\n\r\n");
        assertThat(r.status()).isEqualTo(405);
        r = server.exchange("PURGE /nowhere HTTP/1.1\r\nHost: x\r\n\r\n");
        assertThat(r.status()).isEqualTo(404);
    }

    @Test
    void an_unknown_method_reaches_a_route_for_any_method() throws IOException {
        int before = server.smuggledCalls();
        RawHttp.Reply r = server.exchange("FOO /smuggled HTTP/1.1\r\nHost: x\r\n\r\n");
        assertThat(r.status()).isEqualTo(200);
        assertThat(server.smuggledCalls()).isEqualTo(before + 1);
    }

    // ---- 16. An early error on a request with a body: the body is never read as the next request

    private static final String SMUGGLED = "GET /smuggled HTTP/1.1\r\nHost: x\r\n\r\n";

    static Stream<Arguments> earlyErrorsWithABody() {
        String body = SMUGGLED;
        String cl = "Content-Length: " + body.length() + "\r\n";
        String chunked = "Transfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(body.length()) + "\r\n" + body
                + "\r\n0\r\n\r\n";
        return Stream.of(
                argumentSet("417 for an unknown Expect", 417,
                        "POST /echo HTTP/1.1\r\nHost: x\r\nExpect: magic\r\n" + cl + "\r\n" + body),
                argumentSet("501 for an unknown method", 501, "FOO / HTTP/1.1\r\nHost: x\r\n" + cl + "\r\n" + body),
                argumentSet("400 for a missing Host", 400, "POST /echo HTTP/1.1\r\n" + cl + "\r\n" + body),
                argumentSet("400 for a bad percent-encoding", 400,
                        "POST /a%zz HTTP/1.1\r\nHost: x\r\n" + cl + "\r\n" + body),
                argumentSet("413 for a body over the limit", 413,
                        "POST /small/echo HTTP/1.1\r\nHost: x\r\n" + cl + "\r\n" + body),
                argumentSet("501 for gzip before chunked", 501,
                        "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n"
                                + Integer.toHexString(body.length()) + "\r\n" + body + "\r\n0\r\n\r\n"),
                argumentSet("400 for a bad field with a chunked body", 400,
                        "POST /echo HTTP/1.1\r\nHost: x\r\nX-Bad: a\0b\r\n" + chunked),
                argumentSet("400 for an obs-fold with a body", 400,
                        "POST /echo HTTP/1.1\r\nHost: x\r\nX-Test: a\r\n b\r\n" + cl + "\r\n" + body));
    }

    @ParameterizedTest
    @MethodSource("earlyErrorsWithABody")
    void an_early_error_never_parses_the_body_as_the_next_request(int status, String request) throws IOException {
        int before = server.smuggledCalls();
        try (RawHttp c = server.connect()) {
            RawHttp.Reply r = c.send(request).read();
            assertThat(r.status()).isEqualTo(status);
            assertThat(c.closedByServer()).as("closed after one response, with no second response").isTrue();
        }
        server.assertStillServing();
        assertThat(server.smuggledCalls()).as("requests hidden in the refused body").isEqualTo(before);
    }

    @Test
    void a_pipelined_request_after_a_complete_one_is_served() throws IOException {
        // The control for case 16: the same bytes after a body that was read are a real request.
        int before = server.smuggledCalls();
        try (RawHttp c = server.connect()) {
            c.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello" + SMUGGLED);
            assertThat(c.read().body()).isEqualTo("hello");
            assertThat(c.read().body()).isEqualTo("smuggled");
        }
        assertThat(server.smuggledCalls()).isEqualTo(before + 1);
    }
}
