package dev.weft.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.test.TestClient;
import dev.weft.test.TestClients;
import dev.weft.test.WeftTest;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Requests routed end to end over a socket: templates, decoding, 404, 405, HEAD. */
@WeftTest
class RoutingTest {
    private TestClient client;

    /** Answers with the route's template and its sorted placeholder values. */
    private static Handler echo(String template) {
        return req -> Response.text(template + " " + new TreeMap<>(req.matchInfo()));
    }

    @BeforeEach
    void start(TestClients clients) {
        Application app = Application.create();
        app.routes()
                .get("/", echo("/"))
                .get("/users", echo("/users"))
                .get("/users/me", echo("/users/me"))
                .get("/users/{id}", echo("/users/{id}"))
                .delete("/users/{id}", echo("DELETE /users/{id}"))
                .get("/items/{id:\\d+}", echo("/items/{id:\\d+}"))
                .get("/static/{tail:.+}", echo("/static/{tail:.+}"))
                .get("/files/{name}.{ext}", echo("/files/{name}.{ext}"))
                .post("/only-post", echo("/only-post"))
                .put("/only-post", echo("PUT /only-post"))
                .get("/sized", req -> Response.text("twelve bytes").header("X-Extra", "1"));
        for (int i = 0; i < 500; i++) {
            app.routes().get("/bulk/" + i, echo("/bulk/" + i)).get("/bulk/" + i + "/{x}", echo("/bulk/" + i + "/{x}"));
        }
        client = clients.create(app);
    }

    private String body(String path) {
        Answer res = Answer.of(client.get(path));
        assertThat(res.status()).as(path).isEqualTo(200);
        return res.body();
    }

    private int status(String path) {
        return Answer.status(client.get(path));
    }

    @Test
    void a_static_path_is_served() {
        assertThat(body("/")).isEqualTo("/ {}");
        assertThat(body("/users")).isEqualTo("/users {}");
    }

    @Test
    void a_placeholder_takes_one_segment() {
        assertThat(body("/users/42")).isEqualTo("/users/{id} {id=42}");
        assertThat(status("/users/42/more")).isEqualTo(404);
    }

    @Test
    void a_regex_placeholder_takes_only_what_matches() {
        assertThat(body("/items/123")).isEqualTo("/items/{id:\\d+} {id=123}");
        assertThat(status("/items/abc")).isEqualTo(404);
    }

    @Test
    void a_catch_all_regex_spans_slashes() {
        assertThat(body("/static/css/site/main.css")).isEqualTo("/static/{tail:.+} {tail=css/site/main.css}");
    }

    @Test
    void a_mixed_segment_splits_into_its_placeholders() {
        assertThat(body("/files/report.pdf")).isEqualTo("/files/{name}.{ext} {ext=pdf, name=report}");
    }

    @Test
    void matching_is_on_the_percent_decoded_path() {
        assertThat(body("/users/a%20b")).isEqualTo("/users/{id} {id=a b}");
        assertThat(body("/users/caf%C3%A9")).isEqualTo("/users/{id} {id=café}");
        assertThat(body("/users/a+b")).isEqualTo("/users/{id} {id=a+b}");
        assertThat(body("/%75sers/%6De")).isEqualTo("/users/me {}");
        assertThat(body("/files/my%20report.tar.gz")).isEqualTo("/files/{name}.{ext} {ext=gz, name=my report.tar}");
    }

    @Test
    void an_encoded_slash_stays_inside_its_segment_and_comes_out_decoded() {
        assertThat(body("/users/a%2Fb")).isEqualTo("/users/{id} {id=a/b}");
        assertThat(body("/users/a%2fb%252F")).isEqualTo("/users/{id} {id=a/b%2F}");
        assertThat(body("/files/dir%2Freport.pdf")).isEqualTo("/files/{name}.{ext} {ext=pdf, name=dir/report}");
    }

    @Test
    void a_malformed_percent_escape_is_a_bad_request() {
        // the Weft client will not send a malformed escape: written raw
        assertThat(RawHttp.send(client.server(), "GET /users/%zz HTTP/1.1\r\nHost: localhost").status())
                .isEqualTo(400);
    }

    @Test
    void a_static_route_wins_over_a_dynamic_one() {
        assertThat(body("/users/me")).isEqualTo("/users/me {}");
    }

    @Test
    void an_unknown_path_is_404() {
        Answer res = Answer.of(client.get("/nothing/here"));
        assertThat(res.status()).isEqualTo(404);
        assertThat(res.body()).isEqualTo("404: Not Found");
        assertThat(res.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
    }

    @Test
    void a_known_path_with_another_method_is_405_listing_the_allowed_ones() {
        Answer res = Answer.of(client.post("/users/7", o -> o.text("x")));
        assertThat(res.status()).isEqualTo(405);
        assertThat(res.header("Allow")).isEqualTo("DELETE, GET, HEAD");
        assertThat(res.body()).isEqualTo("405: Method Not Allowed");
        assertThat(Answer.of(client.get("/only-post")).header("Allow")).isEqualTo("POST, PUT");
    }

    @Test
    void a_method_served_by_the_route_of_another_template_is_found() {
        assertThat(Answer.text(client.delete("/users/me"))).isEqualTo("DELETE /users/{id} {id=me}");
    }

    @Test
    void head_is_served_by_the_get_route_without_a_body_and_with_its_length() {
        // read raw: a client skips the body of a HEAD response, so only the socket shows that none was sent
        RawHttp.Response res = RawHttp.send(client.server(), "HEAD /sized HTTP/1.1\r\nHost: localhost");
        assertThat(res.status()).isEqualTo(200);
        assertThat(res.header("Content-Length")).isEqualTo("12");
        assertThat(res.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
        assertThat(res.header("X-Extra")).isEqualTo("1");
        assertThat(res.body()).isEmpty();
        Answer viaClient = Answer.of(client.head("/sized"));
        assertThat(viaClient.status()).isEqualTo(200);
        assertThat(viaClient.header("Content-Length")).isEqualTo("12");
        assertThat(viaClient.body()).isEmpty();
        assertThat(Answer.text(client.get("/sized"))).isEqualTo("twelve bytes"); // the connection is still in step
    }

    @Test
    void head_of_a_path_without_get_is_405() {
        assertThat(Answer.status(client.head("/only-post"))).isEqualTo(405);
    }

    @Test
    void the_right_route_is_found_among_many() {
        for (int i = 0; i < 500; i += 37) {
            assertThat(body("/bulk/" + i)).isEqualTo("/bulk/" + i + " {}");
            assertThat(body("/bulk/" + i + "/v")).isEqualTo("/bulk/" + i + "/{x} {x=v}");
        }
        assertThat(status("/bulk/500")).isEqualTo(404);
    }

    @Test
    void the_request_knows_the_route_it_matched(TestClients clients) {
        Application app = Application.create();
        app.routes().get("/named/{id}", "named", req -> Response.text(req.routeName() + " " + req.param("id")))
                .get("/unnamed", req -> Response.text(String.valueOf(req.routeName())));
        TestClient own = clients.create(app);
        assertThat(Answer.text(own.get("/named/3"))).isEqualTo("named 3");
        assertThat(Answer.text(own.get("/unnamed"))).isEqualTo("null");
    }

    @Test
    void asking_for_a_placeholder_the_route_lacks_is_an_error_naming_the_route(TestClients clients) {
        Application app = Application.create();
        app.routes().get("/p/{id}", req -> {
            try {
                return Response.text(req.param("nope"));
            } catch (IllegalArgumentException e) {
                return Response.text(e.getMessage());
            }
        });
        assertThat(Answer.text(clients.create(app).get("/p/1")))
                .isEqualTo("the matched route /p/{id} has no placeholder {nope}");
    }
}
