package dev.weft.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RequestTest {
    private static final RequestKey<String> USER = RequestKey.of("user", String.class);
    private static final RequestKey<List<String>> TRAIL = RequestKey.ofGeneric("trail", List.class);
    private static final long LIMIT = 1024;

    private static LiveServer server;

    public record Pet(String name, int age) {
    }

    @BeforeAll
    static void start() {
        Application app = Application.create().clientMaxSize(LIMIT);
        app.use((req, next) -> {
            String auth = req.header("Authorization");
            if (auth != null) {
                req.set(USER, auth.substring("User ".length()));
            }
            return next.handle(req);
        });
        app.use((req, next) -> {
            if (req.path().startsWith("/echo/rewrite/")) {
                Request changed = req.clone(c -> c.method("PUT").target("/echo/rewritten?from=" + req.method())
                        .header("X-Added", "yes").removeHeader("X-Remove"));
                return next.handle(changed).then(res -> res.header("X-Original",
                        req.method() + " " + req.path() + " " + req.header("X-Remove")));
            }
            return next.handle(req);
        });
        app.routes()
                .route("*", "/echo/{rest:.*}", req -> Response.text(String.join("\n",
                        "method=" + req.method(),
                        "path=" + req.path(),
                        "rawPath=" + req.rawPath(),
                        "queryString=" + req.queryString(),
                        "rawTarget=" + req.rawTarget(),
                        "query=" + req.query().asMap(),
                        "match=" + new TreeMap<>(req.matchInfo()),
                        "added=" + req.header("X-Added"),
                        "removed=" + req.header("X-Remove"))))
                .get("/headers", req -> Response.text(req.headers().getAll("x-multi") + " "
                        + req.header("X-MULTI") + " " + req.headers().contains("X-Absent") + " "
                        + req.headers().get("x-absent", "fallback")))
                .get("/cookies", req -> Response.text(new TreeMap<>(req.cookies()) + " " + req.cookie("b")))
                .get("/connection", req -> Response.text(String.join("\n",
                        "remote=" + req.remote(),
                        "remotePort=" + ((InetSocketAddress) req.remoteAddress()).getPort(),
                        "host=" + req.host(),
                        "scheme=" + req.scheme(),
                        "version=" + req.version(),
                        "keepAlive=" + req.keepAlive(),
                        "onLoop=" + req.loop().inLoop())))
                .get("/user", req -> Response.text("hello " + req.require(USER) + ", " + req.get(TRAIL)))
                .get("/no-user", req -> {
                    try {
                        return Response.text(req.require(USER));
                    } catch (IllegalStateException e) {
                        return Response.text(e.getMessage());
                    }
                })
                .post("/bytes", req -> Reply.async(req.bytes().thenCompose(first -> req.bytes()
                        .thenApply(again -> Response.text(first.length + " " + (first == again) + " "
                                + req.hasBody() + " " + req.contentLength())))))
                .post("/bytes-on-next-turn", req -> Reply.async(req.bytes().handleAsync((b, e) -> {
                    if (e != null) {
                        throw (RuntimeException) e;
                    }
                    return Response.text(b.length + " bytes");
                }, req.loop())))
                .post("/text", req -> Reply.async(req.text().thenApply(Response::text)))
                .post("/json", req -> Reply.async(req.json(Pet.class)
                        .thenApply(p -> Response.text(p.name() + " is " + p.age()))))
                .post("/form", req -> Reply.async(req.form().thenApply(f -> Response.text(f.asMap().toString()))))
                .get("/empty-body", req -> Reply.async(req.bytes().thenApply(b -> Response.text(b.length + " "
                        + req.hasBody()))));
        server = LiveServer.start(app);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Map<String, String> lines(String body) {
        Map<String, String> out = new TreeMap<>();
        for (String line : body.split("\n")) {
            int eq = line.indexOf('=');
            out.put(line.substring(0, eq), line.substring(eq + 1));
        }
        return out;
    }

    @Test
    void the_request_line_parts_are_available_raw_and_decoded() {
        Map<String, String> r = lines(server.send("PATCH", "/echo/a%20b/c%2Bd?x=1&y=two%20words&x=2&z=a+b").body());
        assertThat(r).containsEntry("method", "PATCH")
                .containsEntry("path", "/echo/a b/c+d")
                .containsEntry("rawPath", "/echo/a%20b/c%2Bd")
                .containsEntry("queryString", "x=1&y=two%20words&x=2&z=a+b")
                .containsEntry("rawTarget", "/echo/a%20b/c%2Bd?x=1&y=two%20words&x=2&z=a+b")
                .containsEntry("query", "{x=[1, 2], y=[two words], z=[a b]}")
                .containsEntry("match", "{rest=a b/c+d}");
    }

    @Test
    void a_request_without_query_has_an_empty_one() {
        Map<String, String> r = lines(server.get("/echo/").body());
        assertThat(r).containsEntry("queryString", "").containsEntry("query", "{}").containsEntry("match", "{rest=}");
    }

    @Test
    void a_malformed_query_is_a_bad_request_when_read() {
        assertThat(server.raw("GET /echo/x?a=%zz HTTP/1.1\r\nHost: localhost").status()).isEqualTo(400);
    }

    @Test
    void headers_ignore_case_and_keep_every_value() {
        HttpResponse<String> res = server.send(server.request("/headers")
                .header("X-Multi", "one").header("x-multi", "two"));
        assertThat(res.body()).isEqualTo("[one, two] one false fallback");
    }

    @Test
    void cookies_are_parsed_from_every_cookie_header() {
        LiveServer.RawResponse res = server.raw("GET /cookies HTTP/1.1\r\nHost: localhost\r\n"
                + "Cookie: a=1; b=\"two\"\r\nCookie: c=3; a=ignored; bad cookie=x");
        assertThat(res.body()).isEqualTo("{a=1, b=two, c=3} two");
        assertThat(server.get("/cookies").body()).isEqualTo("{} null");
    }

    @Test
    void the_connection_is_described() {
        Map<String, String> r = lines(server.get("/connection").body());
        assertThat(r).containsEntry("remote", "127.0.0.1")
                .containsEntry("host", "127.0.0.1:" + server.port())
                .containsEntry("scheme", "http")
                .containsEntry("version", "HTTP/1.1")
                .containsEntry("keepAlive", "true")
                .containsEntry("onLoop", "true");
        assertThat(Integer.parseInt(r.get("remotePort"))).isPositive().isNotEqualTo(server.port());
    }

    @Test
    void host_is_the_host_header_as_sent() {
        assertThat(lines(server.raw("GET /connection HTTP/1.1\r\nHost: Example.com:8443").body()))
                .containsEntry("host", "Example.com:8443")
                .containsEntry("keepAlive", "false");
    }

    @Test
    void without_a_host_header_host_is_the_local_address() {
        assertThat(lines(server.raw("GET /connection HTTP/1.0").body()))
                .containsEntry("host", "127.0.0.1:" + server.port())
                .containsEntry("version", "HTTP/1.0");
    }

    @Test
    void without_a_host_header_an_ipv6_local_address_is_bracketed() {
        Application app = Application.create();
        app.routes().get("/", req -> Response.text(req.host() + " " + req.remote()));
        LiveServer v6;
        try {
            v6 = LiveServer.start(app, "::1", c -> { });
        } catch (RuntimeException e) {
            Assumptions.abort("no IPv6 loopback here: " + e);
            return;
        }
        try (v6) {
            assertThat(v6.raw("GET / HTTP/1.0").body())
                    .isEqualTo("[0:0:0:0:0:0:0:1]:" + v6.port() + " 0:0:0:0:0:0:0:1");
        }
    }

    @Test
    void a_middleware_hands_state_to_the_handler_with_a_request_key() {
        assertThat(server.send(server.request("/user").header("Authorization", "User ada")).body())
                .isEqualTo("hello ada, null");
    }

    @Test
    void requiring_state_no_middleware_set_names_the_key() {
        assertThat(server.get("/no-user").body())
                .isEqualTo("RequestKey(user: String) is not set on this request; a middleware must set it first");
    }

    @Test
    void request_keys_compare_by_identity() {
        RequestKey<String> alike = RequestKey.of("user", String.class);
        Application app = Application.create();
        app.use((req, next) -> next.handle(req.set(USER, "real")));
        app.routes().get("/", req -> Response.text(req.get(USER) + " " + req.get(alike)));
        try (LiveServer s = LiveServer.start(app)) {
            assertThat(s.get("/").body()).isEqualTo("real null");
        }
    }

    @Test
    void the_body_is_read_as_bytes_as_often_as_asked() {
        assertThat(server.send("POST", "/bytes", "hello").body()).isEqualTo("5 true true 5");
    }

    @Test
    void a_request_without_body_reads_as_empty() {
        assertThat(server.get("/empty-body").body()).isEqualTo("0 false");
    }

    @Test
    void text_is_decoded_with_the_charset_of_the_content_type() {
        byte[] latin1 = "café".getBytes(StandardCharsets.ISO_8859_1);
        HttpResponse<String> res = server.send(server.request("/text")
                .header("Content-Type", "text/plain; charset=ISO-8859-1")
                .POST(HttpRequest.BodyPublishers.ofByteArray(latin1)));
        assertThat(res.body()).isEqualTo("café");
        assertThat(server.send("POST", "/text", "zoë 日本").body()).isEqualTo("zoë 日本");
    }

    @Test
    void an_unknown_charset_is_a_bad_request() {
        HttpResponse<String> res = server.send(server.request("/text")
                .header("Content-Type", "text/plain; charset=no-such-charset")
                .POST(HttpRequest.BodyPublishers.ofString("x")));
        assertThat(res.statusCode()).isEqualTo(400);
    }

    @Test
    void json_is_read_into_a_class() {
        HttpResponse<String> res = server.send(server.request("/json").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Rex\",\"age\":3,\"extra\":true}")));
        assertThat(res.body()).isEqualTo("Rex is 3");
    }

    @Test
    void malformed_json_is_a_bad_request() {
        HttpResponse<String> res = server.send("POST", "/json", "{\"name\": ");
        assertThat(res.statusCode()).isEqualTo(400);
        assertThat(res.body()).contains("not valid JSON").doesNotContain("at com.");
        assertThat(server.send("POST", "/json", "{\"name\": \"Rex\", \"age\": \"old\"}").statusCode())
                .isEqualTo(400);
    }

    @Test
    void a_urlencoded_form_is_parsed() {
        HttpResponse<String> res = server.send(server.request("/form")
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString("name=Ada+Lovelace&tag=a&tag=b%26c&empty=")));
        assertThat(res.body()).isEqualTo("{name=[Ada Lovelace], tag=[a, b&c], empty=[]}");
    }

    @Test
    void a_body_of_another_type_is_an_empty_form() {
        HttpResponse<String> res = server.send(server.request("/form").header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("name=x")));
        assertThat(res.body()).isEqualTo("{}");
    }

    @Test
    void a_body_up_to_the_limit_is_read() {
        assertThat(server.send("POST", "/bytes", "x".repeat((int) LIMIT)).body()).startsWith(LIMIT + " ");
    }

    @Test
    void a_declared_length_over_the_limit_is_413() {
        HttpResponse<String> res = server.send("POST", "/bytes", "x".repeat((int) LIMIT + 1));
        assertThat(res.statusCode()).isEqualTo(413);
    }

    @Test
    void a_chunked_body_growing_over_the_limit_is_413() {
        StringBuilder chunks = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            chunks.append("100\r\n").append("y".repeat(256)).append("\r\n");
        }
        chunks.append("0\r\n\r\n");
        LiveServer.RawResponse res = server.raw("POST /bytes HTTP/1.1\r\nHost: localhost\r\n"
                + "Transfer-Encoding: chunked", chunks.toString().getBytes(StandardCharsets.US_ASCII));
        assertThat(res.status()).isEqualTo(413);
        assertThat(res.header("Connection")).isEqualTo("close");
    }

    @Test
    void a_chunked_body_from_the_jdk_client_over_the_limit_is_413() {
        byte[] big = new byte[(int) LIMIT * 3];
        // A client of its own: the shared one may hand this POST a pooled connection that an earlier test's
        // refused upload has just had closed under it, and the JDK does not retry a POST.
        HttpClient own = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> res;
        try {
            res = own.send(server.request("/text")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException | InterruptedException e) {
            throw new AssertionError("no answer to the oversized upload", e);
        }
        assertThat(res.statusCode()).isEqualTo(413);
    }

    @Test
    void a_chunked_body_fails_with_413_as_soon_as_it_crosses_the_limit() {
        // No final chunk is ever sent: only a limit enforced while reading can answer this request.
        StringBuilder chunks = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            chunks.append("100\r\n").append("y".repeat(256)).append("\r\n");
        }
        LiveServer.RawResponse res = server.raw("POST /bytes-on-next-turn HTTP/1.1\r\nHost: localhost\r\n"
                + "Transfer-Encoding: chunked", chunks.toString().getBytes(StandardCharsets.US_ASCII));
        assertThat(res.status()).isEqualTo(413);
        assertThat(res.body()).contains("larger than the 1024 bytes");
        assertThat(res.header("Connection")).isEqualTo("close");
    }

    @Test
    void a_chunked_body_under_the_limit_is_read() {
        HttpResponse<String> res = server.send(server.request("/text")
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream("streamed".getBytes(StandardCharsets.UTF_8)))));
        assertThat(res.body()).isEqualTo("streamed");
    }

    @Test
    void a_middleware_can_rewrite_method_path_and_headers_with_clone() {
        HttpResponse<String> res = server.send(server.request("/echo/rewrite/me?q=1").header("X-Remove", "gone")
                .POST(HttpRequest.BodyPublishers.ofString("")));
        Map<String, String> r = lines(res.body());
        assertThat(r).containsEntry("method", "PUT")
                .containsEntry("path", "/echo/rewritten")
                .containsEntry("queryString", "from=POST")
                .containsEntry("query", "{from=[POST]}")
                .containsEntry("added", "yes")
                .containsEntry("removed", "null")
                .containsEntry("match", "{rest=rewrite/me}"); // routing happened before the middleware ran
        assertThat(res.headers().firstValue("X-Original")).contains("POST /echo/rewrite/me gone");
    }

    @Test
    void a_clone_shares_state_with_the_original() {
        Application app = Application.create();
        app.use((req, next) -> {
            Request clone = req.clone(c -> c.header("X-Clone", "1"));
            clone.set(USER, "set on the clone");
            return next.handle(req);
        });
        app.routes().get("/", req -> Response.text(req.require(USER) + " " + req.header("X-Clone")));
        try (LiveServer s = LiveServer.start(app)) {
            assertThat(s.get("/").body()).isEqualTo("set on the clone null");
        }
    }

    @Test
    void request_headers_are_read_only() {
        Application app = Application.create();
        app.routes().get("/", req -> {
            try {
                ((dev.weft.http.MutableHeaders) req.headers()).set("X", "y");
                return Response.text("changed");
            } catch (UnsupportedOperationException | ClassCastException e) {
                return Response.text("read-only");
            }
        });
        try (LiveServer s = LiveServer.start(app)) {
            assertThat(s.get("/").body()).isEqualTo("read-only");
        }
    }
}
