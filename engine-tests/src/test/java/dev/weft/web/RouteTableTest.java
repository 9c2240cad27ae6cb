package dev.weft.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.test.TestClient;
import dev.weft.test.TestClients;
import dev.weft.test.TestServers;
import dev.weft.test.WeftTest;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

@WeftTest
class RouteTableTest {

    private static Handler says(String text) {
        return req -> Response.text(text);
    }

    /** The line this is called from. */
    private static int here() {
        return StackWalker.getInstance().walk(s -> s.skip(1).findFirst().orElseThrow()).getLineNumber();
    }

    @Test
    void a_table_built_apart_serves_in_every_application_it_is_added_to(TestClients clients) {
        RouteTable shared = RouteTable.create()
                .get("/hello", req -> Response.text("hello from " + req.app().get(NAME)));
        Application one = Application.create().set(NAME, "one").addRoutes(shared);
        Application two = Application.create().set(NAME, "two").addRoutes(shared);
        TestClient a = clients.create(one);
        TestClient b = clients.create(two);
        assertThat(Answer.text(a.get("/hello"))).isEqualTo("hello from one");
        assertThat(Answer.text(b.get("/hello"))).isEqualTo("hello from two");
    }

    private static final AppKey<String> NAME = AppKey.of("name", String.class);

    @Test
    void routes_added_to_a_table_later_do_not_reach_an_application() {
        RouteTable table = RouteTable.create().get("/a", says("a"));
        Application app = Application.create().addRoutes(table);
        table.get("/b", says("b"));
        assertThat(app.urls().routes()).extracting(RouteDef::path).containsExactly("/a");
    }

    @Test
    void every_method_helper_registers_its_method(TestClients clients) {
        RouteTable t = RouteTable.create()
                .get("/r", says("get"))
                .post("/r", says("post"))
                .put("/r", says("put"))
                .patch("/r", says("patch"))
                .delete("/r", says("delete"))
                .head("/h", req -> Response.empty(204).header("X-Head", "yes"))
                .options("/r", req -> Response.empty(204).header("Allow", "GET, POST"))
                .route("PURGE", "/r", says("purge"));
        Application app = Application.create().addRoutes(t);
        TestClient client = clients.create(app);
        for (String m : new String[] {"GET", "POST", "PUT", "PATCH", "DELETE", "PURGE"}) {
            Answer res = Answer.of(client.request(m, "/r"));
            assertThat(res.status()).as(m).isEqualTo(200);
            assertThat(res.body()).isEqualTo(m.toLowerCase(java.util.Locale.ROOT));
        }
        Answer head = Answer.of(client.head("/h"));
        assertThat(head.status()).isEqualTo(204);
        assertThat(head.header("X-Head")).isEqualTo("yes");
        assertThat(Answer.of(client.options("/r")).header("Allow")).isEqualTo("GET, POST");
    }

    @Test
    void methods_are_upper_cased_when_registered() {
        RouteTable t = RouteTable.create().route("post", "/x", says("x"));
        assertThat(t.routes().get(0).method()).isEqualTo("POST");
    }

    @Test
    void an_any_method_route_answers_every_method_without_its_own_route(TestClients clients) {
        Application app = Application.create();
        app.routes()
                .route("*", "/echo", req -> Response.text("any " + req.method()))
                .post("/echo", says("own post"));
        TestClient client = clients.create(app);
        assertThat(Answer.text(client.get("/echo"))).isEqualTo("any GET");
        assertThat(Answer.text(client.delete("/echo"))).isEqualTo("any DELETE");
        assertThat(Answer.text(client.request("PURGE", "/echo"))).isEqualTo("any PURGE");
        assertThat(Answer.text(client.post("/echo", o -> o.text("x")))).isEqualTo("own post");
    }

    @Test
    void a_route_registered_twice_fails_naming_where_the_first_was_added() {
        RouteTable t = RouteTable.create();
        int first = here(); t.get("/users/{id}", says("first"));
        assertThatThrownBy(() -> t.get("/users/{id}", says("second")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Route GET /users/{id} already exists (added at RouteTableTest.java:" + first
                        + "); use a different path or remove the earlier route");
    }

    @Test
    void a_route_matching_the_same_paths_under_other_placeholder_names_is_a_duplicate() {
        RouteTable t = RouteTable.create();
        int first = here(); t.get("/users/{id}", says("first"));
        assertThatThrownBy(() -> t.get("/users/{name}", says("second")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("GET /users/{name}")
                .hasMessageContaining("GET /users/{id}")
                .hasMessageContaining("RouteTableTest.java:" + first);
        t.post("/users/{name}", says("another method is fine"));
        t.get("/users/{id:\\d+}", says("a narrower regex is a different route"));
    }

    @Test
    void a_duplicate_from_an_added_table_is_caught_too() {
        Application app = Application.create();
        int first = here(); app.routes().get("/a", says("first"));
        RouteTable other = RouteTable.create().get("/a", says("second"));
        assertThatThrownBy(() -> app.addRoutes(other))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("RouteTableTest.java:" + first);
    }

    @Test
    void a_duplicate_across_a_sub_application_prefix_fails_at_start(TestServers servers) {
        Application admin = Application.create();
        admin.routes().get("/users", says("sub"));
        Application app = Application.create().addSubapp("/admin", admin);
        int first = here(); app.routes().get("/admin/users", says("parent"));
        assertThatThrownBy(() -> servers.start(app))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("GET /admin/users")
                .hasMessageContaining("RouteTableTest.java:" + first);
    }

    @Test
    void a_route_name_is_unique() {
        RouteTable t = RouteTable.create().get("/a", "home", says("a"));
        assertThatThrownBy(() -> t.get("/b", "home", says("b")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Route name 'home' is already used by GET /a");
    }

    @Test
    void a_method_that_is_not_a_token_is_refused() {
        assertThatThrownBy(() -> RouteTable.create().route("GE T", "/", says("x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not an HTTP method");
        assertThatThrownBy(() -> RouteTable.create().route("", "/", says("x")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_malformed_path_is_refused_at_registration() {
        assertThatThrownBy(() -> RouteTable.create().get("users", says("x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must start with '/'");
        assertThatThrownBy(() -> RouteTable.create().get("/a/{id:[}", says("x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not compile");
    }

    @Test
    void handlers_return_a_response_or_an_async_reply_without_casts(TestClients clients) {
        Application app = Application.create();
        app.routes()
                .get("/now", req -> Response.text("now"))
                .get("/later", req -> Reply.async(CompletableFuture.supplyAsync(() -> Response.text("later"))))
                .get("/stage", req -> Reply.async(req.loop().runBlocking(() -> Response.text("blocking"))));
        TestClient client = clients.create(app);
        assertThat(Answer.text(client.get("/now"))).isEqualTo("now");
        assertThat(Answer.text(client.get("/later"))).isEqualTo("later");
        assertThat(Answer.text(client.get("/stage"))).isEqualTo("blocking");
    }

    // ---- annotations

    /** Annotated handlers; public so that the table can call them. */
    public static final class Users {
        @Get(value = "/users/{id}", name = "user")
        public Response get(Request req) {
            return Response.text("user " + req.param("id"));
        }

        @Post("/users")
        public Reply create(Request req) {
            return Reply.async(req.text().thenApply(body -> Response.text("created " + body).status(201)));
        }

        @Put("/users/{id}")
        public CompletionStage<Response> replace(Request req) {
            return CompletableFuture.completedFuture(Response.text("replaced " + req.param("id")));
        }

        @Patch("/users/{id}")
        public Response patch(Request req) {
            return Response.text("patched");
        }

        @Delete("/users/{id}")
        public HttpException delete(Request req) {
            return new HttpException(403, "no deleting");
        }

        @Route(method = "*", path = "/users/any")
        public Response any(Request req) {
            return Response.text("any " + req.method());
        }

        public Response notARoute(Request req) {
            return Response.text("never");
        }
    }

    @Test
    void annotated_methods_become_routes(TestClients clients) {
        Application app = Application.create().addRoutes(RouteTable.of(new Users()));
        TestClient client = clients.create(app);
        assertThat(Answer.text(client.get("/users/7"))).isEqualTo("user 7");
        Answer created = Answer.of(client.post("/users", o -> o.text("ada")));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body()).isEqualTo("created ada");
        assertThat(Answer.text(client.put("/users/7"))).isEqualTo("replaced 7");
        assertThat(Answer.text(client.patch("/users/7"))).isEqualTo("patched");
        Answer deleted = Answer.of(client.delete("/users/7"));
        assertThat(deleted.status()).isEqualTo(403);
        assertThat(deleted.body()).isEqualTo("no deleting");
        assertThat(Answer.text(client.request("TRACE", "/users/any"))).isEqualTo("any TRACE");
        assertThat(app.urls().url("user", java.util.Map.of("id", "7"))).isEqualTo("/users/7");
        assertThat(RouteTable.of(new Users()).size()).isEqualTo(6);
    }

    public static final class TakesTwo {
        @Get("/x")
        public Response handle(Request req, String extra) {
            return Response.text("x");
        }
    }

    public static final class TakesNothing {
        @Get("/x")
        public Response handle() {
            return Response.text("x");
        }
    }

    public static final class ReturnsString {
        @Get("/x")
        public String handle(Request req) {
            return "x";
        }
    }

    public static final class ReturnsVoid {
        @Get("/x")
        public void handle(Request req) {
        }
    }

    public static final class IsStatic {
        @Get("/x")
        public static Response handle(Request req) {
            return Response.text("x");
        }
    }

    public static final class NotPublic {
        @Get("/ok")
        public Response ok(Request req) {
            return Response.text("ok");
        }

        @Get("/hidden")
        Response hidden(Request req) {
            return Response.text("hidden");
        }
    }

    public static final class BadPath {
        @Get("no-slash")
        public Response handle(Request req) {
            return Response.text("x");
        }
    }

    @Test
    void annotated_methods_with_bad_signatures_are_refused_at_registration() {
        assertThatThrownBy(() -> RouteTable.of(new TakesTwo())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("TakesTwo.handle must take exactly one parameter of type Request");
        assertThatThrownBy(() -> RouteTable.of(new TakesNothing())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("TakesNothing.handle must take exactly one parameter of type Request");
        assertThatThrownBy(() -> RouteTable.of(new ReturnsString())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ReturnsString.handle returns String; a route method returns Reply,"
                        + " Response, HttpException or CompletionStage<Response>");
        assertThatThrownBy(() -> RouteTable.of(new ReturnsVoid())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("returns void");
        assertThatThrownBy(() -> RouteTable.of(new IsStatic())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("IsStatic.handle is static");
        assertThatThrownBy(() -> RouteTable.of(new BadPath())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must start with '/'");
    }

    @Test
    void an_annotated_method_that_is_not_public_is_refused_rather_than_skipped() {
        assertThatThrownBy(() -> RouteTable.of(new NotPublic())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NotPublic.hidden")
                .hasMessageContaining("public");
    }

    @Test
    void an_object_without_annotated_methods_is_refused() {
        assertThatThrownBy(() -> RouteTable.of(new Object())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.Object has no public method annotated with @Get");
    }
}
