package dev.weft.client;

import static dev.weft.client.ClientTesting.localhost;
import static dev.weft.test.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.http.Cookie;
import dev.weft.http.SetCookieParser;
import dev.weft.loop.Loop;
import dev.weft.test.TestServer;
import dev.weft.test.TestServers;
import dev.weft.test.WeftTest;
import dev.weft.web.Application;
import dev.weft.web.Response;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** RFC 6265 storage rules (HOSTILE-INPUTS.md case 39) and cookies over real requests. */
@WeftTest
class CookieJarTest {
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    private final CookieJar jar = CookieJar.create(b -> b.clock(clock));

    private void receive(String url, String... setCookies) {
        List<Cookie> cookies = java.util.Arrays.stream(setCookies).map(SetCookieParser::parse).toList();
        jar.update(cookies, URI.create(url));
    }

    private String sent(String url) {
        return String.join("; ", jar.filter(URI.create(url)).stream().map(c -> c.name() + "=" + c.value()).toList());
    }

    @Test
    void a_cookie_without_domain_is_host_only() {
        receive("http://example.com/", "a=1");
        assertThat(sent("http://example.com/")).isEqualTo("a=1");
        assertThat(sent("http://www.example.com/")).isEmpty();
    }

    @Test
    void a_domain_cookie_is_sent_to_subdomains() {
        receive("http://www.example.com/", "a=1; Domain=.example.com");
        assertThat(sent("http://example.com/")).isEqualTo("a=1");
        assertThat(sent("http://api.example.com/")).isEqualTo("a=1");
        assertThat(sent("http://example.org/")).isEmpty();
        assertThat(sent("http://badexample.com/")).isEmpty();
    }

    @Test
    void a_domain_that_does_not_match_the_host_is_rejected() {
        receive("http://www.example.com/", "a=1; Domain=other.com", "b=2; Domain=sub.www.example.com");
        assertThat(jar.size()).isZero();
    }

    @Test
    void a_public_suffix_domain_is_rejected() {
        receive("http://shop.example.co.uk/", "a=1; Domain=co.uk", "b=2; Domain=uk");
        receive("http://me.github.io/", "c=3; Domain=github.io");
        assertThat(jar.size()).isZero();
        receive("http://shop.example.co.uk/", "d=4; Domain=example.co.uk");
        assertThat(sent("http://www.example.co.uk/")).isEqualTo("d=4");
    }

    @Test
    void secure_cookies_are_only_accepted_from_and_sent_over_https() {
        receive("http://example.com/", "plain=1; Secure");
        assertThat(jar.size()).isZero();
        receive("https://example.com/", "s=1; Secure");
        assertThat(sent("https://example.com/")).isEqualTo("s=1");
        assertThat(sent("http://example.com/")).isEmpty();
    }

    @Test
    void ip_hosts_get_no_cookies_unless_the_jar_is_unsafe() {
        receive("http://127.0.0.1/", "a=1");
        assertThat(jar.size()).isZero();
        CookieJar unsafe = CookieJar.create(b -> b.unsafe(true));
        unsafe.update(List.of(Cookie.of("a", "1")), URI.create("http://127.0.0.1/"));
        assertThat(unsafe.filter(URI.create("http://127.0.0.1/x"))).extracting(Cookie::name).containsExactly("a");
    }

    @Test
    void cookies_are_matched_by_path_most_specific_first() {
        receive("http://example.com/docs/page", "d=1", "root=2; Path=/", "deep=3; Path=/docs/api");
        assertThat(sent("http://example.com/docs/api/x")).isEqualTo("deep=3; d=1; root=2");
        assertThat(sent("http://example.com/docs")).isEqualTo("d=1; root=2");
        assertThat(sent("http://example.com/documents")).isEqualTo("root=2");
    }

    @Test
    void max_age_and_expires_end_a_cookie_and_max_age_wins() {
        receive("http://example.com/", "short=1; Max-Age=60; Expires=Wed, 01 Jan 2100 00:00:00 GMT",
                "dated=2; Expires=Thu, 01 Jan 2026 00:02:00 GMT");
        assertThat(sent("http://example.com/")).isEqualTo("short=1; dated=2");
        now.set(now.get().plus(Duration.ofSeconds(61)));
        assertThat(sent("http://example.com/")).isEqualTo("dated=2");
        now.set(now.get().plus(Duration.ofSeconds(60)));
        assertThat(sent("http://example.com/")).isEmpty();
    }

    @Test
    void an_expiry_in_the_past_deletes_the_cookie() {
        receive("http://example.com/", "a=1");
        receive("http://example.com/", "a=; Max-Age=0");
        assertThat(jar.size()).isZero();
    }

    @Test
    void cookies_can_be_cleared_by_predicate_and_by_domain() {
        receive("http://a.example.com/", "x=1", "y=2");
        receive("http://other.org/", "z=3");
        jar.clear(c -> c.name().equals("x"));
        assertThat(jar.cookies()).extracting(Cookie::name).containsExactly("y", "z");
        jar.clearDomain("example.com");
        assertThat(jar.cookies()).extracting(Cookie::name).containsExactly("z");
        jar.clear();
        assertThat(jar.size()).isZero();
    }

    @Test
    void cookie_dates_in_the_formats_servers_send_are_understood() {
        Instant t = Instant.parse("1994-11-06T08:49:37Z");
        assertThat(SetCookieParser.parseDate("Sun, 06 Nov 1994 08:49:37 GMT")).isEqualTo(t);
        assertThat(SetCookieParser.parseDate("Sunday, 06-Nov-94 08:49:37 GMT")).isEqualTo(t);
        assertThat(SetCookieParser.parseDate("Sun Nov  6 08:49:37 1994")).isEqualTo(t);
        assertThat(SetCookieParser.parseDate("not a date")).isNull();
        assertThat(SetCookieParser.parse("no-equals-sign")).isNull();
        assertThat(SetCookieParser.parse("a=1; HttpOnly; SameSite=Lax; Path=/x")).isEqualTo(
                Cookie.of("a", "1").withHttpOnly(true).withSameSite(Cookie.SameSite.LAX).withPath("/x"));
    }

    @Test
    void cookies_round_trip_through_a_session_jar_and_are_ignored_by_a_dummy_jar(Loop loop, TestServers servers) {
        Application app = Application.create();
        app.routes()
                .get("/login", req -> Response.text("ok").cookie(Cookie.of("sid", "s3cret").withPath("/")))
                .get("/whoami", req -> Response.text(req.cookies().getOrDefault("sid", "anonymous")));
        TestServer server = servers.start(app);
        try (ClientSession session = ClientSession.create(s -> s.loop(loop))) {
            ClientResponse login = await(session.get(localhost(server, "/login")));
            assertThat(login.cookies()).extracting(Cookie::name).containsExactly("sid");
            login.release();
            assertThat(await(await(session.get(localhost(server, "/whoami"))).text())).isEqualTo("s3cret");
            assertThat(session.cookieJar().cookies()).extracting(Cookie::domain).containsExactly("localhost");
        }
        try (ClientSession dummy = ClientSession.create(s -> s.loop(loop).cookieJar(DummyCookieJar.create()))) {
            await(dummy.get(localhost(server, "/login"))).release();
            assertThat(await(await(dummy.get(localhost(server, "/whoami"))).text())).isEqualTo("anonymous");
            assertThat(await(await(dummy.get(localhost(server, "/whoami"), o -> o.cookie("sid", "given")))
                    .text())).isEqualTo("given");
        }
    }

    @Test
    void cookie_headers_the_caller_adds_go_out_as_one_header_with_the_jars_and_the_requests_cookies(Loop loop,
            TestServers servers) {
        Application app = Application.create();
        app.routes()
                .get("/login", req -> Response.text("ok").cookie(Cookie.of("sid", "s3cret").withPath("/")))
                .get("/headers", req -> Response.text(String.join(" | ", req.headers().getAll("Cookie"))));
        TestServer server = servers.start(app);
        try (ClientSession session = ClientSession.create(s -> s.loop(loop))) {
            await(session.get(localhost(server, "/login"))).release();
            ClientResponse sent = await(session.get(localhost(server, "/headers"), o -> o.header("Cookie", "a=1")
                    .header("Cookie", "b=2").cookie("own", "3")));
            assertThat(await(sent.text())).isEqualTo("a=1; b=2; sid=s3cret; own=3");
        }
    }
}
