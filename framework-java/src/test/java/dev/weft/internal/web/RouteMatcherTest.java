package dev.weft.internal.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.web.Application;
import dev.weft.web.Handler;
import dev.weft.web.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouteMatcherTest {
    private static final Application OWNER = Application.create();
    private final List<CompiledRoute> routes = new ArrayList<>();

    private RouteMatcherTest add(String method, String path) {
        Handler h = r -> Response.text(method + " " + path);
        routes.add(new CompiledRoute(method, PathTemplate.parse(path), method + " " + path, h, OWNER));
        return this;
    }

    private RouteMatch lookup(String method, String path) {
        return new RouteMatcher(routes).lookup(method, path);
    }

    /** The "METHOD template" of the route found, or the kind of miss. */
    private String found(String method, String path) {
        RouteMatch m = lookup(method, path);
        if (m instanceof RouteMatch.Found f) {
            return f.route().name();
        }
        return m instanceof RouteMatch.MethodNotAllowed n ? "405 " + n.allowed() : "404";
    }

    private Map<String, String> params(String method, String path) {
        return ((RouteMatch.Found) lookup(method, path)).params();
    }

    @Test
    void a_static_path_is_found_by_its_method() {
        add("GET", "/").add("GET", "/users").add("POST", "/users");
        assertThat(found("GET", "/")).isEqualTo("GET /");
        assertThat(found("GET", "/users")).isEqualTo("GET /users");
        assertThat(found("POST", "/users")).isEqualTo("POST /users");
        assertThat(params("GET", "/users")).isEmpty();
    }

    @Test
    void an_unknown_path_is_not_found() {
        add("GET", "/users").add("GET", "/users/{id}");
        assertThat(lookup("GET", "/nope")).isSameAs(RouteMatch.NotFound.INSTANCE);
        assertThat(found("GET", "/users/1/more")).isEqualTo("404");
        assertThat(found("GET", "/users/")).isEqualTo("404"); // a placeholder never matches an empty segment
        assertThat(found("GET", "/users//")).isEqualTo("404");
    }

    @Test
    void a_trailing_slash_makes_a_different_path() {
        add("GET", "/a");
        assertThat(found("GET", "/a/")).isEqualTo("404");
        add("GET", "/b/");
        assertThat(found("GET", "/b")).isEqualTo("404");
        assertThat(found("GET", "/b/")).isEqualTo("GET /b/");
    }

    @Test
    void a_placeholder_matches_one_segment() {
        add("GET", "/users/{id}/posts/{post}");
        assertThat(params("GET", "/users/42/posts/hello world"))
                .containsExactly(Map.entry("id", "42"), Map.entry("post", "hello world"));
    }

    @Test
    void a_regex_placeholder_matches_only_what_its_regex_allows() {
        add("GET", "/items/{id:\\d+}").add("GET", "/items/{slug:[a-z-]+}");
        assertThat(params("GET", "/items/123")).containsExactly(Map.entry("id", "123"));
        assertThat(params("GET", "/items/blue-shoe")).containsExactly(Map.entry("slug", "blue-shoe"));
        assertThat(found("GET", "/items/Blue")).isEqualTo("404");
    }

    @Test
    void a_catch_all_regex_takes_the_rest_of_the_path_with_its_slashes() {
        add("GET", "/static/{tail:.+}");
        assertThat(params("GET", "/static/css/site/main.css")).containsExactly(Map.entry("tail", "css/site/main.css"));
        assertThat(params("GET", "/static/a/")).containsExactly(Map.entry("tail", "a/"));
        assertThat(found("GET", "/static/")).isEqualTo("404");
    }

    @Test
    void a_spanning_regex_leaves_the_segments_that_follow_it_to_the_template() {
        add("GET", "/repo/{path:.+}/raw");
        assertThat(params("GET", "/repo/a/b/c/raw")).containsExactly(Map.entry("path", "a/b/c"));
        assertThat(found("GET", "/repo/a/b/c")).isEqualTo("404");
    }

    @Test
    void a_segment_mixing_text_and_placeholders_matches_whole() {
        add("GET", "/files/{name}.{ext}");
        assertThat(params("GET", "/files/report.pdf"))
                .containsExactly(Map.entry("name", "report"), Map.entry("ext", "pdf"));
        assertThat(found("GET", "/files/report")).isEqualTo("404");
    }

    @Test
    void a_static_route_wins_over_a_dynamic_one_whatever_the_order() {
        add("GET", "/users/{id}").add("GET", "/users/me").add("GET", "/{any:.+}");
        assertThat(found("GET", "/users/me")).isEqualTo("GET /users/me");
        assertThat(found("GET", "/users/42")).isEqualTo("GET /users/{id}");
        assertThat(found("GET", "/other/thing")).isEqualTo("GET /{any:.+}");
    }

    @Test
    void a_static_segment_wins_over_a_placeholder_deeper_in_the_path() {
        add("GET", "/{org}/settings").add("GET", "/admin/{page}");
        assertThat(found("GET", "/admin/settings")).isEqualTo("GET /admin/{page}");
        assertThat(found("GET", "/acme/settings")).isEqualTo("GET /{org}/settings");
    }

    @Test
    void the_lookup_backtracks_when_a_static_branch_dead_ends() {
        add("GET", "/a/b/d").add("GET", "/a/{x}/c");
        assertThat(found("GET", "/a/b/c")).isEqualTo("GET /a/{x}/c");
        assertThat(params("GET", "/a/b/c")).containsExactly(Map.entry("x", "b"));
    }

    @Test
    void a_method_the_path_does_not_have_gives_405_with_every_method_it_has() {
        add("GET", "/users/{id}").add("DELETE", "/users/{id}").add("PUT", "/users/{id:\\d+}");
        assertThat(found("POST", "/users/7")).isEqualTo("405 [DELETE, GET, HEAD, PUT]");
        assertThat(found("POST", "/users/x")).isEqualTo("405 [DELETE, GET, HEAD]");
    }

    @Test
    void a_static_path_without_the_method_falls_through_to_dynamic_routes() {
        add("GET", "/users/me").add("POST", "/users/{id}");
        assertThat(found("POST", "/users/me")).isEqualTo("POST /users/{id}");
        assertThat(params("POST", "/users/me")).containsExactly(Map.entry("id", "me"));
        assertThat(found("PUT", "/users/me")).isEqualTo("405 [GET, HEAD, POST]");
    }

    @Test
    void head_is_answered_by_the_get_route_unless_it_has_its_own() {
        add("GET", "/a").add("GET", "/b").add("HEAD", "/b").add("GET", "/c/{x}");
        assertThat(found("HEAD", "/a")).isEqualTo("GET /a");
        assertThat(found("HEAD", "/b")).isEqualTo("HEAD /b");
        assertThat(found("HEAD", "/c/1")).isEqualTo("GET /c/{x}");
    }

    @Test
    void an_any_method_route_takes_methods_without_their_own_route() {
        add("*", "/echo").add("POST", "/echo").add("*", "/things/{id}");
        assertThat(found("PURGE", "/echo")).isEqualTo("* /echo");
        assertThat(found("GET", "/echo")).isEqualTo("* /echo");
        assertThat(found("POST", "/echo")).isEqualTo("POST /echo");
        assertThat(found("DELETE", "/things/3")).isEqualTo("* /things/{id}");
    }

    @Test
    void the_same_regex_under_two_methods_is_one_resource() {
        add("GET", "/n/{id:\\d+}").add("POST", "/n/{id:\\d+}");
        assertThat(found("POST", "/n/5")).isEqualTo("POST /n/{id:\\d+}");
        assertThat(found("DELETE", "/n/5")).isEqualTo("405 [GET, HEAD, POST]");
    }

    @Test
    void regexes_alike_with_different_placeholder_names_keep_their_own_names() {
        add("GET", "/r/{a:\\d+}").add("POST", "/r/{b:\\d+}");
        assertThat(params("GET", "/r/1")).containsOnlyKeys("a");
        assertThat(params("POST", "/r/1")).containsOnlyKeys("b");
    }

    @Test
    void the_right_route_is_found_among_thousands() {
        for (int i = 0; i < 2000; i++) {
            add("GET", "/static/" + i);
            add("GET", "/dyn" + i + "/{id}");
            add("POST", "/mixed/" + i + "/{name}.{ext}");
        }
        RouteMatcher m = new RouteMatcher(routes);
        for (int i = 0; i < 2000; i += 97) {
            assertThat(((RouteMatch.Found) m.lookup("GET", "/static/" + i)).route().name()).isEqualTo("GET /static/" + i);
            RouteMatch.Found d = (RouteMatch.Found) m.lookup("GET", "/dyn" + i + "/x");
            assertThat(d.route().name()).isEqualTo("GET /dyn" + i + "/{id}");
            assertThat(d.params()).containsExactly(Map.entry("id", "x"));
            RouteMatch.Found x = (RouteMatch.Found) m.lookup("POST", "/mixed/" + i + "/a.b");
            assertThat(x.params()).containsExactly(Map.entry("name", "a"), Map.entry("ext", "b"));
        }
        assertThat(m.lookup("GET", "/static/2000")).isSameAs(RouteMatch.NotFound.INSTANCE);
    }

    @Test
    void a_failed_branch_leaves_no_values_behind() {
        add("GET", "/p/{a}/x").add("GET", "/p/{b:\\d+}/{c}");
        assertThat(params("GET", "/p/1/y")).containsExactly(Map.entry("b", "1"), Map.entry("c", "y"));
    }
}
