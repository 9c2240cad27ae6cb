package dev.weft.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.test.TestClient;
import dev.weft.test.TestClients;
import dev.weft.test.WeftTest;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

@WeftTest
class SubappTest {
    private static final AppKey<String> NAME = AppKey.of("name", String.class);

    /** A middleware that appends {@code tag} to the X-Trace response header. */
    private static Middleware trace(String tag) {
        return (req, next) -> next.handle(req).then(res -> {
            String before = res.headers().get("X-Trace");
            return res.header("X-Trace", before == null ? tag : tag + "," + before);
        });
    }

    private static String who(Request req) {
        return req.app().get(NAME) + " " + req.path();
    }

    @Test
    void a_sub_application_answers_under_its_prefix(TestClients clients) {
        Application admin = Application.create().set(NAME, "admin");
        admin.routes().get("/", req -> Response.text(who(req))).get("/users/{id}", req -> Response.text(who(req)));
        Application app = Application.create().set(NAME, "root").addSubapp("/admin", admin);
        app.routes().get("/users/{id}", req -> Response.text(who(req)));
        TestClient client = clients.create(app);
        assertThat(Answer.text(client.get("/admin/"))).isEqualTo("admin /admin/");
        assertThat(Answer.text(client.get("/admin/users/1"))).isEqualTo("admin /admin/users/1");
        assertThat(Answer.text(client.get("/users/1"))).isEqualTo("root /users/1");
        assertThat(Answer.status(client.get("/admin"))).isEqualTo(404);
        assertThat(Answer.status(client.get("/admin/nothing"))).isEqualTo(404);
    }

    @Test
    void request_app_is_the_sub_application_with_its_own_state(TestClients clients) {
        Application admin = Application.create();
        admin.routes().get("/state", req -> Response.text(req.app().get(NAME) + " " + (req.app() == admin)));
        Application app = Application.create().set(NAME, "root only").addSubapp("/admin", admin);
        TestClient client = clients.create(app);
        assertThat(Answer.text(client.get("/admin/state"))).isEqualTo("null true");
        admin.set(NAME, "admin's own");
        assertThat(Answer.text(client.get("/admin/state"))).isEqualTo("admin's own true");
        assertThat(app.get(NAME)).isEqualTo("root only");
    }

    @Test
    void a_sub_application_reaches_its_parents_state_through_parent(TestClients clients) {
        Application admin = Application.create();
        admin.routes().get("/", req -> Response.text(req.app().parent().require(NAME)));
        Application app = Application.create().set(NAME, "from root").addSubapp("/admin", admin);
        TestClient client = clients.create(app);
        assertThat(Answer.text(client.get("/admin/"))).isEqualTo("from root");
    }

    @Test
    void require_in_a_sub_application_says_that_state_is_not_inherited() {
        Application admin = Application.create();
        Application.create().set(NAME, "x").addSubapp("/admin", admin);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> admin.require(NAME))
                .hasMessageContaining("a sub-application sees only its own state");
    }

    @Test
    void parent_middlewares_wrap_sub_application_handlers_and_sub_middlewares_only_its_own(TestClients clients) {
        Application admin = Application.create().use(trace("admin"));
        admin.routes().get("/x", req -> Response.text("admin x"));
        Application app = Application.create().use(trace("root-1"), trace("root-2")).addSubapp("/admin", admin);
        app.routes().get("/x", req -> Response.text("root x"));
        TestClient client = clients.create(app);
        assertThat(Answer.of(client.get("/admin/x")).header("X-Trace")).isEqualTo("root-1,root-2,admin");
        assertThat(Answer.of(client.get("/x")).header("X-Trace")).isEqualTo("root-1,root-2");
    }

    @Test
    void a_path_under_the_prefix_that_nothing_serves_goes_through_the_root_middlewares_only(TestClients clients) {
        List<String> seen = new CopyOnWriteArrayList<>();
        Application admin = Application.create().use((req, next) -> {
            seen.add("admin " + req.path());
            return next.handle(req);
        });
        admin.routes().get("/x", req -> Response.text("admin x"));
        Application app = Application.create().use((req, next) -> {
            seen.add("root " + req.path());
            return next.handle(req);
        }).addSubapp("/admin", admin);
        TestClient client = clients.create(app);
        assertThat(Answer.status(client.get("/admin/missing"))).isEqualTo(404);
        assertThat(Answer.status(client.get("/missing"))).isEqualTo(404);
        assertThat(seen).containsExactly("root /admin/missing", "root /missing");
    }

    @Test
    void a_sub_application_middleware_sees_the_sub_application_as_request_app(TestClients clients) {
        List<String> seen = new CopyOnWriteArrayList<>();
        Application admin = Application.create().set(NAME, "admin");
        admin.use((req, next) -> {
            seen.add("admin mw: " + req.app().get(NAME));
            return next.handle(req);
        });
        admin.routes().get("/", req -> Response.text("ok"));
        Application app = Application.create().set(NAME, "root").addSubapp("/admin", admin);
        app.use((req, next) -> {
            seen.add("root mw: " + req.app().get(NAME));
            return next.handle(req);
        });
        TestClient client = clients.create(app);
        assertThat(Answer.text(client.get("/admin/"))).isEqualTo("ok");
        // request.app() is the route's owner from the start, as in aiohttp where match_info.apps is set first.
        assertThat(seen).containsExactly("root mw: admin", "admin mw: admin");
    }

    @Test
    void sub_applications_nest(TestClients clients) {
        Application deep = Application.create().set(NAME, "deep").use(trace("deep"));
        deep.routes().get("/{id}", req -> Response.text(who(req) + " " + req.param("id")));
        Application mid = Application.create().set(NAME, "mid").use(trace("mid")).addSubapp("/deep", deep);
        Application app = Application.create().use(trace("root")).addSubapp("/mid", mid);
        TestClient client = clients.create(app);
        Answer res = Answer.of(client.get("/mid/deep/7"));
        assertThat(res.body()).isEqualTo("deep /mid/deep/7 7");
        assertThat(res.header("X-Trace")).isEqualTo("root,mid,deep");
    }

    @Test
    void a_sub_application_has_its_own_body_limit(TestClients clients) {
        Application upload = Application.create().clientMaxSize(10_000);
        upload.routes().post("/", req -> Reply.async(req.bytes().thenApply(b -> Response.text("got " + b.length))));
        Application app = Application.create().clientMaxSize(10).addSubapp("/upload", upload);
        app.routes().post("/", req -> Reply.async(req.bytes().thenApply(b -> Response.text("got " + b.length))));
        TestClient client = clients.create(app);
        assertThat(Answer.text(client.post("/upload/", o -> o.text("x".repeat(5000))))).isEqualTo("got 5000");
        assertThat(Answer.status(client.post("/", o -> o.text("x".repeat(11))))).isEqualTo(413);
    }

    // ---- domains

    private static Application domains() {
        Application wildcard = Application.create().set(NAME, "wildcard").use(trace("wildcard"));
        wildcard.routes().get("/", req -> Response.text("wildcard " + req.host()))
                .get("/only-get", req -> Response.text("only get"));
        Application exact = Application.create().set(NAME, "exact");
        exact.routes().get("/", req -> Response.text("exact " + req.host()));
        Application app = Application.create().use(trace("root"))
                .addDomain("api.example.com", exact)
                .addDomain("*.example.com", wildcard);
        app.routes().get("/", req -> Response.text("root " + req.host()))
                .get("/root-only", req -> Response.text("root only"));
        return app;
    }

    /** A GET of {@code path} naming {@code host} in its {@code Host} header. */
    private static Answer get(TestClient client, String host, String path) {
        return Answer.of(client.get(path, o -> o.header("Host", host)));
    }

    @Test
    void a_domain_sub_application_answers_for_its_host(TestClients clients) {
        TestClient client = clients.create(domains());
        assertThat(get(client, "api.example.com", "/").body()).isEqualTo("exact api.example.com");
        assertThat(get(client, "API.Example.COM:8080", "/").body()).isEqualTo("exact API.Example.COM:8080");
        assertThat(get(client, "www.example.com", "/").body()).isEqualTo("wildcard www.example.com");
        assertThat(get(client, "a.b.example.com", "/").body()).isEqualTo("wildcard a.b.example.com");
        assertThat(get(client, "example.com", "/").body()).isEqualTo("root example.com");
        assertThat(get(client, "notexample.com", "/").body()).isEqualTo("root notexample.com");
        assertThat(get(client, "localhost", "/").body()).isEqualTo("root localhost");
    }

    @Test
    void a_domain_sub_application_is_wrapped_in_the_parents_middlewares(TestClients clients) {
        TestClient client = clients.create(domains());
        assertThat(get(client, "www.example.com", "/").header("X-Trace")).isEqualTo("root,wildcard");
    }

    @Test
    void a_path_the_domain_lacks_falls_back_to_the_parent(TestClients clients) {
        TestClient client = clients.create(domains());
        assertThat(get(client, "www.example.com", "/root-only").body()).isEqualTo("root only");
        assertThat(get(client, "www.example.com", "/nothing").status()).isEqualTo(404);
    }

    @Test
    void a_method_the_domain_route_lacks_is_405(TestClients clients) {
        TestClient client = clients.create(domains());
        Answer res = Answer.of(client.delete("/only-get", o -> o.header("Host", "www.example.com")));
        assertThat(res.status()).isEqualTo(405);
        assertThat(res.header("Allow")).isEqualTo("GET, HEAD");
    }

    @Test
    void a_domain_with_a_port_matches_only_that_port(TestClients clients) {
        Application local = Application.create();
        local.routes().get("/", req -> Response.text("port 8080"));
        Application app = Application.create().addDomain("localhost:8080", local);
        app.routes().get("/", req -> Response.text("root"));
        TestClient client = clients.create(app);
        assertThat(get(client, "localhost:8080", "/").body()).isEqualTo("port 8080");
        assertThat(get(client, "localhost:9090", "/").body()).isEqualTo("root");
    }
}
