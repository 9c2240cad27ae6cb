package dev.weft.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.http.MultiMap;
import dev.weft.test.TestClient;
import dev.weft.test.TestClients;
import dev.weft.test.WeftTest;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@WeftTest
class UrlsTest {
    /**
     * What is logged while this class runs: {@code Application.router()} warns once per process, on its first use,
     * which is in this class whatever the order of its tests (no other test calls it).
     */
    private static LogCapture log;

    @BeforeAll
    static void captureTheLog() {
        log = LogCapture.start();
    }

    @AfterAll
    static void stopCapturing() {
        log.close();
    }

    private static Application app() {
        Application app = Application.create();
        app.routes()
                .get("/", "home", req -> Response.text("home"))
                .get("/users/{name}", "user", req -> Response.text(req.param("name") + "|" + req.query().asMap()))
                .get("/items/{id:\\d+}", "item", req -> Response.text(req.param("id")))
                .get("/static/{tail:.+}", "static", req -> Response.text(req.param("tail")))
                .get("/files/{name}.{ext}", "file", req -> Response.text(req.param("name") + "|" + req.param("ext")))
                .get("/unnamed", req -> Response.text("x"));
        return app;
    }

    @Test
    void a_static_route_reverses_to_its_path() {
        assertThat(app().urls().url("home")).isEqualTo("/");
    }

    @Test
    void placeholder_values_are_percent_encoded() {
        Urls r = app().urls();
        assertThat(r.url("user", Map.of("name", "ada lovelace"))).isEqualTo("/users/ada%20lovelace");
        assertThat(r.url("user", Map.of("name", "zoë"))).isEqualTo("/users/zo%C3%AB");
        assertThat(r.url("user", Map.of("name", "what?#&"))).isEqualTo("/users/what%3F%23&");
        assertThat(r.url("user", Map.of("name", "100%"))).isEqualTo("/users/100%25");
        assertThat(r.url("file", Map.of("name", "my file", "ext", "txt"))).isEqualTo("/files/my%20file.txt");
    }

    @Test
    void a_spanning_value_keeps_its_slashes_and_escapes_the_rest() {
        assertThat(app().urls().url("static", Map.of("tail", "css/my site.css")))
                .isEqualTo("/static/css/my%20site.css");
    }

    @Test
    void a_slash_in_a_one_segment_value_is_sent_encoded() {
        assertThat(app().urls().url("user", Map.of("name", "a/b"))).isEqualTo("/users/a%2Fb");
    }

    @Test
    void the_query_is_encoded_after_the_path() {
        MultiMap q = MultiMap.builder().add("q", "a&b=c").add("page", "2").add("q", "x y+z?").add("é", "/").build();
        assertThat(app().urls().url("user", Map.of("name", "ada"), q))
                .isEqualTo("/users/ada?q=a%26b%3Dc&q=x%20y%2Bz?&page=2&%C3%A9=/");
        assertThat(app().urls().url("home", Map.of(), MultiMap.empty())).isEqualTo("/");
    }

    @Test
    void a_value_that_does_not_match_its_regex_is_refused() {
        assertThatThrownBy(() -> app().urls().url("item", Map.of("id", "abc")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'abc'").hasMessageContaining("\\d+");
    }

    @Test
    void missing_and_extra_values_are_refused() {
        assertThatThrownBy(() -> app().urls().url("user")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a value for {name} is required");
        assertThatThrownBy(() -> app().urls().url("user", Map.of("name", "a", "age", "3")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no placeholder {age}");
    }

    @Test
    void an_unknown_name_is_refused_listing_the_known_ones() {
        assertThatThrownBy(() -> app().urls().url("nope")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no route named 'nope'")
                .hasMessageContaining("[home, user, item, static, file]");
    }

    @Test
    void a_sub_application_url_includes_its_prefix() {
        Application inner = Application.create();
        inner.routes().get("/users/{name}", "user", req -> Response.text("x"));
        Application admin = Application.create().addSubapp("/inner", inner);
        admin.routes().get("/", "index", req -> Response.text("x"));
        Application root = Application.create().addSubapp("/admin", admin);
        assertThat(admin.urls().url("index")).isEqualTo("/admin/");
        assertThat(inner.urls().url("user", Map.of("name", "a b"))).isEqualTo("/admin/inner/users/a%20b");
    }

    @Test
    void urls_list_the_applications_own_routes() {
        assertThat(app().urls().routes()).extracting(RouteDef::name)
                .containsExactly("home", "user", "item", "static", "file", null);
    }

    @Test
    void reversed_urls_route_back_to_the_same_values(TestClients clients) {
        Application app = app();
        Urls r = app.urls();
        TestClient client = clients.create(app);
        for (String name : new String[] {"ada lovelace", "zoë", "what?#&", "100%", "a+b", "日本", "a/b", "%2F"}) {
            MultiMap q = MultiMap.builder().add("k", name).build();
            assertThat(Answer.text(client.get(r.url("user", Map.of("name", name), q))))
                    .as(name).isEqualTo(name + "|{k=[" + name + "]}");
        }
        assertThat(Answer.text(client.get(r.url("static", Map.of("tail", "a b/c?d"))))).isEqualTo("a b/c?d");
        assertThat(Answer.text(client.get(r.url("file", Map.of("name", "a.b", "ext", "c"))))).isEqualTo("a.b|c");
        assertThat(Answer.text(client.get(r.url("file", Map.of("name", "dir/a", "ext", "c")))))
                .isEqualTo("dir/a|c");
    }

    @Test
    void a_sub_application_url_routes_to_the_sub_application(TestClients clients) {
        Application admin = Application.create();
        admin.routes().get("/users/{name}", "user", req -> Response.text("admin user " + req.param("name")));
        Application root = Application.create().addSubapp("/admin", admin);
        TestClient client = clients.create(root);
        assertThat(Answer.text(client.get(admin.urls().url("user", Map.of("name", "a b")))))
                .isEqualTo("admin user a b");
    }

    @Test
    @SuppressWarnings("deprecation")
    void the_deprecated_router_still_reverses_urls_and_lists_routes() {
        Application app = app();
        Router router = app.router();
        assertThat(router.url("user", Map.of("name", "a b"))).isEqualTo("/users/a%20b");
        assertThat(router.url("home", Map.of(), MultiMap.empty())).isEqualTo("/");
        assertThat(router.routes()).isEqualTo(app.urls().routes());
        Urls urls = router;
        assertThat(urls.url("item", Map.of("id", "7"))).isEqualTo("/items/7");
    }

    @Test
    @SuppressWarnings("deprecation")
    void the_deprecated_router_accessor_has_logged_its_warning_once() {
        app().router();
        app().router();
        String logged = log.text();
        assertThat(logged.split("Application\\.router\\(\\) is deprecated", -1))
                .as("one warning in the log: %s", logged).hasSize(2);
        assertThat(logged).contains("use Application.urls() instead");
    }
}
