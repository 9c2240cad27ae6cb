package dev.weft.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.client.ClientResponse;
import dev.weft.http.Cookie;
import dev.weft.json.JsonCodec;
import dev.weft.test.TestClient;
import dev.weft.test.TestClients;
import dev.weft.test.TestServer;
import dev.weft.test.TestServers;
import dev.weft.test.WeftTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

@WeftTest
class ResponseTest {

    // ---- made in memory

    @Test
    void text_is_200_plain_utf8() {
        Response r = Response.text("zoë");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.reason()).isEqualTo("OK");
        assertThat(r.contentType()).isEqualTo("text/plain; charset=utf-8");
        assertThat(r.body()).isEqualTo("zoë".getBytes(StandardCharsets.UTF_8));
        assertThat(r.text()).isEqualTo("zoë");
    }

    @Test
    void a_body_without_a_type_is_sent_without_content_type(TestClients clients) {
        Application app = Application.create();
        app.routes().get("/raw", req -> Response.bytes(new byte[] {1, 2, 3}));
        try (ClientResponse res = clients.create(app).get("/raw").join()) {
            assertThat(res.header("Content-Type")).isNull();
            assertThat(res.header("Content-Length")).isEqualTo("3");
            assertThat(res.bytes().toCompletableFuture().join()).containsExactly(1, 2, 3);
        }
    }

    @Test
    void a_content_type_that_would_split_the_head_is_refused() {
        assertThatThrownBy(() -> Response.bytes(new byte[0], "text/plain\r\nSet-Cookie: a=b"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("control characters");
        assertThatThrownBy(() -> Response.text("x").contentType("a\u0000b"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StreamResponse().contentType("a\nb"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void html_is_200_html_utf8() {
        assertThat(Response.html("<p>hi</p>").contentType()).isEqualTo("text/html; charset=utf-8");
    }

    @Test
    void json_encodes_its_value() {
        Response r = Response.json(Map.of("a", 1));
        assertThat(r.contentType()).isEqualTo("application/json");
        assertThat(r.text()).isEqualTo("{\"a\":1}");
        assertThat(Response.json(null).text()).isEqualTo("null");
    }

    @Test
    void bytes_keeps_the_array_and_its_type() {
        byte[] data = {1, 2, 3};
        Response r = Response.bytes(data, "application/octet-stream");
        assertThat(r.body()).isSameAs(data);
        assertThat(r.contentType()).isEqualTo("application/octet-stream");
    }

    @Test
    void empty_has_a_status_and_nothing_else() {
        Response r = Response.empty(204);
        assertThat(r.status()).isEqualTo(204);
        assertThat(r.contentType()).isNull();
        assertThat(r.body()).isEmpty();
    }

    @Test
    void redirect_is_302_with_a_location_unless_told_otherwise() {
        Response r = Response.redirect("/login");
        assertThat(r.status()).isEqualTo(302);
        assertThat(r.headers().get("Location")).isEqualTo("/login");
        assertThat(Response.redirect("/moved", 301).status()).isEqualTo(301);
        assertThatThrownBy(() -> Response.redirect("/x", 200)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3xx");
    }

    @Test
    void setters_change_the_response_fluently() {
        Response r = Response.text("x").status(201).reason("Made").header("X-A", 1).header("X-A", 2)
                .header("content-type", "text/csv");
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.reason()).isEqualTo("Made");
        assertThat(r.headers().getAll("x-a")).containsExactly("2");
        assertThat(r.contentType()).isEqualTo("text/csv");
        assertThat(r.headers().contains("Content-Type")).isFalse();
    }

    @Test
    void a_status_out_of_range_is_refused() {
        assertThatThrownBy(() -> Response.text("x").status(99)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Response.empty(1000)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void header_injection_is_refused() {
        Response r = Response.text("x");
        assertThatThrownBy(() -> r.header("X-A", "ok\r\nX-Injected: yes")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("X-A").hasMessageContaining("\\x0d\\x0a");
        refused(() -> r.header("X-A", "ok\nX-Injected: yes"));
        refused(() -> r.header("X-A", "ok\rX"));
        refused(() -> r.header("X-A\r\nX-Injected", "v"));
        refused(() -> r.header("Bad Name", "v"));
        refused(() -> r.header("Bad:Name", "v"));
        refused(() -> r.headers().add("X-A", "a\r\n\r\n<html>"));
        refused(() -> r.contentType("text/plain\r\nX-Injected: yes"));
        refused(() -> r.header("Content-Type", "text/plain\r\nX: y"));
        refused(() -> r.reason("OK\r\nX-Injected: yes"));
        refused(() -> Response.redirect("/x\r\nSet-Cookie: a=b"));
        refused(() -> r.cookie("a", "b\r\nX: y"));
        refused(() -> new HttpException(400).header("X-A", "a\r\nb"));
        refused(() -> new HttpFound("/x\r\nX: y"));
        assertThat(r.headers().contains("X-A")).isFalse();
    }

    private static void refused(Runnable change) {
        assertThatThrownBy(change::run).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void characters_whose_low_byte_is_cr_or_lf_cannot_split_a_header_on_the_wire(TestClients clients) {
        Application app = Application.create();
        app.routes().get("/", req -> Response.text("x").header("X-Name", "a\u010D\u010AX-Injected: yes"));
        Answer res = Answer.of(clients.create(app).get("/"));
        assertThat(res.status()).isEqualTo(200);
        assertThat(res.header("X-Injected")).isNull();
        assertThat(res.header("X-Name")).startsWith("a").endsWith("X-Injected: yes");
    }

    @Test
    void cookies_are_kept_in_order() {
        Response r = Response.text("x").cookie("a", "1").cookie(Cookie.of("b", "2")).deleteCookie("c");
        assertThat(r.cookies()).extracting(Cookie::name).containsExactly("a", "b", "c");
    }

    // ---- sent

    @Test
    void each_factory_is_sent_with_its_status_type_and_body(TestClients clients) {
        Application app = Application.create();
        app.routes()
                .get("/text", req -> Response.text("plain"))
                .get("/html", req -> Response.html("<b>bold</b>"))
                .get("/json", req -> Response.json(Map.of("name", "zoë")))
                .get("/bytes", req -> Response.bytes(new byte[] {0, 1, 2}, "image/x-test"))
                .get("/empty", req -> Response.empty(204))
                .get("/created", req -> Response.text("made").status(201).header("Location", "/things/1"))
                .get("/redirect", req -> Response.redirect("/target"))
                .get("/moved", req -> Response.redirect("/elsewhere", 301))
                .get("/headers", req -> {
                    Response r = Response.text("h").header("X-One", "1");
                    r.headers().add("X-Many", "a").add("X-Many", "b");
                    return r;
                });
        TestClient client = clients.create(app);
        Answer text = Answer.of(client.get("/text"));
        assertThat(text.status()).isEqualTo(200);
        assertThat(text.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
        assertThat(text.header("Content-Length")).isEqualTo("5");
        assertThat(text.header("Date")).isNotNull();
        assertThat(text.header("Server")).isEqualTo("Weft");
        assertThat(text.body()).isEqualTo("plain");

        assertThat(Answer.of(client.get("/html")).header("Content-Type")).isEqualTo("text/html; charset=utf-8");

        Answer json = Answer.of(client.get("/json"));
        assertThat(json.header("Content-Type")).isEqualTo("application/json");
        assertThat(json.body()).isEqualTo("{\"name\":\"zoë\"}");

        try (ClientResponse bytes = client.get("/bytes").join()) {
            assertThat(bytes.header("Content-Type")).isEqualTo("image/x-test");
            assertThat(bytes.bytes().toCompletableFuture().join()).containsExactly(0, 1, 2);
        }

        Answer empty = Answer.of(client.get("/empty"));
        assertThat(empty.status()).isEqualTo(204);
        assertThat(empty.header("Content-Type")).isNull();
        assertThat(empty.body()).isEmpty();

        Answer created = Answer.of(client.get("/created"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo("/things/1");

        Answer redirect = Answer.of(client.get("/redirect", o -> o.allowRedirects(false)));
        assertThat(redirect.status()).isEqualTo(302);
        assertThat(redirect.header("Location")).isEqualTo("/target");
        assertThat(Answer.status(client.get("/moved", o -> o.allowRedirects(false)))).isEqualTo(301);

        Answer headers = Answer.of(client.get("/headers"));
        assertThat(headers.headers("X-One")).containsExactly("1");
        assertThat(headers.headers("X-Many")).containsExactly("a", "b");
    }

    @Test
    void framing_headers_a_handler_sets_give_way_to_the_servers_own(TestServers servers) {
        Application app = Application.create();
        app.routes()
                .get("/copied", req -> Response.text("body").header("Transfer-Encoding", "chunked")
                        .header("Content-Length", "999"))
                .get("/no-content", req -> Response.empty(204).header("Content-Length", "5"))
                .get("/reset", req -> Response.text("ignored").status(205));
        TestServer server = servers.start(app);

        RawHttp.Response copied = RawHttp.send(server, "GET /copied HTTP/1.1\r\nHost: localhost");
        assertThat(copied.header("Transfer-Encoding")).isNull();
        assertThat(copied.header("Content-Length")).isEqualTo("4");
        assertThat(copied.body()).isEqualTo("body");

        RawHttp.Response noContent = RawHttp.send(server, "GET /no-content HTTP/1.1\r\nHost: localhost");
        assertThat(noContent.status()).isEqualTo(204);
        assertThat(noContent.header("Content-Length")).isNull();
        assertThat(noContent.body()).isEmpty();

        RawHttp.Response reset = RawHttp.send(server, "GET /reset HTTP/1.1\r\nHost: localhost");
        assertThat(reset.status()).isEqualTo(205);
        assertThat(reset.header("Content-Length")).isEqualTo("0");
        assertThat(reset.body()).as("205 carries no content").isEmpty();
    }

    @Test
    void a_reason_phrase_is_sent_on_the_status_line(TestClients clients) {
        Application app = Application.create();
        app.routes().get("/", req -> Response.text("x").status(299).reason("Custom Thing"));
        Answer res = Answer.of(clients.create(app).get("/"));
        assertThat(res.status()).isEqualTo(299);
        assertThat(res.reason()).isEqualTo("Custom Thing");
    }

    @Test
    void cookies_are_set_and_deleted_with_every_attribute(TestClients clients) {
        Application app = Application.create();
        app.routes().get("/", req -> Response.text("cookies")
                .cookie("plain", "1")
                .cookie(Cookie.of("sid", "abc123").withDomain("example.com").withPath("/app")
                        .withExpires(Instant.parse("2030-01-02T03:04:05Z")).withMaxAge(Duration.ofMinutes(30))
                        .withSecure(true).withHttpOnly(true).withSameSite(Cookie.SameSite.LAX))
                .deleteCookie("old")
                .deleteCookie("scoped", "/app", "example.com"));
        assertThat(Answer.of(clients.create(app).get("/")).headers("Set-Cookie")).containsExactly(
                "plain=1",
                "sid=abc123; Domain=example.com; Path=/app; Expires=Wed, 02 Jan 2030 03:04:05 GMT; Max-Age=1800;"
                        + " Secure; HttpOnly; SameSite=Lax",
                "old=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0",
                "scoped=; Domain=example.com; Path=/app; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0");
    }

    @Test
    void json_is_encoded_with_the_applications_codec(TestClients clients) {
        JsonCodec shouting = new JsonCodec() {
            @Override
            public void write(Object value, OutputStream out) throws IOException {
                out.write(String.valueOf(value).toUpperCase(java.util.Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            }

            @Override
            public <T> T read(InputStream in, Type type) {
                throw new UnsupportedOperationException();
            }
        };
        Application app = Application.create().jsonCodec(shouting);
        app.routes().get("/app-codec", req -> Response.json("quiet"))
                .get("/own-codec", req -> Response.json(Map.of("k", "v"), JsonCodec.jackson()));
        TestClient client = clients.create(app);
        assertThat(Answer.text(client.get("/app-codec"))).isEqualTo("QUIET");
        assertThat(Answer.text(client.get("/own-codec"))).isEqualTo("{\"k\":\"v\"}");
    }

    @Test
    void a_value_json_cannot_encode_is_a_500_without_details(TestClients clients) {
        Application app = Application.create();
        app.routes().get("/", req -> Response.json(new Object()));
        Answer res = Answer.of(clients.create(app).get("/"));
        assertThat(res.status()).isEqualTo(500);
        assertThat(res.body()).isEqualTo("500: Internal Server Error");
    }
}
