package dev.weft.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.loop.Loop;
import dev.weft.test.TestClient;
import dev.weft.test.TestClients;
import dev.weft.test.TestServer;
import dev.weft.test.WeftTest;
import dev.weft.testing.ListPublisher;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@WeftTest
class RequestTest {
    private static final RequestKey<String> USER = RequestKey.of("user", String.class);
    private static final RequestKey<List<String>> TRAIL = RequestKey.ofGeneric("trail", List.class);
    private static final long LIMIT = 1024;

    private TestClient client;

    public record Pet(String name, int age) {
    }

    @BeforeEach
    void start(TestClients clients) {
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
        client = clients.create(app);
    }

    private int port() {
        return client.server().port();
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
        Map<String, String> r = lines(Answer.text(client.patch("/echo/a%20b/c%2Bd?x=1&y=two%20words&x=2&z=a+b")));
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
        Map<String, String> r = lines(Answer.text(client.get("/echo/")));
        assertThat(r).containsEntry("queryString", "").containsEntry("query", "{}").containsEntry("match", "{rest=}");
    }

    @Test
    void a_malformed_query_is_a_bad_request_when_read() {
        // the Weft client will not send a malformed escape: written raw
        assertThat(RawHttp.send(client.server(), "GET /echo/x?a=%zz HTTP/1.1\r\nHost: localhost").status())
                .isEqualTo(400);
    }

    @Test
    void headers_ignore_case_and_keep_every_value() {
        assertThat(Answer.text(client.get("/headers", o -> o.header("X-Multi", "one").header("x-multi", "two"))))
                .isEqualTo("[one, two] one false fallback");
    }

    @Test
    void cookies_are_parsed_from_every_cookie_header() {
        // raw: the Weft client sends one Cookie header (it keeps only the first one a request adds)
        RawHttp.Response res = RawHttp.send(client.server(), "GET /cookies HTTP/1.1\r\nHost: localhost\r\n"
                + "Cookie: a=1; b=\"two\"\r\nCookie: c=3; a=ignored; bad cookie=x");
        assertThat(res.body()).isEqualTo("{a=1, b=two, c=3} two");
        assertThat(Answer.text(client.get("/cookies"))).isEqualTo("{} null");
    }

    @Test
    void the_connection_is_described() {
        Map<String, String> r = lines(Answer.text(client.get("/connection")));
        assertThat(r).containsEntry("remote", "127.0.0.1")
                .containsEntry("host", "127.0.0.1:" + port())
                .containsEntry("scheme", "http")
                .containsEntry("version", "HTTP/1.1")
                .containsEntry("keepAlive", "true")
                .containsEntry("onLoop", "true");
        assertThat(Integer.parseInt(r.get("remotePort"))).isPositive().isNotEqualTo(port());
    }

    @Test
    void host_is_the_host_header_as_sent() {
        assertThat(lines(RawHttp.send(client.server(), "GET /connection HTTP/1.1\r\nHost: Example.com:8443").body()))
                .containsEntry("host", "Example.com:8443")
                .containsEntry("keepAlive", "false");
    }

    @Test
    void without_a_host_header_host_is_the_local_address() {
        assertThat(lines(RawHttp.send(client.server(), "GET /connection HTTP/1.0").body()))
                .containsEntry("host", "127.0.0.1:" + port())
                .containsEntry("version", "HTTP/1.0");
    }

    @Test
    void without_a_host_header_an_ipv6_local_address_is_bracketed(Loop loop) {
        Application app = Application.create();
        app.routes().get("/", req -> Response.text(req.host() + " " + req.remote()));
        // the harness serves on 127.0.0.1 only: a runner of its own on ::1
        try (AppRunner runner = AppRunner.create(app, TestServer.testConfig(), loop)) {
            BoundSite v6;
            try {
                v6 = runner.start(Site.tcp("::1", 0)).toCompletableFuture()
                        .orTimeout(TestServer.START_STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join();
            } catch (RuntimeException e) {
                Assumptions.abort("no IPv6 loopback here: " + e);
                return;
            }
            assertThat(RawHttp.send(new InetSocketAddress("::1", v6.port()), "GET / HTTP/1.0", new byte[0]).body())
                    .isEqualTo("[0:0:0:0:0:0:0:1]:" + v6.port() + " 0:0:0:0:0:0:0:1");
        }
    }

    @Test
    void a_middleware_hands_state_to_the_handler_with_a_request_key() {
        assertThat(Answer.text(client.get("/user", o -> o.header("Authorization", "User ada"))))
                .isEqualTo("hello ada, null");
    }

    @Test
    void requiring_state_no_middleware_set_names_the_key() {
        assertThat(Answer.text(client.get("/no-user")))
                .isEqualTo("RequestKey(user: String) is not set on this request; a middleware must set it first");
    }

    @Test
    void request_keys_compare_by_identity(TestClients clients) {
        RequestKey<String> alike = RequestKey.of("user", String.class);
        Application app = Application.create();
        app.use((req, next) -> next.handle(req.set(USER, "real")));
        app.routes().get("/", req -> Response.text(req.get(USER) + " " + req.get(alike)));
        assertThat(Answer.text(clients.create(app).get("/"))).isEqualTo("real null");
    }

    @Test
    void the_body_is_read_as_bytes_as_often_as_asked() {
        assertThat(Answer.text(client.post("/bytes", o -> o.text("hello")))).isEqualTo("5 true true 5");
    }

    @Test
    void a_request_without_body_reads_as_empty() {
        assertThat(Answer.text(client.get("/empty-body"))).isEqualTo("0 false");
    }

    @Test
    void text_is_decoded_with_the_charset_of_the_content_type() {
        byte[] latin1 = "café".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(Answer.text(client.post("/text", o -> o.body(latin1, "text/plain; charset=ISO-8859-1"))))
                .isEqualTo("café");
        assertThat(Answer.text(client.post("/text", o -> o.text("zoë 日本")))).isEqualTo("zoë 日本");
    }

    @Test
    void an_unknown_charset_is_a_bad_request() {
        byte[] x = "x".getBytes(StandardCharsets.US_ASCII);
        assertThat(Answer.status(client.post("/text", o -> o.body(x, "text/plain; charset=no-such-charset"))))
                .isEqualTo(400);
    }

    @Test
    void json_is_read_into_a_class() {
        byte[] json = "{\"name\":\"Rex\",\"age\":3,\"extra\":true}".getBytes(StandardCharsets.UTF_8);
        assertThat(Answer.text(client.post("/json", o -> o.body(json, "application/json")))).isEqualTo("Rex is 3");
    }

    @Test
    void malformed_json_is_a_bad_request() {
        Answer res = Answer.of(client.post("/json", o -> o.text("{\"name\": ")));
        assertThat(res.status()).isEqualTo(400);
        assertThat(res.body()).contains("not valid JSON").doesNotContain("at com.");
        assertThat(Answer.status(client.post("/json", o -> o.text("{\"name\": \"Rex\", \"age\": \"old\"}"))))
                .isEqualTo(400);
    }

    @Test
    void a_urlencoded_form_is_parsed() {
        byte[] form = "name=Ada+Lovelace&tag=a&tag=b%26c&empty=".getBytes(StandardCharsets.US_ASCII);
        assertThat(Answer.text(client.post("/form",
                o -> o.body(form, "application/x-www-form-urlencoded; charset=utf-8"))))
                .isEqualTo("{name=[Ada Lovelace], tag=[a, b&c], empty=[]}");
    }

    @Test
    void a_body_of_another_type_is_an_empty_form() {
        byte[] notAForm = "name=x".getBytes(StandardCharsets.US_ASCII);
        assertThat(Answer.text(client.post("/form", o -> o.body(notAForm, "text/plain")))).isEqualTo("{}");
    }

    @Test
    void a_body_up_to_the_limit_is_read() {
        assertThat(Answer.text(client.post("/bytes", o -> o.text("x".repeat((int) LIMIT))))).startsWith(LIMIT + " ");
    }

    @Test
    void a_declared_length_over_the_limit_is_413() {
        assertThat(Answer.status(client.post("/bytes", o -> o.text("x".repeat((int) LIMIT + 1))))).isEqualTo(413);
    }

    @Test
    void a_chunked_body_growing_over_the_limit_is_413() {
        StringBuilder chunks = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            chunks.append("100\r\n").append("y".repeat(256)).append("\r\n");
        }
        chunks.append("0\r\n\r\n");
        RawHttp.Response res = RawHttp.send(client.server(), "POST /bytes HTTP/1.1\r\nHost: localhost\r\n"
                + "Transfer-Encoding: chunked", chunks.toString().getBytes(StandardCharsets.US_ASCII));
        assertThat(res.status()).isEqualTo(413);
        assertThat(res.header("Connection")).isEqualTo("close");
    }

    @Test
    void a_chunked_body_from_a_client_over_the_limit_is_413() {
        byte[] part = new byte[(int) LIMIT];
        assertThat(Answer.status(client.post("/text",
                o -> o.stream(new ListPublisher(List.of(part, part, part)), "application/octet-stream"))))
                .isEqualTo(413);
    }

    @Test
    void a_chunked_body_fails_with_413_as_soon_as_it_crosses_the_limit() {
        // No final chunk is ever sent: only a limit enforced while reading can answer this request.
        StringBuilder chunks = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            chunks.append("100\r\n").append("y".repeat(256)).append("\r\n");
        }
        RawHttp.Response res = RawHttp.send(client.server(),
                "POST /bytes-on-next-turn HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked",
                chunks.toString().getBytes(StandardCharsets.US_ASCII));
        assertThat(res.status()).isEqualTo(413);
        assertThat(res.body()).contains("larger than the 1024 bytes");
        assertThat(res.header("Connection")).isEqualTo("close");
    }

    @Test
    void a_chunked_body_under_the_limit_is_read() {
        byte[] body = "streamed".getBytes(StandardCharsets.UTF_8);
        assertThat(Answer.text(client.post("/text", o -> o.stream(new ListPublisher(List.of(body)), "text/plain"))))
                .isEqualTo("streamed");
    }

    @Test
    void a_middleware_can_rewrite_method_path_and_headers_with_clone() {
        Answer res = Answer.of(client.post("/echo/rewrite/me?q=1", o -> o.header("X-Remove", "gone").text("")));
        Map<String, String> r = lines(res.body());
        assertThat(r).containsEntry("method", "PUT")
                .containsEntry("path", "/echo/rewritten")
                .containsEntry("queryString", "from=POST")
                .containsEntry("query", "{from=[POST]}")
                .containsEntry("added", "yes")
                .containsEntry("removed", "null")
                .containsEntry("match", "{rest=rewrite/me}"); // routing happened before the middleware ran
        assertThat(res.header("X-Original")).isEqualTo("POST /echo/rewrite/me gone");
    }

    @Test
    void a_clone_shares_state_with_the_original(TestClients clients) {
        Application app = Application.create();
        app.use((req, next) -> {
            Request clone = req.clone(c -> c.header("X-Clone", "1"));
            clone.set(USER, "set on the clone");
            return next.handle(req);
        });
        app.routes().get("/", req -> Response.text(req.require(USER) + " " + req.header("X-Clone")));
        assertThat(Answer.text(clients.create(app).get("/"))).isEqualTo("set on the clone null");
    }

    @Test
    void request_headers_are_read_only(TestClients clients) {
        Application app = Application.create();
        app.routes().get("/", req -> {
            try {
                ((dev.weft.http.MutableHeaders) req.headers()).set("X", "y");
                return Response.text("changed");
            } catch (UnsupportedOperationException | ClassCastException e) {
                return Response.text("read-only");
            }
        });
        assertThat(Answer.text(clients.create(app).get("/"))).isEqualTo("read-only");
    }
}
